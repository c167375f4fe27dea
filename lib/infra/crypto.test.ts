import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decryptSecret, DecryptError, encryptSecret, keyringFrom, sealedKeyId } from "./crypto";

const k1 = randomBytes(32).toString("base64");
const k2 = randomBytes(32).toString("base64");

describe("token encryption", () => {
  const ring = keyringFrom(k1);

  it("round-trips and never contains the plaintext", () => {
    const sealed = encryptSecret("ya29.secret-access-token", "ctx", ring);
    expect(sealed).not.toContain("ya29");
    expect(sealed.startsWith(`v1.${ring.current.id}.`)).toBe(true);
    expect(decryptSecret(sealed, "ctx", ring)).toBe("ya29.secret-access-token");
  });

  it("uses a fresh nonce each time", () => {
    expect(encryptSecret("same", "ctx", ring)).not.toBe(encryptSecret("same", "ctx", ring));
  });

  it("rejects a tampered ciphertext, tag or nonce", () => {
    const sealed = encryptSecret("refresh-token-value", "ctx", ring);
    const parts = sealed.split(".");
    for (const i of [2, 3, 4]) {
      const bytes = Buffer.from(parts[i]!, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      const tampered = [...parts];
      tampered[i] = bytes.toString("base64url");
      expect(() => decryptSecret(tampered.join("."), "ctx", ring)).toThrow(DecryptError);
    }
  });

  it("rejects a value moved to another context", () => {
    const sealed = encryptSecret("token", "integration:a:refresh", ring);
    expect(() => decryptSecret(sealed, "integration:b:refresh", ring)).toThrow(DecryptError);
  });

  it("opens values under an old key and seals under the current one after rotation", () => {
    const oldSealed = encryptSecret("token", "ctx", keyringFrom(k1));
    const rotated = keyringFrom(k2, k1);
    expect(decryptSecret(oldSealed, "ctx", rotated)).toBe("token");
    const resealed = encryptSecret("token", "ctx", rotated);
    expect(sealedKeyId(resealed)).toBe(rotated.current.id);
    expect(sealedKeyId(resealed)).not.toBe(sealedKeyId(oldSealed));
    // Without the old key the old value is refused, with a message naming the missing key.
    expect(() => decryptSecret(oldSealed, "ctx", keyringFrom(k2))).toThrow(/No key with id/);
  });

  it("refuses keys that are not 32 bytes", () => {
    expect(() => keyringFrom(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
    expect(() => keyringFrom(k1, "short")).toThrow(/TOKEN_ENCRYPTION_KEYS_OLD/);
  });
});
