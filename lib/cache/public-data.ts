import "server-only";
import { cacheLife, cacheTag } from "next/cache";
import { getDb } from "@/lib/runtime";
import { getPublicProviderBySlug, searchProviders, type PublicProvider, type PublicProviderSummary } from "@/lib/booking/providers";
import { DIRECTORY_TAG, PUBLIC_TAG, providerTag } from "./public-pages";

/*
 * The public pages' data, cached per business with Cache Components and dropped by the writes
 * that change it (lib/cache/public-pages.ts). Only what is the same for every visitor: no
 * request data (cookies, headers, the clock) is read in here. Free times are not cached.
 */

/** A business's public record by slug (null: no such business, tagged with the directory so a sign-up or new slug drops it). */
export async function cachedPublicProvider(slug: string): Promise<PublicProvider | null> {
  "use cache";
  cacheLife("publicPage");
  const provider = await getPublicProviderBySlug(await getDb(), slug);
  cacheTag(PUBLIC_TAG, provider ? providerTag(provider.id) : DIRECTORY_TAG);
  return provider;
}

/** The directory's list for a search (empty: every business). */
export async function cachedDirectory(q: string): Promise<PublicProviderSummary[]> {
  "use cache";
  cacheLife("publicPage");
  cacheTag(PUBLIC_TAG, DIRECTORY_TAG);
  return searchProviders(await getDb(), q);
}
