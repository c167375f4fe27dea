import "server-only";
import { unstable_cache } from "next/cache";
import { getDb } from "@/lib/runtime";
import { getPublicProviderBySlug, searchProviders, type PublicProvider, type PublicProviderSummary } from "@/lib/booking/providers";
import { DIRECTORY_TAG, PUBLIC_CACHE_SECONDS, PUBLIC_TAG, slugTag } from "./public-pages";

/*
 * The public pages' data, cached per business and dropped by the writes that change it
 * (lib/cache/public-pages.ts). Only what is the same for every visitor: no request data
 * (cookies, headers, the clock) is read in here. Free times are not cached.
 */

/** A business's public record by slug, or null when no business has that address. */
export function cachedPublicProvider(slug: string): Promise<PublicProvider | null> {
  return unstable_cache(async () => getPublicProviderBySlug(await getDb(), slug), ["public-provider", slug], {
    tags: [PUBLIC_TAG, slugTag(slug)],
    revalidate: PUBLIC_CACHE_SECONDS,
  })();
}

/** The directory's list for a search (empty: every business). */
export function cachedDirectory(q: string): Promise<PublicProviderSummary[]> {
  return unstable_cache(async () => searchProviders(await getDb(), q), ["public-directory", q], {
    tags: [PUBLIC_TAG, DIRECTORY_TAG],
    revalidate: PUBLIC_CACHE_SECONDS,
  })();
}
