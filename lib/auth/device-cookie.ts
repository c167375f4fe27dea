import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/**
 * OWASP's device cookie: after a successful sign-in the browser gets a signed cookie naming the
 * account and a random nonce. Sign-in attempts that present a valid one for the email being
 * tried are throttled per device only, so failures from anywhere else (a stranger guessing at
 * a public provider email) never lock the owner out of the browser they use.
 */
export const DEVICE_COOKIE = "slotbook_device";
export const DEVICE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

function sign(secret: string, payload: string): string {
  return createHmac("sha256", `device-cookie:${secret}`).update(payload).digest("base64url");
}

/** A fresh cookie value for `email` (already normalised). */
export function issueDeviceCookie(secret: string, email: string): string {
  const payload = `${Buffer.from(email).toString("base64url")}.${randomBytes(16).toString("base64url")}`;
  return `${payload}.${sign(secret, payload)}`;
}

/** The cookie's nonce when it is genuine and was issued for `email`; otherwise null. */
export function deviceNonceFor(secret: string, value: string | undefined | null, email: string): string | null {
  if (!value || value.length > 1000) return null;
  const parts = value.split(".");
  if (parts.length !== 3) return null;
  const [who, nonce, mac] = parts as [string, string, string];
  const expected = Buffer.from(sign(secret, `${who}.${nonce}`));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  if (Buffer.from(who, "base64url").toString() !== email) return null;
  return nonce;
}
