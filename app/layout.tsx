import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SiteHeader } from "@/app/_components/site-header";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Slotbook", template: "%s · Slotbook" },
  description: "Online booking for salons, clinics, tutors and studios.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

/*
 * Every page is rendered per request, from the top: each response carries a fresh CSP nonce
 * (proxy.ts) that Next.js puts on the page's scripts, and a shell prerendered ahead of any
 * request could not carry one (Next.js's CSP guide: nonces and Partial Prerendering exclude each
 * other). `instant = false` says so to Cache Components. What is the same for every visitor is
 * still built once per change: the public pages cache it with "use cache" (lib/cache).
 */
export const instant = false;

export default async function RootLayout({ children }: { children: ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-dvh">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-5xl px-4 py-6 sm:px-6 sm:py-10">
          {children}
        </main>
      </body>
    </html>
  );
}
