/**
 * Calendar dates ("YYYY-MM-DD") and clock times on a provider's clock, computed the way the
 * app names them (en-GB), so specs can say "the day after tomorrow in Asia/Kolkata" without
 * depending on the machine's zone or the day of the week the suite runs.
 */

const ymd = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of `instant` in `timezone`. */
export function dateInZone(instant: Date, timezone: string): string {
  let f = ymd.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" });
    ymd.set(timezone, f);
  }
  return f.format(instant);
}

/** "HH:MM" of `instant` on the clock of `timezone`. */
export function timeInZone(instant: Date | string, timezone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: timezone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    new Date(instant),
  );
}

export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Today plus `days` on the provider's calendar. */
export function daysFromToday(days: number, timezone: string, now = new Date()): string {
  return addDays(dateInZone(now, timezone), days);
}

function partsOf(date: string, options: Intl.DateTimeFormatOptions): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of new Intl.DateTimeFormat("en-GB", { ...options, timeZone: "UTC" }).formatToParts(new Date(`${date}T12:00:00Z`))) {
    out[p.type] = p.value;
  }
  return out;
}

/**
 * A day button of the booking and reschedule pickers, by the name it shows: "Mon 7 Dec"
 * followed by its count of free times ("Mon 7 Dec 14 times").
 */
export function dayButtonName(date: string): RegExp {
  const p = partsOf(date, { weekday: "short", day: "numeric", month: "short" });
  return new RegExp(`^${p.weekday} ${p.day} ${p.month} (\\d+ times?|No times)$`);
}

/** "Monday 7 December 2026": how the booking pages write a full date. */
export function longDate(date: string): string {
  const p = partsOf(date, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
  return `${p.weekday} ${p.day} ${p.month} ${p.year}`;
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return new Date(`${date}T12:00:00Z`).getUTCDay() || 7;
}

/** The first date strictly after `date` that falls on `weekday` (ISO). */
export function nextWeekday(date: string, weekday: number): string {
  const delta = (weekday - isoWeekday(date) + 7) % 7 || 7;
  return addDays(date, delta);
}

/** The instant at wall-clock `time` on `date` in `timezone` (for times that exist exactly once). */
export function instantOf(date: string, time: string, timezone: string): Date {
  const wall = Date.parse(`${date}T${time}:00Z`);
  let guess = wall;
  for (let i = 0; i < 2; i++) {
    const shown = Date.parse(`${dateInZone(new Date(guess), timezone)}T${timeInZone(new Date(guess), timezone)}:00Z`);
    guess += wall - shown;
  }
  return new Date(guess);
}
