import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { clearRateLimit, hitRateLimit } from "./rate-limit";

describe.each(testDrivers())("rate limit on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("allows `limit` hits per window, then refuses with the time left, then resets", async () => {
    const now = new Date("2026-03-01T10:00:00Z");
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(t.db, "k1", 3, 60, now));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterSeconds).toBe(60);
    const later = await hitRateLimit(t.db, "k1", 3, 60, new Date(now.getTime() + 61_000));
    expect(later.allowed).toBe(true);
    expect(later.remaining).toBe(2);
  });

  it("counts concurrent hits exactly", async () => {
    const now = new Date("2026-03-01T11:00:00Z");
    const results = await Promise.all(Array.from({ length: 20 }, () => hitRateLimit(t.db, "k2", 5, 60, now)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
  });

  it("clears a key", async () => {
    const now = new Date("2026-03-01T12:00:00Z");
    for (let i = 0; i < 3; i++) await hitRateLimit(t.db, "k3", 2, 60, now);
    await clearRateLimit(t.db, "k3");
    expect((await hitRateLimit(t.db, "k3", 2, 60, now)).allowed).toBe(true);
  });
});
