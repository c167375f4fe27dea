import { eq } from "drizzle-orm";
import { revalidateTag } from "next/cache";
import type { DbOrTx } from "@/db";
import { providers } from "@/db/schema";

/*
 * Tags of what the public pages cache (lib/cache/public-data.ts, unstable_cache): a business's
 * public record (profile, active services, weekly hours), looked up by its slug, and the
 * directory's lists. Every function that writes those rows calls the matching invalidation
 * after its write, so the next request, on this instance, reads them afresh. Free times are
 * never cached: they are computed per request.
 *
 * The cache lives in this process's memory (next.config.ts: isrFlushToDisk off). Other
 * instances keep their copies for up to PUBLIC_CACHE_SECONDS: see the README's "Caching".
 */

/** How long another instance (which never sees this one's invalidations) may show an old copy. */
export const PUBLIC_CACHE_SECONDS = 60;
/** Every cached public entry carries this tag too: end-to-end fixtures write around the app and drop them all. */
export const PUBLIC_TAG = "public";
/** The directory's lists. */
export const DIRECTORY_TAG = "directory";
/** A business's record under its public address (or the absence of one: a sign-up or a new slug can fill it). */
export const slugTag = (slug: string) => `provider-slug:${slug}`;

/**
 * After a write to a business's profile, services, hours or closed dates: drops its cached
 * record (and, with `directory`, the directory's lists, whose cards show name, description
 * and address).
 */
export async function invalidateProvider(db: DbOrTx, providerId: string, opts: { directory?: boolean } = {}): Promise<void> {
  const [row] = await db.select({ slug: providers.slug }).from(providers).where(eq(providers.id, providerId)).limit(1);
  if (row) expire(slugTag(row.slug));
  if (opts.directory) expire(DIRECTORY_TAG);
}

/** After a profile write that may have moved the business: its old and new addresses, and the directory. */
export function invalidateSlugs(slugs: string[]): void {
  for (const slug of new Set(slugs)) expire(slugTag(slug));
  expire(DIRECTORY_TAG);
}

/** Everything public (end-to-end fixtures write straight to the database). */
export function invalidateAllPublic(): void {
  expire(PUBLIC_TAG);
}

/**
 * `revalidateTag(tag, { expire: 0 })` works in server actions and route handlers alike and
 * serves nothing stale; Next.js applies it when the action or handler finishes, after its write
 * committed. Outside a request (integration tests, scripts, jobs) there is no cache in this
 * process to drop, and Next.js says so by its missing-store invariant: only that is ignored.
 */
function expire(tag: string): void {
  try {
    revalidateTag(tag, { expire: 0 });
  } catch (e) {
    if (e instanceof Error && /static generation store missing/.test(e.message)) return;
    throw e;
  }
}
