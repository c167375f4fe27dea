import Link from "next/link";
import type { ReactNode } from "react";
import { getProviderOrNotFound } from "../provider";
import { NoScriptStreaming } from "../../../_components/no-script-streaming";

/**
 * The booking flow's frame. Loading the provider here, above loading.tsx, means an unknown
 * slug is a real 404 before any skeleton is streamed.
 */
export default async function BookLayout({ params, children }: { params: Promise<{ slug: string }>; children: ReactNode }) {
  const { slug } = await params;
  const provider = await getProviderOrNotFound(slug);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <NoScriptStreaming />
      <header className="space-y-2">
        <Link href={`/p/${encodeURIComponent(provider.slug)}`} className="text-sm font-medium text-indigo-700 hover:underline">
          ← {provider.businessName}
        </Link>
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Book with {provider.businessName}</h1>
      </header>
      {children}
    </div>
  );
}
