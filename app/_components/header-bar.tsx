"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOutAction } from "@/app/(auth)/actions";
import { buttonClass } from "@/components/ui/button";
import { activeHref, navByRole, roleLabel, type NavItem } from "@/components/layout/nav-items";
import type { Role } from "@/lib/auth/roles";
import { ResendVerificationForm } from "./resend-verification-form";

/** What the header shows of the signed-in user (the server reads it: site-header.tsx). */
export type HeaderUser = { name: string; role: Role; email: string; emailVerified: boolean };

const signedOutItems: NavItem[] = [
  { href: "/login", label: "Sign in" },
  { href: "/register", label: "Create account" },
];

/**
 * The skip link and the site header: the signed-in user's name and their role's menu; a
 * disclosure menu on phones. A client component so that every page's RSC payload carries the
 * user (a few bytes), not the header's markup, and so the current page's menu entry follows
 * client-side navigation (the root layout is not rendered again then).
 */
export function HeaderBar({ user }: { user: HeaderUser | null }) {
  const path = usePathname();
  const items = user ? navByRole[user.role] : signedOutItems;
  const current = activeHref(items, path);
  // The verify page changes the user's state while it renders: no stale banner there.
  const showVerifyBanner = user && !user.emailVerified && !path.startsWith("/verify-email");

  return (
    <>
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-semibold focus:text-indigo-700 focus:shadow-lg focus:outline-2 focus:outline-indigo-600"
      >
        Skip to content
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between gap-4 px-4 py-3 sm:px-6">
          <Link href="/" className="text-lg font-bold text-indigo-700">
            Slotbook
          </Link>

          <nav aria-label="Main" className="hidden items-center gap-1 md:flex">
            <MenuLinks items={items} current={current} className="rounded-md px-3 py-2 text-sm font-medium" />
            {user ? <UserBox user={user} /> : null}
          </nav>

          <details className="group relative md:hidden">
            <summary className={`${buttonClass("secondary")} cursor-pointer list-none [&::-webkit-details-marker]:hidden`}>
              <span>Menu</span>
              <span aria-hidden className="transition group-open:rotate-180">
                ▾
              </span>
            </summary>
            <nav
              aria-label="Main"
              className="absolute right-0 z-20 mt-2 flex w-64 flex-col gap-1 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200"
            >
              {user ? (
                <p className="border-b border-slate-100 px-3 pb-2 pt-1 text-sm">
                  <span className="block font-semibold text-slate-900">{user.name}</span>
                  <span className="text-xs text-slate-500">{roleLabel[user.role]}</span>
                </p>
              ) : null}
              <MenuLinks items={items} current={current} className="rounded-md px-3 py-2 text-base font-medium" />
              {user ? <SignOutButton className="w-full justify-start" /> : null}
            </nav>
          </details>
        </div>

        {showVerifyBanner ? (
          <div className="border-t border-amber-200 bg-amber-50">
            <div className="mx-auto flex max-w-5xl flex-col gap-2 px-4 py-2 text-sm text-amber-900 sm:flex-row sm:items-center sm:justify-between sm:px-6">
              <p>
                <strong>Please verify your email.</strong> We sent a link to {user.email}.
              </p>
              <ResendVerificationForm label="Resend link" compact />
            </div>
          </div>
        ) : null}
      </header>
    </>
  );
}

function MenuLinks({ items, current, className }: { items: NavItem[]; current: string | null; className: string }) {
  return items.map((item) => (
    <Link
      key={item.href}
      href={item.href}
      aria-current={item.href === current ? "page" : undefined}
      className={`${className} text-slate-700 hover:bg-slate-100 aria-[current=page]:bg-indigo-50 aria-[current=page]:text-indigo-700`}
    >
      {item.label}
    </Link>
  ));
}

function UserBox({ user }: { user: HeaderUser }) {
  return (
    <div className="ml-2 flex items-center gap-2 border-l border-slate-200 pl-3">
      <span className="text-right text-sm leading-tight">
        <span className="block max-w-40 truncate font-semibold text-slate-900">{user.name}</span>
        <span className="text-xs text-slate-500">{roleLabel[user.role]}</span>
      </span>
      <SignOutButton />
    </div>
  );
}

function SignOutButton({ className = "" }: { className?: string }) {
  return (
    <form action={signOutAction}>
      <button type="submit" className={buttonClass("ghost", `shadow-none ${className}`)}>
        Sign out
      </button>
    </form>
  );
}
