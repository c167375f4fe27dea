import type { ReactNode } from "react";
import { ButtonLink } from "./button";

/**
 * A whole-page message: not found, no access, an error, with one way on (a link, or `action`).
 * The boundary files that render it (not-found, forbidden, error) are client components, so a
 * page's RSC payload names them by reference instead of carrying their markup: every page
 * carries its layouts' boundaries.
 */
export function StatusMessage({
  title,
  children,
  link,
  action,
  role,
}: {
  title: string;
  children: ReactNode;
  link?: { href: string; label: string };
  action?: ReactNode;
  role?: "alert";
}) {
  return (
    <div className="mx-auto max-w-md space-y-4 py-10 text-center" role={role}>
      <h1 className="text-2xl font-bold text-slate-900">{title}</h1>
      {children}
      {link ? (
        <ButtonLink href={link.href} variant="secondary">
          {link.label}
        </ButtonLink>
      ) : null}
      {action}
    </div>
  );
}
