import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { clearRateLimit, hitRateLimit, refundRateLimit } from "@/lib/rate-limit";
import { normalizeEmail } from "./email";
import { verifyAgainstDummy, verifyPassword } from "./password";
import type { Role } from "./roles";

/** Sign-in throttling: failed attempts per account and per client IP, in 15-minute windows. */
export const SIGN_IN_LIMITS = {
  perAccount: 5,
  perIp: 30,
  windowSeconds: 15 * 60,
} as const;

export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect.";

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

export type AuthenticatedUser = { id: string; email: string; name: string; role: Role; emailVerifiedAt: Date | null };

export type AuthenticateResult =
  | { ok: true; user: AuthenticatedUser }
  | { ok: false; reason: "invalid"; message: string }
  | { ok: false; reason: "rate_limited"; message: string; retryAfterSeconds: number };

/**
 * Checks an email and password. The answer never tells whether the email exists: an unknown
 * email gets the same message and still spends an argon2 verification. Every attempt is counted
 * against the account and the IP up front (atomic, so parallel guesses cannot slip through); a
 * success then clears the account's count and gives its IP hit back, so only failures add up.
 */
export async function authenticate(
  db: Db,
  rawEmail: string,
  password: string,
  ip: string,
  now: Date = new Date(),
): Promise<AuthenticateResult> {
  const email = normalizeEmail(rawEmail);
  const accountKey = `signin:account:${email}`;
  const { perAccount, perIp, windowSeconds } = SIGN_IN_LIMITS;
  const ipKey = `signin:ip:${ip}`;
  const byIp = await hitRateLimit(db, ipKey, perIp, windowSeconds, now);
  const byAccount = await hitRateLimit(db, accountKey, perAccount, windowSeconds, now);
  const blocked = [byIp, byAccount].filter((r) => !r.allowed);
  if (blocked.length > 0) {
    const retryAfterSeconds = Math.max(...blocked.map((r) => r.retryAfterSeconds));
    return { ok: false, reason: "rate_limited", retryAfterSeconds, message: tooManyAttemptsMessage(retryAfterSeconds) };
  }

  const [user] = await db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      emailVerifiedAt: users.emailVerifiedAt,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);

  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!user || !valid) return { ok: false, reason: "invalid", message: INVALID_CREDENTIALS_MESSAGE };

  await clearRateLimit(db, accountKey);
  await refundRateLimit(db, ipKey);
  const { passwordHash: _hash, ...safe } = user;
  return { ok: true, user: safe };
}
