"use client";

import Link from "next/link";

/**
 * Status 401 (unauthorized(), with authInterrupts): the guards redirect to /login instead, so
 * this is a fallback. A client component, like not-found.tsx: every page's RSC payload
 * carries it, as a reference.
 */
export default function Unauthorized() {
  return (
    <p className="py-10 text-center">
      Please <Link href="/login">sign in</Link> to see this page.
    </p>
  );
}
