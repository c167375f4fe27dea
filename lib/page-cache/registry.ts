import type { PageScope } from "./policy";

/*
 * The bridge between scripts/serve.ts, where the page cache runs, and the app's database,
 * which only the app's own module graph opens (lib/app/runtime.ts): instrumentation.ts registers
 * the version lookup here, on globalThis, which both graphs share.
 */

export type FingerprintLookup = (scope: PageScope) => Promise<string | null>;

const KEY = Symbol.for("slotbook.pageFingerprint");
const slot = globalThis as unknown as { [KEY]?: FingerprintLookup };

export function registerPageFingerprint(lookup: FingerprintLookup): void {
  slot[KEY] = lookup;
}

/** The registered lookup; null (nothing is cached) until the app has started. */
export function lookupPageFingerprint(scope: PageScope): Promise<string | null> {
  const lookup = slot[KEY];
  return lookup ? lookup(scope) : Promise.resolve(null);
}
