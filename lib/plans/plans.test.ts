import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { providers } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { createProviderFixture } from "@/test/fixtures";
import { AppError } from "@/lib/infra/errors";
import { addMonths, getPlanSummary, isPro, setPlanBySlug, startTrial, TRIAL_DAYS } from "./plans";

const NOW = new Date("2030-01-31T10:00:00Z");

describe("isPro", () => {
  it("is PRO while plan is pro and proUntil is unset or in the future", () => {
    expect(isPro({ plan: "pro", proUntil: null }, NOW)).toBe(true);
    expect(isPro({ plan: "pro", proUntil: new Date(NOW.getTime() + 1) }, NOW)).toBe(true);
    expect(isPro({ plan: "pro", proUntil: NOW }, NOW)).toBe(false);
    expect(isPro({ plan: "free", proUntil: null }, NOW)).toBe(false);
  });

  it("adds calendar months, clamped to the end of a shorter month", () => {
    expect(addMonths(NOW, 1).toISOString()).toBe("2030-02-28T10:00:00.000Z");
    expect(addMonths(NOW, 12).toISOString()).toBe("2031-01-31T10:00:00.000Z");
  });
});

describe.each(testDrivers())("plans on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("gives a 14-day trial once per provider, even to a double click", async () => {
    const { provider } = await createProviderFixture(t.db);
    const results = await Promise.allSettled([startTrial(t.db, provider.id, NOW), startTrial(t.db, provider.id, NOW)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const summary = await getPlanSummary(t.db, provider.id, NOW);
    expect(summary).toMatchObject({ pro: true, trialUsed: true });
    expect(summary.proUntil!.getTime()).toBe(NOW.getTime() + TRIAL_DAYS * 86_400_000);
    // After it lapses, it cannot be taken again.
    const later = new Date(NOW.getTime() + 20 * 86_400_000);
    expect((await getPlanSummary(t.db, provider.id, later)).pro).toBe(false);
    await expect(startTrial(t.db, provider.id, later)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "CONFLICT");
  });

  it("sets PRO for some months from the command-line seam, and back to FREE", async () => {
    const { provider } = await createProviderFixture(t.db);
    expect(await setPlanBySlug(t.db, provider.slug, { plan: "pro", months: 3 }, NOW)).toEqual({ plan: "pro", proUntil: addMonths(NOW, 3) });
    // Extending adds to the running period.
    expect((await setPlanBySlug(t.db, provider.slug, { plan: "pro", months: 1 }, NOW)).proUntil).toEqual(addMonths(addMonths(NOW, 3), 1));
    await setPlanBySlug(t.db, provider.slug, { plan: "free" }, NOW);
    const [row] = await t.db.select({ plan: providers.plan, proUntil: providers.proUntil }).from(providers).where(eq(providers.id, provider.id));
    expect(row).toEqual({ plan: "free", proUntil: null });
    await expect(setPlanBySlug(t.db, "no-such-slug", { plan: "free" }, NOW)).rejects.toSatisfy((e) => e instanceof AppError && e.code === "NOT_FOUND");
  });
});
