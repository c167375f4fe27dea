import { buttonClass } from "@/components/ui/button";

/** The button to a connect route. A plain link, not next/link: the route redirects to Google and must not be prefetched. */
export function ConnectLink({ href, children }: { href: "/dashboard/calendar/connect" | "/staff/calendar/connect"; children: string }) {
  return (
    <a href={href} className={buttonClass("primary")}>
      {children}
    </a>
  );
}
