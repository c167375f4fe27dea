import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { passwordResetTokens, users } from "@/db/schema";
import { env } from "@/lib/infra/env";
import { queueMail } from "@/lib/infra/outbox/mail";
import { hitRateLimit } from "@/lib/infra/rate-limit";
import { normalizeEmail } from "./email";
import { hashPassword } from "./password";
import { endAllSessions } from "./sessions";
import { hashToken, looksLikeToken, newToken } from "@/lib/infra/tokens";

export const RESET_TTL_MINUTES = 60;
/** Reset mails per account and requests per address: enough for a forgetful user, no mail flood. */
export const RESET_LIMITS = { perAccount: 3, perIp: 10, windowSeconds: 60 * 60 } as const;

/** The one answer to every reset request, whether or not the email has an account. */
export const RESET_REQUESTED_MESSAGE =
  "If an account uses that email, we've sent it a link to choose a new password. The link works for 1 hour.";

export type ResetRequestResult = { ok: true } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Mails a single-use reset link (only its sha256 is stored; 1 hour) when the email has an
 * account. The caller answers RESET_REQUESTED_MESSAGE either way; only the per-address limit
 * can refuse, and it counts every request, so the refusal says nothing about the email.
 */
export async function requestPasswordReset(db: Db, rawEmail: string, ip: string, now: Date = new Date()): Promise<ResetRequestResult> {
  const byIp = await hitRateLimit(db, `reset:ip:${ip}`, RESET_LIMITS.perIp, RESET_LIMITS.windowSeconds, now);
  if (!byIp.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: byIp.retryAfterSeconds };
  const email = normalizeEmail(rawEmail);
  // Counted for unknown emails too, so the work done does not depend on whether it exists.
  const byAccount = await hitRateLimit(db, `reset:account:${email}`, RESET_LIMITS.perAccount, RESET_LIMITS.windowSeconds, now);
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  // Over the account's limit: silently send nothing more (the answer stays the same).
  if (!user || !byAccount.allowed) return { ok: true };
  const token = newToken();
  const url = `${env().APP_URL}/reset-password/${token}`;
  await db.transaction(async (tx) => {
    await tx.insert(passwordResetTokens).values({
      userId: user.id,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + RESET_TTL_MINUTES * 60_000),
    });
    await queueMail(tx, {
      to: user.email,
      subject: "Reset your Slotbook password",
      text: [
        `Hi ${user.name},`,
        "",
        "Someone (hopefully you) asked to reset the password of your Slotbook account. Choose a new one here:",
        url,
        "",
        `The link works once and expires in ${RESET_TTL_MINUTES} minutes. If you did not ask, ignore this mail: your password stays as it is.`,
      ].join("\n"),
    });
  });
  return { ok: true };
}

export type ResetTokenState = "valid" | "unknown" | "expired" | "used";

/** Whether a reset link can still be used (for the landing page; spends nothing). */
export async function checkResetToken(db: Db, token: string, now: Date = new Date()): Promise<ResetTokenState> {
  if (!looksLikeToken(token)) return "unknown";
  const [row] = await db
    .select({ usedAt: passwordResetTokens.usedAt, expiresAt: passwordResetTokens.expiresAt })
    .from(passwordResetTokens)
    .where(eq(passwordResetTokens.tokenHash, hashToken(token)))
    .limit(1);
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
}

export type ResetResult = { ok: true; email: string } | { ok: false; reason: "unknown" | "expired" | "used" };

/**
 * Sets a new password with a reset token: claims the token atomically (of two concurrent uses
 * one wins), spends the user's other reset links and ends every session of the user.
 */
export async function resetPassword(db: Db, token: string, newPassword: string, now: Date = new Date()): Promise<ResetResult> {
  if (!looksLikeToken(token)) return { ok: false, reason: "unknown" };
  const tokenHash = hashToken(token);
  const passwordHash = await hashPassword(newPassword);
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  return db.transaction(async (tx): Promise<ResetResult> => {
    const [claimed] = await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.tokenHash, tokenHash), isNull(passwordResetTokens.usedAt), gt(passwordResetTokens.expiresAt, nowSql)))
      .returning({ userId: passwordResetTokens.userId });
    if (!claimed) {
      const state = await checkResetToken(tx as unknown as Db, token, now);
      return { ok: false, reason: state === "valid" ? "used" : state };
    }
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, claimed.userId))
      .returning({ id: users.id, email: users.email });
    if (!user) return { ok: false, reason: "unknown" };
    await tx
      .update(passwordResetTokens)
      .set({ usedAt: now })
      .where(and(eq(passwordResetTokens.userId, user.id), isNull(passwordResetTokens.usedAt)));
    await endAllSessions(tx, user.id);
    return { ok: true, email: user.email };
  });
}
