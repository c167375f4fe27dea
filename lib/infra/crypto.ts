import "server-only";
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";
import { env } from "@/lib/infra/env";

/*
 * Secrets at rest (OAuth tokens): AES-256-GCM with a fresh 96-bit nonce per value. The stored
 * string carries the id of the key that sealed it, so keys can rotate: the current key
 * (TOKEN_ENCRYPTION_KEY) seals, it and the old ones (TOKEN_ENCRYPTION_KEYS_OLD) open.
 * Format: `v1.<keyId>.<nonce>.<ciphertext>.<tag>` (base64url). `context` is bound as
 * associated data, so a value cannot be moved to another column and still open.
 */

export type Keyring = { current: { id: string; key: Buffer }; all: Map<string, Buffer> };

export class DecryptError extends Error {
  constructor(message = "The stored secret could not be decrypted") {
    super(message);
    this.name = "DecryptError";
  }
}

/** Key id: the first 8 bytes of the key's sha256 (hex). Names a key without revealing it. */
export function keyId(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 16);
}

function decodeKey(b64: string, name: string): Buffer {
  const key = Buffer.from(b64.trim(), "base64");
  if (key.length !== 32) throw new Error(`${name}: each key must be exactly 32 bytes, base64-encoded`);
  return key;
}

export function keyringFrom(currentB64: string, oldB64?: string): Keyring {
  const current = decodeKey(currentB64, "TOKEN_ENCRYPTION_KEY");
  const all = new Map<string, Buffer>();
  for (const part of (oldB64 ?? "").split(/[\s,]+/).filter(Boolean)) {
    const k = decodeKey(part, "TOKEN_ENCRYPTION_KEYS_OLD");
    all.set(keyId(k), k);
  }
  all.set(keyId(current), current);
  return { current: { id: keyId(current), key: current }, all };
}

let cachedRing: Keyring | undefined;
/** The process's keyring, from the environment (parsed on first use). */
export function appKeyring(): Keyring {
  if (!cachedRing) {
    const e = env();
    cachedRing = keyringFrom(e.TOKEN_ENCRYPTION_KEY, e.TOKEN_ENCRYPTION_KEYS_OLD);
  }
  return cachedRing;
}

const b64u = (b: Buffer) => b.toString("base64url");

export function encryptSecret(plaintext: string, context: string, ring: Keyring = appKeyring()): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", ring.current.key, nonce);
  cipher.setAAD(Buffer.from(context, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", ring.current.id, b64u(nonce), b64u(ct), b64u(cipher.getAuthTag())].join(".");
}

/** Throws DecryptError on an unknown key, a malformed value or any tampering. */
export function decryptSecret(sealed: string, context: string, ring: Keyring = appKeyring()): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") throw new DecryptError("Malformed encrypted value");
  const [, id, nonce, ct, tag] = parts as [string, string, string, string, string];
  const key = ring.all.get(id);
  if (!key) throw new DecryptError(`No key with id ${id} (is it in TOKEN_ENCRYPTION_KEYS_OLD?)`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64url"));
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(ct, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new DecryptError();
  }
}

/** The key id a sealed value names (for rotation: which values are not under the current key). */
export function sealedKeyId(sealed: string): string | null {
  const parts = sealed.split(".");
  return parts.length === 5 && parts[0] === "v1" ? parts[1]! : null;
}
