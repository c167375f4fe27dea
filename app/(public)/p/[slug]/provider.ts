import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/lib/runtime";
import { getPublicProviderBySlug, type PublicProvider } from "@/lib/booking/providers";

/** The public provider for a route's slug, loaded once per request (metadata and page share it); unknown → 404. */
export const getProviderOrNotFound = cache(async (slug: string): Promise<PublicProvider> => {
  const provider = await getPublicProviderBySlug(await getDb(), slug);
  if (!provider) notFound();
  return provider;
});
