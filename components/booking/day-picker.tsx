import Link from "next/link";
import { formatDayLabel, formatDayParts } from "@/lib/format";
import { NavForm } from "./nav-form";

/**
 * A window of days as buttons (each named in full, e.g. "Monday 8 December"); days without
 * a free time are disabled. The chosen day travels in the URL as `date`.
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
        <ul className="grid grid-cols-4 gap-2 sm:grid-cols-7" role="list">
          {days.map((date) => {
            const count = counts[date] ?? 0;
            const p = formatDayParts(date);
            const isSelected = date === selected;
            return (
              <li key={date}>
                <button
                  type="submit"
                  name="date"
                  value={date}
                  disabled={count === 0}
                  aria-label={formatDayLabel(date)}
                  aria-describedby={`day-${date}-count`}
                  aria-pressed={isSelected}
                  className={`flex w-full flex-col items-center rounded-md px-1 py-2 text-center text-sm ring-1 ring-inset transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:bg-slate-50 disabled:text-slate-400 disabled:ring-slate-200 ${
                    isSelected
                      ? "bg-indigo-600 text-white ring-indigo-600"
                      : "bg-white text-slate-900 ring-slate-300 hover:bg-indigo-50"
                  }`}
                >
                  <span className="text-xs font-medium uppercase tracking-wide">{p.weekday}</span>
                  <span className="text-lg font-semibold leading-tight">{p.day}</span>
                  <span className="text-xs">{p.month}</span>
                  <span id={`day-${date}-count`} className="mt-1 text-[11px] leading-none">
                    {count === 0 ? "No times" : count === 1 ? "1 time" : `${count} times`}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
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
