import Link from "next/link";

/**
 * Any unknown page (status 404). Small on purpose: every page's RSC payload carries the
 * not-found UI of its layouts, and Next.js's default is several times the size.
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
