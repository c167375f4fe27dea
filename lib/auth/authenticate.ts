import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { clearRateLimit, hitRateLimit, refundRateLimit, type RateLimitResult } from "@/lib/infra/rate-limit";
import { normalizeEmail } from "./email";
import { verifyAgainstDummy, verifyPassword } from "./password";
import type { Role } from "./roles";
import { sessionUserColumns } from "./sessions";

/**
 * Sign-in throttling (OWASP device cookies). A browser holding a device cookie for the account
 * has its own allowance (`perDevice`) and is counted nowhere else. Everyone else shares the
 * account's "untrusted" allowance and their address's: 5 per 15 minutes per account, then 20
 * per day (the delay grows from minutes to hours), and 30 per 15 minutes per address.
 */
export const SIGN_IN_LIMITS = {
  perDevice: 5,
  perAccount: 5,
  perAccountDaily: 20,
  perIp: 30,
  windowSeconds: 15 * 60,
  dailyWindowSeconds: 24 * 60 * 60,
} as const;

export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect.";

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  if (retryAfterSeconds > 90 * 60) {
    const hours = Math.ceil(retryAfterSeconds / 3600);
    return `Too many sign-in attempts. Try again in ${hours} hours, or from a browser you have signed in with before.`;
  }
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export type AuthenticatedUser = {
  id: string;
  email: string;
  name: string;
  role: Role;
  emailVerifiedAt: Date | null;
  sessionVersion: number;
};

export type AuthenticateResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "rate_limited"; message: string; retryAfterSeconds: number };

export type SignInContext = {
  ip: string;
  /** The nonce of a genuine device cookie issued for this email (lib/auth/device-cookie.ts). */
  deviceNonce?: string | null;
  now?: Date;
};

/**
 * Checks an email and password. The answer never tells whether the email exists: an unknown
 * email gets the same message and still spends an argon2 verification. Every attempt is counted
 * up front (atomic, so parallel guesses cannot slip through); a success then clears the counts
 * of its own kind, so only failures add up.
 */
export async function authenticate(
  db: Db,
  rawEmail: string,
  password: string,
  ctx: SignInContext,
): Promise<AuthenticateResult> {
  const email = normalizeEmail(rawEmail);
  const now = ctx.now ?? new Date();
  const L = SIGN_IN_LIMITS;
  const deviceKey = ctx.deviceNonce ? `signin:device:${ctx.deviceNonce}` : null;
  const accountKey = `signin:account:${email}`;
  const accountDailyKey = `signin:account-day:${email}`;
  const ipKey = `signin:ip:${ctx.ip}`;

  let hits: RateLimitResult[];
  if (deviceKey) {
    hits = [await hitRateLimit(db, deviceKey, L.perDevice, L.windowSeconds, now)];
  } else {
    hits = [
      await hitRateLimit(db, ipKey, L.perIp, L.windowSeconds, now),
      await hitRateLimit(db, accountKey, L.perAccount, L.windowSeconds, now),
      await hitRateLimit(db, accountDailyKey, L.perAccountDaily, L.dailyWindowSeconds, now),
    ];
  }
  const blocked = hits.filter((r) => !r.allowed);
  if (blocked.length > 0) {
    const retryAfterSeconds = Math.max(...blocked.map((r) => r.retryAfterSeconds));
    return { ok: false, reason: "rate_limited", retryAfterSeconds, message: tooManyAttemptsMessage(retryAfterSeconds) };
  }

  const [user] = await db
    .select({ ...sessionUserColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);

  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) return { ok: false, reason: "invalid", message: INVALID_CREDENTIALS_MESSAGE };

  if (deviceKey) {
    await clearRateLimit(db, deviceKey);
  } else {
    await clearRateLimit(db, accountKey);
    await refundRateLimit(db, accountDailyKey);
    await refundRateLimit(db, ipKey);
  }
  const { passwordHash: _hash, ...safe } = user;
  return { ok: true, user: safe };
}

export type PasswordCheck = { ok: true } | { ok: false; reason: "invalid" } | { ok: false; reason: "rate_limited"; message: string; retryAfterSeconds: number };

/**
 * Checks a signed-in user's current password (changing it, deleting the account) against the
 * same per-account counters as sign-in: guesses here and at /login add up to one allowance, so
 * a stolen session cannot try passwords without limit. A success clears the count, like a
 * sign-in. An unknown user is "invalid".
 */
export async function checkCurrentPassword(db: Db, userId: string, password: string, now: Date = new Date()): Promise<PasswordCheck> {
  const [user] = await db.select({ email: users.email, passwordHash: users.passwordHash }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return { ok: false, reason: "invalid" };
  const L = SIGN_IN_LIMITS;
  const accountKey = `signin:account:${user.email}`;
  const accountDailyKey = `signin:account-day:${user.email}`;
  const hits = [
    await hitRateLimit(db, accountKey, L.perAccount, L.windowSeconds, now),
    await hitRateLimit(db, accountDailyKey, L.perAccountDaily, L.dailyWindowSeconds, now),
  ];
  const blocked = hits.filter((r) => !r.allowed);
  if (blocked.length > 0) {
    const retryAfterSeconds = Math.max(...blocked.map((r) => r.retryAfterSeconds));
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds,
      message: `Too many wrong passwords. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
    };
  }
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: "invalid" };
  await clearRateLimit(db, accountKey);
  await refundRateLimit(db, accountDailyKey);
  return { ok: true };
}
