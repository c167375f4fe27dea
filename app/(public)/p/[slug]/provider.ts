import { notFound } from "next/navigation";
import { cache } from "react";
import type { PublicProvider } from "@/lib/booking/providers";
import { getDb } from "@/lib/app/runtime";
import { cachedPublicProvider } from "@/lib/page-cache/public-data";

/**
 * The public provider for a route's slug (metadata, layout and page share it): from the cache of
 * public pages, loaded again only after the business changes it; unknown → 404.
 */
export const getProviderOrNotFound = cache(async (slug: string): Promise<PublicProvider> => {
  const provider = await cachedPublicProvider(await getDb(), slug);
  if (!provider) notFound();
  return provider;
});
