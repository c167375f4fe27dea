import Link from "next/link";
import type { ReactNode } from "react";

/** "← …" above a page's heading: back to the list or page it was opened from. */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p>
      <Link href={href} className="text-sm text-indigo-700 underline-offset-2 hover:underline">
        ← {children}
      </Link>
    </p>
  );
}
