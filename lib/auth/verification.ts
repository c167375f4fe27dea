import { and, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { emailVerificationTokens, users } from "@/db/schema";
import { linkAppointmentsToAccount } from "@/lib/booking/write";
import { env } from "@/lib/infra/env";
import { AppError } from "@/lib/infra/errors";
import { queueMail } from "@/lib/infra/outbox/mail";
import { hitRateLimit } from "@/lib/infra/rate-limit";
import { hashToken, newToken } from "@/lib/infra/tokens";

export const VERIFICATION_TTL_HOURS = 24;
/** New verification links per account: a few an hour is plenty, and stops mail flooding. */
export const RESEND_LIMIT = { count: 3, windowSeconds: 60 * 60 };

export function verificationUrl(token: string): string {
  return `${env().APP_URL}/verify-email/${token}`;
}

/** Creates a verification token and mails its link, in the caller's transaction. */
export async function issueVerification(
  tx: Tx,
  user: { id: string; email: string; name: string },
  now: Date = new Date(),
): Promise<string> {
  const token = newToken();
  await tx.insert(emailVerificationTokens).values({
    userId: user.id,
    tokenHash: hashToken(token),
    expiresAt: new Date(now.getTime() + VERIFICATION_TTL_HOURS * 3600_000),
  });
  const url = verificationUrl(token);
  await queueMail(tx, {
    to: user.email,
    subject: "Verify your email for Slotbook",
    text: [
      `Hi ${user.name},`,
      "",
      "Please confirm your email address by opening this link:",
      url,
      "",
      `The link works once and expires in ${VERIFICATION_TTL_HOURS} hours. If you did not create a Slotbook account, ignore this mail.`,
    ].join("\n"),
  });
  return token;
}

export type VerifyResult =
  | { ok: true; userId: string; email: string; linkedAppointments: number }
  | { ok: false; reason: "unknown" | "expired" | "used" };

/**
 * Uses a verification token: marks the email verified and the token used, and only then
 * attaches the guest bookings made with this email (never on an unverified email, or anyone
 * could claim another person's bookings by registering with their address).
 */
export async function verifyEmail(db: Db, token: string, now: Date = new Date()): Promise<VerifyResult> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { ok: false, reason: "unknown" };
  const tokenHash = hashToken(token);
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  return db.transaction(async (tx): Promise<VerifyResult> => {
    // Claim the token atomically: of two concurrent uses, one wins.
    const [claimed] = await tx
      .update(emailVerificationTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(emailVerificationTokens.tokenHash, tokenHash),
          isNull(emailVerificationTokens.usedAt),
          gt(emailVerificationTokens.expiresAt, nowSql),
        ),
      )
      .returning({ userId: emailVerificationTokens.userId });
    if (!claimed) {
      const [row] = await tx
        .select({ usedAt: emailVerificationTokens.usedAt })
        .from(emailVerificationTokens)
        .where(eq(emailVerificationTokens.tokenHash, tokenHash))
        .limit(1);
      return { ok: false, reason: !row ? "unknown" : row.usedAt ? "used" : "expired" };
    }
    const [user] = await tx
      .update(users)
      .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${nowSql})` })
      .where(eq(users.id, claimed.userId))
      .returning({ id: users.id, email: users.email, role: users.role });
    if (!user) return { ok: false, reason: "unknown" };
    // Other outstanding links for this account are spent too.
    await tx
      .update(emailVerificationTokens)
      .set({ usedAt: now })
      .where(and(eq(emailVerificationTokens.userId, user.id), isNull(emailVerificationTokens.usedAt)));
    let linkedAppointments = 0;
    if (user.role === "client") {
      const linked = await linkAppointmentsToAccount(tx, {
        userId: user.id,
        email: user.email,
        actor: { kind: "client", userId: user.id },
        now,
      });
      linkedAppointments = linked.length;
    }
    return { ok: true, userId: user.id, email: user.email, linkedAppointments };
  });
}

/**
 * Mails a fresh verification link to a signed-in, unverified user. Rate-limited per account.
 * Returns false when the email is already verified (nothing sent).
 */
export async function resendVerification(db: Db, userId: string, now: Date = new Date()): Promise<boolean> {
  const [user] = await db
    .select({ id: users.id, email: users.email, name: users.name, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  if (!user) throw new AppError("NOT_FOUND");
  if (user.verifiedAt) return false;
  const limit = await hitRateLimit(db, `verify-resend:${user.id}`, RESEND_LIMIT.count, RESEND_LIMIT.windowSeconds, now);
  if (!limit.allowed) {
    const minutes = Math.max(1, Math.ceil(limit.retryAfterSeconds / 60));
    throw new AppError("RATE_LIMITED", `You've asked for several links already. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`, {
      retryAfter: limit.retryAfterSeconds,
    });
  }
  await db.transaction((tx) => issueVerification(tx, user, now));
  return true;
}
