import { eq, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { proTrials, providers } from "@/db/schema";
import { AppError } from "@/lib/infra/errors";

export const TRIAL_DAYS = 14;

/**
 * The one plan rule: PRO while plan = 'pro' and proUntil is unset or in the future; otherwise
 * FREE. Staff, calendar sync, the dashboard menu and the server guards all ask this.
 */
export function isPro(p: { plan: "free" | "pro"; proUntil: Date | null }, now: Date = new Date()): boolean {
  return p.plan === "pro" && (p.proUntil === null || p.proUntil.getTime() > now.getTime());
}

export type PlanSummary = { pro: boolean; plan: "free" | "pro"; proUntil: Date | null; trialUsed: boolean; trialEndsAt: Date | null };

export async function getPlanSummary(db: DbOrTx, providerId: string, now = new Date()): Promise<PlanSummary> {
  const [row] = await db
    .select({ plan: providers.plan, proUntil: providers.proUntil, trialEndsAt: proTrials.endsAt })
    .from(providers)
    .leftJoin(proTrials, eq(proTrials.providerId, providers.id))
    .where(eq(providers.id, providerId));
  if (!row) throw new AppError("NOT_FOUND");
  return { pro: isPro(row, now), plan: row.plan, proUntil: row.proUntil, trialUsed: row.trialEndsAt !== null, trialEndsAt: row.trialEndsAt };
}

/** PRO of the provider as stored now (read in the caller's transaction when given one). */
export async function isProviderPro(db: DbOrTx, providerId: string, now = new Date()): Promise<boolean> {
  const [row] = await db.select({ plan: providers.plan, proUntil: providers.proUntil }).from(providers).where(eq(providers.id, providerId));
  return !!row && isPro(row, now);
}

/**
 * Starts the 14-day trial: once per provider ever (the pro_trials primary key decides, even
 * under a double click), and not while PRO is already active.
 */
export async function startTrial(db: Db, providerId: string, now = new Date()): Promise<Date> {
  return db.transaction(async (tx) => {
    const [p] = await tx
      .select({ plan: providers.plan, proUntil: providers.proUntil })
      .from(providers)
      .where(eq(providers.id, providerId))
      .for("update");
    if (!p) throw new AppError("NOT_FOUND");
    if (isPro(p, now)) throw new AppError("INVALID_STATE", "Your PRO plan is already active.");
    const endsAt = new Date(now.getTime() + TRIAL_DAYS * 86_400_000);
    const inserted = await tx
      .insert(proTrials)
      .values({ providerId, startedAt: now, endsAt })
      .onConflictDoNothing()
      .returning({ providerId: proTrials.providerId });
    if (!inserted.length) throw new AppError("CONFLICT", "The free trial has already been used for this business.");
    await tx.update(providers).set({ plan: "pro", proUntil: endsAt, updatedAt: now }).where(eq(providers.id, providerId));
    return endsAt;
  });
}

/** The seam a payment provider plugs into: PRO for n months from now (or from a later end), or FREE. */
export async function setPlanBySlug(
  db: Db,
  slug: string,
  plan: { plan: "pro"; months: number } | { plan: "free" },
  now = new Date(),
): Promise<{ plan: "free" | "pro"; proUntil: Date | null }> {
  return db.transaction(async (tx) => {
    const [p] = await tx
      .select({ id: providers.id, plan: providers.plan, proUntil: providers.proUntil })
      .from(providers)
      .where(eq(providers.slug, slug))
      .for("update");
    if (!p) throw new AppError("NOT_FOUND", `No provider with slug "${slug}".`);
    if (plan.plan === "free") {
      await tx.update(providers).set({ plan: "free", proUntil: null, updatedAt: sql`now()` }).where(eq(providers.id, p.id));
      return { plan: "free" as const, proUntil: null };
    }
    if (!Number.isInteger(plan.months) || plan.months < 1 || plan.months > 120) {
      throw new AppError("VALIDATION", "Months must be a whole number from 1 to 120.");
    }
    const from = p.plan === "pro" && p.proUntil && p.proUntil > now ? p.proUntil : now;
    const until = addMonths(from, plan.months);
    await tx.update(providers).set({ plan: "pro", proUntil: until, updatedAt: sql`now()` }).where(eq(providers.id, p.id));
    return { plan: "pro" as const, proUntil: until };
  });
}

/** Calendar months in UTC, clamped to the month's last day (Jan 31 + 1 → Feb 28/29). */
export function addMonths(d: Date, months: number): Date {
  const out = new Date(d);
  const day = out.getUTCDate();
  out.setUTCDate(1);
  out.setUTCMonth(out.getUTCMonth() + months);
  const last = new Date(Date.UTC(out.getUTCFullYear(), out.getUTCMonth() + 1, 0)).getUTCDate();
  out.setUTCDate(Math.min(day, last));
  return out;
}
