import { Temporal } from "temporal-polyfill";
import { basicUtc, formatInstant, instantOf, type EventTime } from "./time";

/*
 * Recurring events, expanded the way `singleEvents=true` and freeBusy see them. Supported: one
 * RRULE with FREQ=DAILY|WEEKLY|MONTHLY, INTERVAL, COUNT, UNTIL, BYDAY (weekly, plain day codes),
 * plus EXDATE. Anything else is refused with a 400 at write time rather than expanded wrongly.
 * Timed instances keep their wall-clock time in the event's `start.timeZone` across DST changes,
 * as Google's do; an instance's id is `<eventId>_<start in UTC, basic format>` (or `_<YYYYMMDD>`
 * for all-day events). A series without COUNT or UNTIL is expanded up to a year after now (or
 * after its start, if that is later).
 */

export type Occurrence = { suffix: string; start: EventTime; end: EventTime; startMs: number; endMs: number };
type Rule = { freq: "DAILY" | "WEEKLY" | "MONTHLY"; interval: number; count?: number; until?: string; byDay?: number[] };

const DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
const OPEN_ENDED_HORIZON_MS = 366 * 24 * 3600_000;
const SUPPORTED = "The fake Google supports RRULE FREQ=DAILY|WEEKLY|MONTHLY with INTERVAL, COUNT, UNTIL, BYDAY (weekly) and EXDATE.";

/** The parsed recurrence, null when the event has none, or a message saying what is unsupported. */
export function parseRecurrence(lines: unknown): { rule: Rule; exdates: Set<string> } | null | string {
  if (lines === undefined || lines === null) return null;
  if (!Array.isArray(lines) || lines.some((l) => typeof l !== "string")) return "Invalid recurrence rule.";
  let rule: Rule | null = null;
  const exdates = new Set<string>();
  for (const line of lines as string[]) {
    const [head, value = ""] = splitOnce(line, ":");
    const [name, ...params] = head.toUpperCase().split(";");
    if (name === "RRULE" && !rule) {
      const parts = Object.fromEntries(value.toUpperCase().split(";").map((p) => splitOnce(p, "=")));
      const known = ["FREQ", "INTERVAL", "COUNT", "UNTIL", "BYDAY", "WKST"];
      if (Object.keys(parts).some((k) => !known.includes(k)) || !["DAILY", "WEEKLY", "MONTHLY"].includes(parts.FREQ ?? "")) return SUPPORTED;
      const byDay = parts.BYDAY?.split(",").map((d) => DAYS.indexOf(d) + 1);
      if (byDay && (parts.FREQ !== "WEEKLY" || byDay.some((d) => d === 0))) return SUPPORTED;
      const interval = Number(parts.INTERVAL ?? 1);
      const count = parts.COUNT === undefined ? undefined : Number(parts.COUNT);
      if (!Number.isInteger(interval) || interval < 1 || (count !== undefined && (!Number.isInteger(count) || count < 1))) return "Invalid recurrence rule.";
      if (parts.UNTIL !== undefined && !/^\d{8}(T\d{6}Z)?$/.test(parts.UNTIL)) return "Invalid recurrence rule.";
      rule = { freq: parts.FREQ as Rule["freq"], interval, count, until: parts.UNTIL, byDay: byDay?.sort() };
    } else if (name === "EXDATE") {
      const tzid = params.some((p) => p.startsWith("TZID=")) ? line.match(/;TZID=([^;:]+)/i)?.[1] : undefined;
      for (const v of value.split(",")) {
        const suffix = exdateSuffix(v.trim(), tzid);
        if (!suffix) return "Invalid recurrence rule.";
        exdates.add(suffix);
      }
    } else {
      return SUPPORTED;
    }
  }
  return rule ? { rule, exdates } : "Invalid recurrence rule.";
}

