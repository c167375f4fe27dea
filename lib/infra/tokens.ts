import { createHash, randomBytes } from "node:crypto";

/*
 * Tokens in links (email verification, guest manage links, invites): 32 random bytes,
 * base64url (43 characters). Only the sha256 is stored, so a database leak hands out no
 * working links.
 */

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A fresh token and the hash to store. */
export function newTokenWithHash(): { token: string; hash: string } {
  const token = newToken();
  return { token, hash: hashToken(token) };
}

/** Cheap shape check before touching the database: anything else cannot be a token we issued. */
export function looksLikeToken(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}
