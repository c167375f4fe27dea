import { Temporal } from "temporal-polyfill";

/*
 * Wall clock ↔ instant conversions. Everything here is explicit about the zone: nothing reads
 * the process's own TZ, so the results are the same on a laptop in Kathmandu and a UTC server.
 * Wall-clock times that do not exist (spring-forward gap) or exist twice (fall-back overlap) are
 * resolved with `disambiguation: "compatible"`: a time in the gap moves forward by the gap's
 * length (02:30 → 03:30), a repeated time takes its first occurrence (the earlier instant).
 */

const MINUTES_PER_DAY = 24 * 60;
/** Entries each of the two memos below keeps before it is cleared whole. */
const MEMO_LIMIT = 20_000;
const WALL_TIME = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** "HH:MM" (or a database time "HH:MM:SS" with zero seconds) → minutes since midnight; "24:00" → 1440. */
export function parseWallTime(value: string): number {
  const m = WALL_TIME.exec(value);
  const hours = Number(m?.[1]);
  const minutes = Number(m?.[2]);
  const seconds = Number(m?.[3] ?? 0);
  if (!m || hours > 24 || minutes > 59 || seconds !== 0 || (hours === 24 && minutes !== 0)) {
    throw new RangeError(`Invalid wall-clock time "${value}" (expected HH:MM)`);
  }
  return hours * 60 + minutes;
}

/** Minutes since midnight → "HH:MM" ("24:00" for 1440). */
export function formatWallTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Strict "YYYY-MM-DD" → PlainDate (throws RangeError otherwise). */
export function parseLocalDate(value: string): Temporal.PlainDate {
  if (!ISO_DATE.test(value)) throw new RangeError(`Invalid date "${value}" (expected YYYY-MM-DD)`);
  return Temporal.PlainDate.from(value, { overflow: "reject" });
}

export function isValidTimeZone(timezone: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(timezone);
    return true;
  } catch {
    return false;
  }
}

// Reading an instant's wall clock is the hot path of every slot list (each slot's day and
// label): one Intl formatter per zone, kept, is several times cheaper than a Temporal
// ZonedDateTime per call (the polyfill), and reads the same tz database. formatToParts is still
// the largest cost of a booking page's render, and a page lists the same instants request after
// request: the answers are kept too, bounded (as wallClockToEpochMs's are).
type WallClock = Readonly<{ year: string; month: string; day: string; hour: string; minute: string }>;
const wallClocks = new Map<string, Intl.DateTimeFormat>();
const instantMemo = new Map<string, WallClock>();

function wallClock(instant: Date, timezone: string): WallClock {
  const key = `${timezone}|${instant.getTime()}`;
  const known = instantMemo.get(key);
  if (known) return known;
  let f = wallClocks.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: timezone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    wallClocks.set(timezone, f);
  }
  const p = { year: "", month: "", day: "", hour: "", minute: "" };
  for (const part of f.formatToParts(instant)) if (part.type in p) p[part.type as keyof typeof p] = part.value;
  if (instantMemo.size >= MEMO_LIMIT) instantMemo.clear();
  instantMemo.set(key, p);
  return p;
}

/** The instant's calendar date in `timezone`, "YYYY-MM-DD". */
export function zonedDate(instant: Date, timezone: string): string {
  const p = wallClock(instant, timezone);
  return `${p.year.padStart(4, "0")}-${p.month}-${p.day}`;
}

/** The instant's wall-clock time in `timezone`, "HH:MM" (24-hour). */
export function zonedTime(instant: Date, timezone: string): string {
  const p = wallClock(instant, timezone);
  return `${p.hour}:${p.minute}`;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a "YYYY-MM-DD" date. */
export function isoWeekday(date: string): number {
  return parseLocalDate(date).dayOfWeek;
}

/** "YYYY-MM-DD" plus `days` (may be negative). */
export function addDays(date: string, days: number): string {
  return parseLocalDate(date).add({ days }).toString();
}

// The conversion is a pure function of (zone, date, minutes) and the slots API asks for the
// same days over and over: a bounded memo saves most of its Temporal work. Cleared whole when
// full (zone rules only change with a new tz database, i.e. a new process).
const wallClockMemo = new Map<string, number>();

/**
 * Epoch milliseconds of `minutes` past midnight of `date` on the wall clock of `timezone`
 * (1440 = midnight ending the day). Gaps and overlaps are resolved "compatible".
 */
export function wallClockToEpochMs(date: Temporal.PlainDate, minutes: number, timezone: string): number {
  const key = `${timezone}|${date.year}-${date.month}-${date.day}|${minutes}`;
  const hit = wallClockMemo.get(key);
  if (hit !== undefined) return hit;
  const day = minutes >= MINUTES_PER_DAY ? date.add({ days: 1 }) : date;
  const m = minutes % MINUTES_PER_DAY;
  const epochMs = new Temporal.PlainDateTime(day.year, day.month, day.day, Math.floor(m / 60), m % 60)
    .toZonedDateTime(timezone, { disambiguation: "compatible" }).epochMilliseconds;
  if (wallClockMemo.size >= MEMO_LIMIT) wallClockMemo.clear();
  wallClockMemo.set(key, epochMs);
  return epochMs;
}

/** The instant shown as `date` `time` ("YYYY-MM-DD", "HH:MM") on the wall clock of `timezone`. */
export function zonedDateTimeToInstant(date: string, time: string, timezone: string): Date {
  return new Date(wallClockToEpochMs(parseLocalDate(date), parseWallTime(time), timezone));
}

/** True for a real calendar date written "YYYY-MM-DD". */
export function isValidLocalDate(value: string): boolean {
  try {
    parseLocalDate(value);
    return true;
  } catch {
    return false;
  }
}
