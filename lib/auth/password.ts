import { hash, verify } from "@node-rs/argon2";

// argon2id (the @node-rs/argon2 default algorithm) with OWASP's minimum parameters: memory-hard,
// so GPU guessing of a leaked hash is expensive, and a prebuilt binary from the npm registry,
// so no compiler is needed on install.
const options = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verified against when no account matches, so a sign-in for an unknown email takes as long as
// one with a wrong password and timing does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("slotbook-dummy-password");
  await verifyPassword(await dummyHash, password);
  return false;
}
