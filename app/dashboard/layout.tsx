import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { DashboardNav } from "@/components/dashboard/dashboard-nav";
import { requireProvider } from "@/lib/app/guards";
import { isPro } from "@/lib/plans/plans";

export const metadata: Metadata = { title: { default: "Dashboard", template: "%s · Dashboard · Slotbook" } };

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const { provider } = await requireProvider();
  const pro = isPro(provider);
  return (
    <div className="space-y-6">
      <div className="space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
          <p className="text-sm font-semibold text-slate-900">
            {provider.businessName}
            <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 text-xs font-medium text-slate-700">{pro ? "PRO" : "FREE"}</span>
          </p>
          <Link href={`/p/${provider.slug}`} className="text-sm text-indigo-700 underline-offset-2 hover:underline">
            View your booking page
          </Link>
        </div>
        <DashboardNav pro={pro} />
      </div>
      {children}
    </div>
  );
}
