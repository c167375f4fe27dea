import "server-only";
import { unstable_cache } from "next/cache";
import type { Db } from "@/db";
import { getPublicProviderBySlug, searchProviders, type PublicProvider, type PublicProviderSummary } from "@/lib/booking/providers";
import { pageFingerprint } from "@/lib/page-cache/versions";

/*
 * The public pages' data, cached under the version of what it shows (page_versions, bumped by
 * triggers in every writing transaction: lib/page-cache/versions.ts). A write anywhere, on any
 * instance, changes the version and so the key: nothing here is ever read stale, and nothing
 * needs dropping. Only what is the same for every visitor: no request data (cookies, headers,
 * the clock) is read in here. Free times are not cached.
 */

/** How long an entry of a version nobody asks for any more stays in memory. */
const UNUSED_SECONDS = 300;

/** A business's public record by slug, or null when no business has that address. */
export async function cachedPublicProvider(db: Db, slug: string): Promise<PublicProvider | null> {
  const version = await pageFingerprint(db, { kind: "provider", slug });
  if (version === null) return null;
  return unstable_cache(() => getPublicProviderBySlug(db, slug), ["public-provider", slug, version], {
    revalidate: UNUSED_SECONDS,
  })();
}

/** The directory's list for a search (empty: every business). */
export async function cachedDirectory(db: Db, q: string): Promise<PublicProviderSummary[]> {
  const version = await pageFingerprint(db, { kind: "directory" });
  return unstable_cache(() => searchProviders(db, q), ["public-directory", q, version], {
    revalidate: UNUSED_SECONDS,
  })();
}
