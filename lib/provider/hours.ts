import "server-only";
import { and, asc, eq, gte } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { closedDates, providerHours, providers } from "@/db/schema";
import { zonedDate, type WeeklyInterval } from "@/lib/availability";
import { WEEKDAYS, weekdayName } from "@/lib/infra/time";
import { AppError, PG, pgErrorCode } from "@/lib/infra/errors";
import { isoDate, isUuid } from "@/lib/infra/validation";
import { optionalText } from "./form-fields";

/** One opening interval, wall-clock "HH:MM" in the provider's zone; weekday is ISO (1 = Monday). */
export type HoursInterval = WeeklyInterval;

/** The field a weekday's errors are reported under (the hours form shows it beside that day). */
export const dayField = (weekday: number) => `day-${weekday}`;

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
/** What a time input sends: HH:MM, with seconds when its step asks for them. */
const FORM_TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?$/;

/**
 * A time field left blank holds nothing or plain spaces. One holding only a line or paragraph
 * separator (U+2028/U+2029) or another invisible character is not blank: `trim()` would empty
 * it and a whole day would silently save as closed (issue 20, row 10). Around a time, such
 * characters are whitespace and are trimmed.
 */
const isBlankField = (raw: string | undefined) => raw === undefined || /^[ \t]*$/.test(raw);
const formTime = (raw: string) => {
  const t = raw.trim();
  return FORM_TIME.test(t) ? t.slice(0, 5) : null;
};

/**
 * Reads the hours form: fields `h-<weekday>-<row>-start` / `-end`. A row left entirely blank
 * is ignored; anything else must be a valid interval. Errors are per day and name the day.
 */
export function parseWeeklyHoursForm(form: Record<string, string>):
  | { ok: true; intervals: HoursInterval[] }
  | { ok: false; fieldErrors: Record<string, string[]> } {
  const rows = new Map<string, { weekday: number; start?: string; end?: string }>();
  for (const [key, raw] of Object.entries(form)) {
    const m = /^h-([1-7])-(\d{1,3})-(start|end)$/.exec(key);
    if (!m) continue;
    const id = `${m[1]}-${m[2]}`;
    const row = rows.get(id) ?? { weekday: Number(m[1]) };
    row[m[3] as "start" | "end"] = raw;
    rows.set(id, row);
  }
  const intervals: HoursInterval[] = [];
  const fieldErrors: Record<string, string[]> = {};
  const fail = (weekday: number, message: string) => (fieldErrors[dayField(weekday)] ??= []).push(message);
  for (const row of rows.values()) {
    if (isBlankField(row.start) && isBlankField(row.end)) continue;
    if (isBlankField(row.start) || isBlankField(row.end)) {
      fail(row.weekday, `${weekdayName(row.weekday)}: give both a start and an end time.`);
      continue;
    }
    const start = formTime(row.start!);
    const end = formTime(row.end!);
    if (!start || !end) fail(row.weekday, `${weekdayName(row.weekday)}: use times like 09:00.`);
    else intervals.push({ weekday: row.weekday, start, end });
  }
  for (const [field, messages] of Object.entries(validateWeeklyHours(intervals))) {
    (fieldErrors[field] ??= []).push(...messages);
  }
  return Object.keys(fieldErrors).length ? { ok: false, fieldErrors } : { ok: true, intervals: sortIntervals(intervals) };
}

function sortIntervals(intervals: HoursInterval[]): HoursInterval[] {
  return [...intervals].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
}

/** Each interval starts before it ends, and no two intervals of a day overlap (touching is fine). */
export function validateWeeklyHours(intervals: HoursInterval[]): Record<string, string[]> {
  const errors: Record<string, string[]> = {};
  const fail = (weekday: number, message: string) => (errors[dayField(weekday)] ??= []).push(message);
  for (const { weekday, name } of WEEKDAYS) {
    const day = sortIntervals(intervals.filter((i) => i.weekday === weekday));
    for (const i of day) {
      if (!HHMM.test(i.start) || !HHMM.test(i.end)) fail(weekday, `${name}: use times like 09:00.`);
      else if (i.start >= i.end) fail(weekday, `${name}: ${i.start}–${i.end} must start before it ends.`);
    }
    const valid = day.filter((i) => i.start < i.end);
    for (let k = 1; k < valid.length; k++) {
      const prev = valid[k - 1]!;
      const cur = valid[k]!;
      if (cur.start < prev.end) fail(weekday, `${name}: ${prev.start}–${prev.end} overlaps ${cur.start}–${cur.end}.`);
    }
  }
  for (const i of intervals) if (!Number.isInteger(i.weekday) || i.weekday < 1 || i.weekday > 7) fail(i.weekday, "Unknown weekday.");
  return errors;
}

