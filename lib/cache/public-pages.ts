import { revalidateTag } from "next/cache";

/*
 * Tags of what the public pages cache (Cache Components, `"use cache"` + `cacheTag`): a
 * business's public record (profile, active services, weekly hours) and the directory. Every
 * function that writes those rows calls the matching invalidation, so the next request, on
 * this instance, reads them afresh. Free times are never cached: they are computed per request.
 *
 * The cache lives in this process's memory (Next.js's default handler). Other instances keep
 * their copies until their own revalidation window (cacheLife "publicPage" in next.config.ts)
 * unless a shared `cacheHandlers` entry is configured: see the README's "Caching" section.
 */

/** Every cached public entry carries this tag too: end-to-end fixtures write around the app and drop them all. */
export const PUBLIC_TAG = "public";
/** The directory's lists, and lookups of slugs that named no business (a sign-up or a new slug can fill them). */
export const DIRECTORY_TAG = "directory";
export const providerTag = (providerId: string) => `provider:${providerId}`;

/**
 * Drops the cached copies of a business's public page (and the directory, whose cards show its
 * name, description and address). Called after profile, service and hours writes.
 *
 * Uses `revalidateTag(tag, { expire: 0 })`, which works in server actions and route handlers
 * alike and serves nothing stale. The revalidation is applied when the action or handler
 * finishes, after its transaction committed. Outside a request (integration tests, scripts,
 * jobs) there is no cache in this process to invalidate, so it does nothing there.
 */
export function invalidateProvider(providerId: string, opts: { directory?: boolean } = {}): void {
  expire(providerTag(providerId));
  if (opts.directory) expire(DIRECTORY_TAG);
}

/** A business joined: the directory and any lookup of its slug that found nothing. */
export function invalidateDirectory(): void {
  expire(DIRECTORY_TAG);
}

/** Everything public (end-to-end fixtures write straight to the database). */
export function invalidateAllPublic(): void {
  expire(PUBLIC_TAG);
}

function expire(tag: string): void {
  try {
    revalidateTag(tag, { expire: 0 });
  } catch (e) {
    // Only "no request here" is tolerated (Next's invariant names the missing store).
    if (e instanceof Error && /static generation store missing/.test(e.message)) return;
    throw e;
  }
}
