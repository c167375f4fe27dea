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

/** Whether an appointment can still be cancelled or changed online, in words for the client. */
export type ChangePolicy = {
  /** True until the window closes (`windowHours` before the start). */
  open: boolean;
  /** "Free to cancel or change until Sunday 8 March 09:30 — 48 hours before." or why not any more. */
  text: string;
};

const hoursWord = (n: number) => `${n} ${n === 1 ? "hour" : "hours"}`;

/**
 * The cancellation window of an appointment, said before it is booked and in every message that
 * offers changes: until when it is free to cancel or change (on the provider's clock), or that
 * it no longer can be online. The caller adds how to reach the business when it is closed.
 */
export function changePolicy(args: { start: Date; windowHours: number; timezone: string; now: Date }): ChangePolicy {
  const { start, windowHours, timezone, now } = args;
  const deadline = new Date(start.getTime() - windowHours * 3_600_000);
  if (now.getTime() >= deadline.getTime() || now.getTime() >= start.getTime()) {
    return {
      open: false,
      text:
        windowHours > 0
          ? `It can no longer be cancelled or changed online (the limit is ${hoursWord(windowHours)} before).`
          : "It can no longer be cancelled or changed online.",
    };
  }
  if (windowHours === 0) return { open: true, text: "Free to cancel or change online until it starts." };
  return {
    open: true,
    text: `Free to cancel or change until ${formatDayLabel(zonedDate(deadline, timezone))} ${zonedTime(deadline, timezone)} — ${hoursWord(windowHours)} before.`,
  };
}

/** How to reach a business when it is too late to change online: its phone, else its email. */
export function contactBusiness(p: { businessName: string; phone: string; email?: string }): string {
  if (p.phone) return `To cancel or change it, call ${p.businessName} on ${p.phone}.`;
  if (p.email) return `To cancel or change it, contact ${p.businessName} at ${p.email}.`;
  return `To cancel or change it, contact ${p.businessName} directly.`;
}
