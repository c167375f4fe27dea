import { addDays } from "@/lib/availability";
import { daysBetween } from "./schema";

/**
 * The day window the booking pages show, on "YYYY-MM-DD" calendar dates in the provider's
 * zone. Pure: no clock and no local time zone.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar date written "YYYY-MM-DD" (no 2025-02-30). */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== "string") return false;
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

export type DayWindow = {
  /** First and last day shown, inclusive. */
  from: string;
  to: string;
  days: string[];
  /** Where "Earlier days" / "Later days" go, or null at the ends of the bookable range. */
  earlier: string | null;
  later: string | null;
};

/**
 * The days shown for picking: `size` days starting at `from`, kept inside [today, lastDay].
 * Without an explicit `from`, the window starts today — or, when a chosen day lies beyond the
 * first window (a reload of a deep link), starts at that day so it stays visible.
 * "Earlier"/"Later" move by `step` days and stop at the ends of the range.
 */
export function dayWindow(opts: {
  today: string;
  lastDay: string;
  from?: string;
  selected?: string;
  size?: number;
  step?: number;
}): DayWindow {
  const { today, size = 14, step = 7 } = opts;
  const lastDay = maxDate(opts.lastDay, today);
  const latestFrom = maxDate(today, addDays(lastDay, -(size - 1)));
  let from = opts.from;
  if (!from) {
    from = opts.selected && daysBetween(today, opts.selected) >= size ? opts.selected : today;
  }
  from = minDate(maxDate(from, today), latestFrom);
  const to = minDate(addDays(from, size - 1), lastDay);
  const days: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(d);
  return {
    from,
    to,
    days,
    earlier: from > today ? maxDate(today, addDays(from, -step)) : null,
    later: to < lastDay ? minDate(latestFrom, addDays(from, step)) : null,
  };
}
