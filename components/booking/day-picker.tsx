import Link from "next/link";
import { formatDayParts } from "@/lib/availability/format";
import { NavForm } from "./nav-form";
import { DayButtons } from "./pick-buttons";

/**
 * A window of days as buttons, each named by what it shows ("Mon 8 Dec 14 times"); days
 * without a free time are disabled. The chosen day travels in the URL as `date`.
 */
export function DayPicker({
  action,
  hidden,
  days,
  counts,
  selected,
  earlierHref,
  laterHref,
}: {
  action: string;
  hidden: Record<string, string | undefined>;
  days: string[];
  counts: Record<string, number>;
  selected?: string;
  earlierHref: string | null;
  laterHref: string | null;
}) {
  const anyFree = days.some((d) => (counts[d] ?? 0) > 0);
  return (
    <div className="space-y-3">
      <nav aria-label="Change days" className="flex items-center justify-between gap-2 text-sm">
        <WindowLink href={earlierHref}>← Earlier days</WindowLink>
        <WindowLink href={laterHref}>Later days →</WindowLink>
      </nav>
      <NavForm action={action} hidden={hidden} scroll={false}>
        <DayButtons
          selected={selected}
          days={days.map((date) => {
            const p = formatDayParts(date);
            return [date, p.weekday, p.day, p.month, counts[date] ?? 0];
          })}
        />
      </NavForm>
      {!anyFree ? (
        <p className="text-sm text-slate-600">No free times on these days.{laterHref ? " Try later days." : ""}</p>
      ) : null}
    </div>
  );
}

function WindowLink({ href, children }: { href: string | null; children: string }) {
  if (!href) {
    return (
      <span aria-disabled="true" className="px-2 py-1 text-slate-400">
        {children}
      </span>
    );
  }
  return (
    <Link href={href} scroll={false} className="rounded px-2 py-1 font-medium text-indigo-700 hover:bg-indigo-50">
      {children}
    </Link>
  );
}
