"use client";

import Link from "next/link";

/**
 * Any unknown page (status 404). A client component: every page's RSC payload carries its
 * layouts' not-found UI, and a client component travels there as a reference, not as markup.
 */
export default function NotFound() {
  return (
    <div className="py-10 text-center">
      <h1 className="text-2xl font-bold text-slate-900">Page not found</h1>
      <p className="mt-2">
        <Link href="/" className="font-medium text-indigo-700 hover:underline">
          Find a business
        </Link>
      </p>
    </div>
  );
}