/** The instances of a recurring event overlapping [from, to), in start order. */
export function occurrences(ev: Record<string, unknown>, calendarTz: string, from: number, to: number): Occurrence[] {
  const parsed = parseRecurrence(ev.recurrence);
  const start = ev.start as EventTime;
  const endTime = ev.end as EventTime;
  if (!parsed || typeof parsed === "string") return [];
  const { rule, exdates } = parsed;
  const allDay = start.date !== undefined;
  const tz = allDay ? calendarTz : start.timeZone!;
  const startMs = instantOf(start, calendarTz)!;
  const durationMs = instantOf(endTime, calendarTz)! - startMs;
  const first = allDay ? Temporal.PlainDate.from(start.date!) : Temporal.Instant.fromEpochMilliseconds(startMs).toZonedDateTimeISO(tz).toPlainDate();
  const wallTime = allDay ? null : Temporal.Instant.fromEpochMilliseconds(startMs).toZonedDateTimeISO(tz).toPlainTime();
  const days = allDay ? Temporal.PlainDate.from(endTime.date!).since(first).days : 0;
  const untilMs = rule.until?.includes("T") ? Date.parse(rule.until.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z")) : undefined;
  const untilDate = rule.until && !rule.until.includes("T") ? Temporal.PlainDate.from(rule.until.replace(/^(\d{4})(\d{2})(\d{2})$/, "$1-$2-$3")) : undefined;

  const open = rule.count === undefined && rule.until === undefined;
  const end = open ? Math.min(to, Math.max(Date.now(), startMs) + OPEN_ENDED_HORIZON_MS) : to;
  const out: Occurrence[] = [];
  let n = 0;
  for (const date of candidates(rule, first)) {
    const sMs = allDay ? instantOf({ date: date.toString() }, calendarTz)! : date.toZonedDateTime({ timeZone: tz, plainTime: wallTime! }).epochMilliseconds;
    if ((untilMs !== undefined && sMs > untilMs) || (untilDate && Temporal.PlainDate.compare(date, untilDate) > 0)) break;
    if (sMs >= end || (rule.count !== undefined && n >= rule.count) || n > 20_000) break;
    n++;
    const suffix = allDay ? date.toString().replace(/-/g, "") : basicUtc(sMs);
    const eMs = sMs + durationMs;
    if (eMs <= from || exdates.has(suffix)) continue;
    out.push({
      suffix,
      startMs: sMs,
      endMs: eMs,
      start: allDay ? { date: date.toString() } : { dateTime: formatInstant(sMs, tz), timeZone: tz },
      end: allDay ? { date: date.add({ days }).toString() } : { dateTime: formatInstant(eMs, tz), timeZone: endTime.timeZone ?? tz },
    });
  }
  return out;
}

function* candidates(rule: Rule, first: Temporal.PlainDate): Generator<Temporal.PlainDate> {
  for (let k = 0; ; k++) {
    if (rule.freq === "DAILY") yield first.add({ days: k * rule.interval });
    else if (rule.freq === "MONTHLY") {
      const ym = first.toPlainYearMonth().add({ months: k * rule.interval });
      if (first.day <= ym.daysInMonth) yield ym.toPlainDate({ day: first.day });
    } else {
      const monday = first.subtract({ days: first.dayOfWeek - 1 }).add({ weeks: k * rule.interval });
      for (const d of rule.byDay ?? [first.dayOfWeek]) {
        const date = monday.add({ days: d - 1 });
        if (Temporal.PlainDate.compare(date, first) >= 0) yield date;
      }
    }
  }
}

function exdateSuffix(v: string, tzid: string | undefined): string | null {
  if (/^\d{8}$/.test(v)) return v;
  const m = v.match(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/);
  if (!m) return null;
  const local = `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`;
  if (m[7]) return basicUtc(Date.parse(`${local}Z`));
  if (!tzid) return null;
  try {
    return basicUtc(Temporal.PlainDateTime.from(local).toZonedDateTime(tzid).epochMilliseconds);
  } catch {
    return null;
  }
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}
