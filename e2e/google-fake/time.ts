import { Temporal } from "temporal-polyfill";

/*
 * Times as Google's Calendar API reads and writes them: RFC 3339 instants with a mandatory
 * offset in query parameters, event times as `{dateTime, timeZone?}` or all-day `{date}`, and
 * all-day dates read in the calendar's own zone (an all-day event has no zone of its own).
 */

export type EventTime = { dateTime?: string; date?: string; timeZone?: string };

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An RFC 3339 timestamp with its offset (Google refuses one without) → epoch ms, else null. */
export function parseInstant(value: string | null | undefined): number | null {
  if (!value || !RFC3339.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

export function isTimeZone(tz: unknown): tz is string {
  if (typeof tz !== "string" || !tz) return false;
  try {
    Temporal.Now.instant().toZonedDateTimeISO(tz);
    return true;
  } catch {
    return false;
  }
}

export function isDate(value: unknown): value is string {
  if (typeof value !== "string" || !DATE.test(value)) return false;
  try {
    Temporal.PlainDate.from(value, { overflow: "reject" });
    return true;
  } catch {
    return false;
  }
}

/** Midnight starting `date` in `tz`, as epoch ms. */
export function startOfDay(date: string, tz: string): number {
  return Temporal.PlainDate.from(date).toZonedDateTime({ timeZone: tz }).epochMilliseconds;
}

/** The instant of a timed event time: its own offset, or else its `timeZone` (Google's rule). */
export function timedInstant(t: EventTime): number | null {
  if (!t.dateTime) return null;
  const own = parseInstant(t.dateTime);
  if (own !== null) return own;
  if (!LOCAL_DATE_TIME.test(t.dateTime) || !isTimeZone(t.timeZone)) return null;
  return Temporal.PlainDateTime.from(t.dateTime).toZonedDateTime(t.timeZone).epochMilliseconds;
}

/** Epoch ms of an event time; all-day dates start at midnight in the calendar's zone. */
export function instantOf(t: EventTime, calendarTz: string): number | null {
  if (t.date !== undefined) return isDate(t.date) ? startOfDay(t.date, calendarTz) : null;
  return timedInstant(t);
}

/** RFC 3339 in `tz` with its offset ("Z" for UTC), seconds precision, as Google answers. */
export function formatInstant(ms: number, tz: string): string {
  const z = Temporal.Instant.fromEpochMilliseconds(ms).toZonedDateTimeISO(tz);
  const s = z.toString({ timeZoneName: "never", smallestUnit: "second" });
  return tz === "UTC" || tz === "Etc/UTC" ? s.replace(/\+00:00$/, "Z") : s;
}

/** "2024-05-10T09:00:00Z" → "20240510T090000Z", the suffix of a recurring instance's id. */
export function basicUtc(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}/, "").replace(/[-:]/g, "");
}

/** Google's `updated`/`created`: UTC with milliseconds. */
export const nowStamp = () => new Date().toISOString();
