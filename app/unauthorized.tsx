import Link from "next/link";

/**
 * Status 401 (unauthorized(), with authInterrupts): the guards redirect to /login instead, so
 * this is a fallback. Small on purpose: every page's RSC payload carries it, and Next.js's
 * default is three times the size.
 */
export default function Unauthorized() {
  return (
    <p className="py-10 text-center">
      Please <Link href="/login">sign in</Link> to see this page.
    </p>
  );
}
