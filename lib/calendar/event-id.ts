/*
 * Google event ids may use only base32hex (RFC 4648 "extended hex": 0–9 and a–v, lowercase),
 * 5–1024 characters. The id is derived from the appointment id, so an insert retried after a
 * timeout gets 409 instead of creating a second event.
 */
const ALPHABET = "0123456789abcdefghijklmnopqrstuv";

export function base32hex(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const b of bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** "sb" + base32hex of the appointment uuid's 16 bytes: 28 characters, stable forever. */
export function eventIdFor(appointmentId: string): string {
  const hex = appointmentId.replace(/-/g, "");
  if (!/^[0-9a-f]{32}$/i.test(hex)) throw new Error("Not a uuid");
  return `sb${base32hex(Buffer.from(hex, "hex"))}`;
}

export const isValidEventId = (id: string) => /^[a-v0-9]{5,1024}$/.test(id);
