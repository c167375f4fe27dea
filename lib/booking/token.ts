import { createHash, randomBytes } from "node:crypto";

/**
 * Guest manage links: 32 random bytes, base64url (43 characters). Only the sha256 is stored,
 * so a database leak does not hand out working links.
 */
export function newManageToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashManageToken(token) };
}

export function hashManageToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Cheap shape check before touching the database: anything else cannot be a token we issued. */
export function looksLikeManageToken(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}
