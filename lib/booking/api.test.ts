import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { AppError } from "@/lib/infra/errors";
import { env } from "@/lib/infra/env";
import { errorResponse, readJsonObject } from "@/lib/infra/http";
import { bookingResponse, enforceApiRateLimit, slotsResponse } from "./api";
import { bookingIcsOrNull } from "./ics-download";
import { createProviderFixture, guestContact } from "@/test/fixtures";
import { newTokenWithHash } from "@/lib/infra/tokens";

const now = new Date("2026-03-02T08:00:00Z");

/** What the route handler would answer for this failure. */
async function answer(p: Promise<unknown>) {
  const res = errorResponse(await p.then(() => new Error("expected a failure"), (e: unknown) => e));
  return { status: res.status, body: (await res.json()) as { error: string; fieldErrors?: Record<string, string[]> }, res };
}

describe.each(testDrivers())("public booking API on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { provider: { slug: "api-studio" } });
  const body = (over: Record<string, unknown> = {}) => ({
    serviceId: f.service.id,
    start: "2026-03-03T10:00:00+01:00",
    ...guestContact,
    ...over,
  });

  it("lists slots as ISO strings", async () => {
    const r = await slotsResponse(t.db, "api-studio", { serviceId: f.service.id, from: "2026-03-03", to: "2026-03-03" }, now);
    expect(r.timezone).toBe("Europe/Berlin");
    expect(r.slots[0]).toEqual({ start: "2026-03-03T08:00:00.000Z", end: "2026-03-03T08:30:00.000Z", staffIds: [] });
    expect(r.slots).toHaveLength(16);
  });

  it("answers 422 with fieldErrors for a bad slots query and 404 for an unknown provider or service", async () => {
    const bad = await answer(slotsResponse(t.db, "api-studio", { serviceId: "x", from: "2026-03-03", to: "2026-03-01" }, now));
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.fieldErrors!).sort()).toEqual(["serviceId", "to"]);
    const slug = await answer(slotsResponse(t.db, "nope", { serviceId: f.service.id, from: "2026-03-03", to: "2026-03-03" }, now));
    expect(slug.status).toBe(404);
    const other = await createProviderFixture(t.db);
    const foreign = await answer(slotsResponse(t.db, "api-studio", { serviceId: other.service.id, from: "2026-03-03", to: "2026-03-03" }, now));
    expect(foreign).toMatchObject({ status: 404, body: { error: "We couldn't find that service." } });
  });

  it("books as a guest and answers id, times, status and the manage URL", async () => {
    const r = await bookingResponse(t.db, "api-studio", body(), now);
    expect(r).toMatchObject({ start: "2026-03-03T09:00:00.000Z", end: "2026-03-03T09:30:00.000Z", staffId: null, status: "confirmed" });
    expect(r.manageUrl).toMatch(/^http:\/\/localhost:3000\/bookings\/[A-Za-z0-9_-]{43}$/);
    const token = r.manageUrl.split("/").at(-1)!;
    const ics = await bookingIcsOrNull(t.db, token);
    expect(ics).toContain("DTSTART:20260303T090000Z");
    expect(ics).toContain(`UID:${r.id}@slotbook`);
    expect(await bookingIcsOrNull(t.db, newTokenWithHash().token)).toBeNull();

    const again = await answer(bookingResponse(t.db, "api-studio", body(), now));
    expect(again).toMatchObject({ status: 409, body: { error: "Sorry, that time was just taken. Please pick another time." } });
  });

  it("answers 422 with fieldErrors for invalid input, including times that are not bookable", async () => {
    const missing = await answer(bookingResponse(t.db, "api-studio", {}, now));
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.fieldErrors!).sort()).toEqual(["email", "name", "phone", "serviceId", "start"]);
    expect(missing.body.fieldErrors!.name).toEqual(["Name is required"]);

    const noOffset = await answer(bookingResponse(t.db, "api-studio", body({ start: "2026-03-03T10:00:00" }), now));
    expect(noOffset.body.fieldErrors!.start![0]).toContain("UTC offset");

    for (const start of ["2026-03-01T10:00:00+01:00", "2026-03-03T10:10:00+01:00", "2026-03-03T20:00:00+01:00"]) {
      const r = await answer(bookingResponse(t.db, "api-studio", body({ start }), now));
      expect(r.status).toBe(422);
      expect(r.body.fieldErrors!.start).toHaveLength(1);
    }
  });

  it("turns a non-JSON body into 422, and RATE_LIMITED into 429 with Retry-After", async () => {
    for (const raw of ["not json", "[1,2]", "null", ""]) {
      const r = await answer(readJsonObject(new Request("http://x/", { method: "POST", body: raw })));
      expect(r.status).toBe(422);
      expect(r.body.fieldErrors).toEqual({});
    }
    const limited = errorResponse(new AppError("RATE_LIMITED", undefined, { retryAfter: 17 }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("17");
  });

  it("limits each IP to RATE_LIMIT_PER_MINUTE requests a minute, separately (0 = no limit)", async () => {
    const limit = env().RATE_LIMIT_PER_MINUTE;
    for (let i = 0; i < Math.max(limit, 5); i++) await enforceApiRateLimit(t.db, "203.0.113.7");
    if (limit === 0) return; // turned off: nothing above was refused
    const r = await answer(enforceApiRateLimit(t.db, "203.0.113.7"));
    expect(r.status).toBe(429);
    expect(Number(r.res.headers.get("Retry-After"))).toBeGreaterThan(0);
    await expect(enforceApiRateLimit(t.db, "203.0.113.8")).resolves.toBeUndefined();
  });
});
