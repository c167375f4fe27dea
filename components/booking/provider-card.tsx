import Link from "next/link";
import type { PublicProviderSummary } from "@/lib/booking/providers";

/** One business in the directory; the whole card links to its booking page. */
export function ProviderCard({ provider }: { provider: PublicProviderSummary }) {
  return (
    <li className="relative rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 transition focus-within:ring-2 focus-within:ring-indigo-600 hover:ring-indigo-300">
      <h3 className="font-semibold text-slate-900">
        <Link href={`/p/${encodeURIComponent(provider.slug)}`} className="after:absolute after:inset-0 focus:outline-none">
          {provider.businessName}
        </Link>
      </h3>
      {provider.description ? <p className="mt-1 line-clamp-2 text-sm text-slate-600">{provider.description}</p> : null}
      {provider.address ? <p className="mt-2 text-xs text-slate-500">{provider.address}</p> : null}
    </li>
  );
}
