"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

type Item = { href: string; label: string; pro?: boolean; match: (path: string) => boolean };

/**
 * The dashboard's sub-navigation: a row of tabs that wraps on phones, so every section the plan
 * allows stays in sight (a scrolling row hid Staff and Calendar at 375 px with no hint).
 * Staff and Calendar are PRO: on FREE they lead to the upgrade page and say so.
 */
export function DashboardNav({ pro }: { pro: boolean }) {
  const path = usePathname();
  const items: Item[] = [
    { href: "/dashboard/schedule", label: "Schedule", match: (p) => p.startsWith("/dashboard/schedule") },
    { href: "/dashboard", label: "Appointments", match: (p) => p === "/dashboard" || p.startsWith("/dashboard/appointments") },
    { href: "/dashboard/services", label: "Services", match: (p) => p.startsWith("/dashboard/services") },
    { href: "/dashboard/hours", label: "Hours", match: (p) => p.startsWith("/dashboard/hours") },
    { href: "/dashboard/profile", label: "Profile", match: (p) => p.startsWith("/dashboard/profile") },
    {
      href: pro ? "/dashboard/staff" : "/dashboard/upgrade",
      label: "Staff",
      pro: !pro,
      match: (p) => p.startsWith("/dashboard/staff"),
    },
    {
      href: "/dashboard/calendar",
      label: "Calendar",
      pro: !pro,
      match: (p) => p.startsWith("/dashboard/calendar"),
    },
  ];
  return (
    <nav aria-label="Dashboard">
      <ul className="flex flex-wrap gap-x-1 border-b border-slate-200">
        {items.map((item) => {
          const active = item.match(path);
          return (
            <li key={item.label}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`-mb-px inline-flex min-h-10 items-center gap-1.5 border-b-2 px-3 py-2 text-sm font-medium ${
                  active ? "border-indigo-600 text-indigo-700" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900"
                }`}
              >
                {item.label}
                {item.pro ? (
                  <span className="rounded bg-amber-100 px-1.5 py-0.5 text-[10px] font-bold uppercase tracking-wide text-amber-800">
                    PRO
                  </span>
                ) : null}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
