import { zonedDate, zonedTime } from "./zoned";

/**
 * How pages write dates, times and durations (prices: lib/provider/money.ts). Calendar dates are
 * "YYYY-MM-DD" strings already in the provider's zone; instants are formatted in the zone
 * passed in, never the server's.
 */

const LOCALE = "en-GB";

function utcNoon(date: string): Date {
  // Noon keeps the calendar day whatever the formatter does; the zone is pinned to UTC below.
  return new Date(`${date}T12:00:00Z`);
}

// A booking page formats 14 days twice: formatters are built once per option set (building
// one costs far more than using it).
const formatters = new Map<string, Intl.DateTimeFormat>();

function parts(date: Date, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const key = JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(LOCALE, options);
    formatters.set(key, f);
  }
  const out: Record<string, string> = {};
  for (const p of f.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** "Monday 7 December" — the accessible name of a day button. */
export function formatDayLabel(date: string): string {
  const p = parts(utcNoon(date), { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" });
  return `${p.weekday} ${p.day} ${p.month}`;
}

/** "Monday 7 December 2025". */
export function formatLongDate(date: string): string {
  const p = parts(utcNoon(date), { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** The three lines of a compact day button: "Mon", "7", "Dec". */
export function formatDayParts(date: string): { weekday: string; day: string; month: string } {
  const p = parts(utcNoon(date), { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
  return { weekday: p.weekday ?? "", day: p.day ?? "", month: p.month ?? "" };
}

/** "Monday 7 December 2025, 09:30–10:15" in `timezone`. */
export function formatWhen(start: Date, end: Date, timezone: string): string {
  const day = formatLongDate(zonedDate(start, timezone));
  const endDay = zonedDate(end, timezone);
  const endText =
    endDay === zonedDate(start, timezone) ? zonedTime(end, timezone) : `${formatDayLabel(endDay)} ${zonedTime(end, timezone)}`;
  return `${day}, ${zonedTime(start, timezone)}–${endText}`;
}

/** "30 min", "1 h", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** A database time "09:00:00" or "09:00" → "09:00". */
export function formatClock(time: string): string {
  return time.slice(0, 5);
}
