import { and, eq, isNotNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { emailVerificationTokens, mailMessages, passwordResetTokens, rateLimits } from "@/db/schema";

/**
 * What the hourly housekeeping job deletes. A rate-limit row whose window has passed would be
 * reset by its next hit anyway (the longest window is a day); spent and expired tokens are kept
 * a week so their links still say "already used"/"expired"; captured mail (no SMTP) a month.
 */
export const RETENTION = {
  rateLimitDays: 1,
  spentTokenDays: 7,
  capturedMailDays: 30,
} as const;

export type PurgeCounts = { rateLimits: number; verificationTokens: number; resetTokens: number; capturedMail: number };

const daysBefore = (now: Date, days: number) => sql`${new Date(now.getTime() - days * 86_400_000).toISOString()}::timestamptz`;

/** Account tokens used or expired before the cutoff; both tables share their columns (accountTokenColumns). */
function purgeSpentTokens(db: Db, t: typeof emailVerificationTokens | typeof passwordResetTokens, cutoff: SQL) {
  return db
    .delete(t)
    .where(or(and(isNotNull(t.usedAt), lt(t.usedAt, cutoff)), lt(t.expiresAt, cutoff)))
    .returning({ id: t.id });
}

export async function purgeExpired(db: Db, now: Date = new Date()): Promise<PurgeCounts> {
  const tokenCutoff = daysBefore(now, RETENTION.spentTokenDays);
  const limits = await db
    .delete(rateLimits)
    .where(lt(rateLimits.windowStart, daysBefore(now, RETENTION.rateLimitDays)))
    .returning({ key: rateLimits.key });
  const verification = await purgeSpentTokens(db, emailVerificationTokens, tokenCutoff);
  const resets = await purgeSpentTokens(db, passwordResetTokens, tokenCutoff);
  const mail = await db
    .delete(mailMessages)
    .where(and(eq(mailMessages.status, "captured"), lt(mailMessages.createdAt, daysBefore(now, RETENTION.capturedMailDays))))
    .returning({ id: mailMessages.id });
  return { rateLimits: limits.length, verificationTokens: verification.length, resetTokens: resets.length, capturedMail: mail.length };
}