/** Refuses weekly hours that do not validate (VALIDATION, errors by weekday), before anything is written. */
export function assertValidWeeklyHours(intervals: HoursInterval[]): void {
  const fieldErrors = validateWeeklyHours(intervals);
  if (Object.keys(fieldErrors).length) throw new AppError("VALIDATION", undefined, { fieldErrors });
}

/** An interval as the columns provider_hours and staff_availability share (weeklyIntervalColumns). */
export const intervalRow = (i: HoursInterval) => ({ weekday: i.weekday, startTime: i.start, endTime: i.end });

/** Replaces all of the provider's weekly hours in one transaction; invalid hours write nothing. */
export async function replaceWeeklyHours(db: Db, providerId: string, intervals: HoursInterval[]): Promise<void> {
  assertValidWeeklyHours(intervals);
  await db.transaction(async (tx) => {
    await tx.delete(providerHours).where(eq(providerHours.providerId, providerId));
    if (intervals.length) {
      await tx.insert(providerHours).values(intervals.map((i) => ({ providerId, ...intervalRow(i) })));
    }
  });
}

export const closedDateSchema = z.object({
  date: isoDate("Date"),
  reason: optionalText("Reason", 200),
});
export type ClosedDateInput = z.infer<typeof closedDateSchema>;
export type ClosedDateRow = { id: string; date: string; reason: string };

async function providerTimezone(db: Db, providerId: string): Promise<string> {
  const [row] = await db.select({ timezone: providers.timezone }).from(providers).where(eq(providers.id, providerId));
  if (!row) throw new AppError("NOT_FOUND");
  return row.timezone;
}

/** Closed dates from today (in the provider's zone) on, soonest first. */
export async function listUpcomingClosedDates(db: Db, providerId: string, now = new Date()): Promise<ClosedDateRow[]> {
  const today = zonedDate(now, await providerTimezone(db, providerId));
  return db
    .select({ id: closedDates.id, date: closedDates.date, reason: closedDates.reason })
    .from(closedDates)
    .where(and(eq(closedDates.providerId, providerId), gte(closedDates.date, today)))
    .orderBy(asc(closedDates.date));
}

/** Closes a day: not in the past (provider's zone), not twice (the unique index decides). */
export async function addClosedDate(db: Db, providerId: string, input: ClosedDateInput, now = new Date()): Promise<void> {
  const today = zonedDate(now, await providerTimezone(db, providerId));
  if (input.date < today) {
    throw new AppError("VALIDATION", undefined, { fieldErrors: { date: ["Choose today or a later date."] } });
  }
  try {
    await db.insert(closedDates).values({ providerId, date: input.date, reason: input.reason });
  } catch (e) {
    if (pgErrorCode(e) === PG.uniqueViolation) {
      throw new AppError("VALIDATION", undefined, { fieldErrors: { date: ["That date is already closed."] } });
    }
    throw e;
  }
}

export async function removeClosedDate(db: Db, providerId: string, closedDateId: string): Promise<void> {
  if (!isUuid(closedDateId)) throw new AppError("NOT_FOUND");
  const deleted = await db
    .delete(closedDates)
    .where(and(eq(closedDates.id, closedDateId), eq(closedDates.providerId, providerId)))
    .returning({ id: closedDates.id });
  if (!deleted.length) throw new AppError("NOT_FOUND");
  // No cache to drop: closed dates change only free times, which are never cached.
}

/**
 * The weekly hours form (rows are dynamic, `h-<weekday>-<row>-start`) as a schema for the
 * action wrapper: the intervals, or parseWeeklyHoursForm's day-by-day messages as field errors.
 */
export const weeklyHoursFormSchema = z.record(z.string(), z.string()).transform((fields, ctx) => {
  const parsed = parseWeeklyHoursForm(fields);
  if (parsed.ok) return parsed.intervals;
  for (const [path, messages] of Object.entries(parsed.fieldErrors))
    for (const message of messages ?? []) ctx.addIssue({ code: "custom", path: [path], message });
  return z.NEVER;
});

/**
 * The hours form with its "save anyway" box (`confirmConflicts`), ticked after being shown the
 * booked appointments the new hours would leave outside working time.
 */
export const weeklyHoursConfirmSchema = z.record(z.string(), z.string()).transform((fields, ctx) => {
  const parsed = parseWeeklyHoursForm(fields);
  if (parsed.ok) return { intervals: parsed.intervals, confirmConflicts: fields.confirmConflicts === "1" };
  for (const [path, messages] of Object.entries(parsed.fieldErrors))
    for (const message of messages ?? []) ctx.addIssue({ code: "custom", path: [path], message });
  return z.NEVER;
});
