import { and, asc, eq, gte } from "drizzle-orm";
import { z } from "zod";
import type { Db, DbOrTx } from "@/db";
import { providers, staffAvailability, staffMembers, staffTimeOff } from "@/db/schema";
import { zonedDate } from "@/lib/availability";
import { formatWhen } from "@/lib/availability/format";
import { loadSchedule, type ScheduleAppointment } from "@/lib/booking/schedule";
import { HOLDING_STATUSES } from "@/lib/booking/slots";
import { AppError } from "@/lib/infra/errors";
import { assertValidWeeklyHours, intervalRow, type HoursInterval } from "@/lib/provider/hours";
import { optionalText } from "@/lib/provider/form-fields";
import { isoDate, isUuid } from "@/lib/infra/validation";

/*
 * A member's weekly intervals (the same shape and validation as the provider's opening hours:
 * several per weekday, start before end, no overlaps, a message per day) and their time off.
 */

async function memberZoneOrThrow(db: DbOrTx, providerId: string, staffId: string): Promise<string> {
  if (!isUuid(staffId)) throw new AppError("NOT_FOUND");
  const [row] = await db
    .select({ timezone: providers.timezone })
    .from(staffMembers)
    .innerJoin(providers, eq(providers.id, staffMembers.providerId))
    .where(and(eq(staffMembers.id, staffId), eq(staffMembers.providerId, providerId)));
  if (!row) throw new AppError("NOT_FOUND");
  return row.timezone;
}

export async function getStaffWeeklyAvailability(db: Db, providerId: string, staffId: string): Promise<HoursInterval[]> {
  await memberZoneOrThrow(db, providerId, staffId);
  const rows = await db
    .select({ weekday: staffAvailability.weekday, start: staffAvailability.startTime, end: staffAvailability.endTime })
    .from(staffAvailability)
    .where(and(eq(staffAvailability.staffId, staffId), eq(staffAvailability.available, true)))
    .orderBy(asc(staffAvailability.weekday), asc(staffAvailability.startTime));
  return rows.map((r) => ({ weekday: r.weekday, start: r.start.slice(0, 5), end: r.end.slice(0, 5) }));
}

/** Replaces the member's weekly intervals in one transaction; invalid rows write nothing. */
export async function replaceStaffWeeklyAvailability(
  db: Db,
  providerId: string,
  staffId: string,
  intervals: HoursInterval[],
): Promise<void> {
  assertValidWeeklyHours(intervals);
  await memberZoneOrThrow(db, providerId, staffId);
  await db.transaction(async (tx) => {
    await tx.delete(staffAvailability).where(eq(staffAvailability.staffId, staffId));
    if (intervals.length) {
      await tx.insert(staffAvailability).values(intervals.map((i) => ({ staffId, ...intervalRow(i) })));
    }
  });
}

export const timeOffSchema = z
  .object({
    startDate: isoDate("First day"),
    endDate: z.string().trim().optional().transform((v) => v ?? ""),
    reason: optionalText("Reason", 200),
    // Ticked after being shown the appointments the time off would leave outside working time.
    confirmConflicts: z
      .string()
      .optional()
      .transform((v) => v === "1"),
  })
  .transform((v) => ({ ...v, endDate: v.endDate || v.startDate }))
  .superRefine((v, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.endDate)) ctx.addIssue({ code: "custom", path: ["endDate"], message: "Last day must be a date." });
    else if (v.endDate < v.startDate) ctx.addIssue({ code: "custom", path: ["endDate"], message: "Last day can't be before the first day." });
  });
export type TimeOffInput = z.output<typeof timeOffSchema>;
export type TimeOffRow = { id: string; startDate: string; endDate: string; reason: string };

/** Time off that has not ended yet (provider's zone), soonest first. */
export async function listUpcomingTimeOff(db: Db, providerId: string, staffId: string, now = new Date()): Promise<TimeOffRow[]> {
  const today = zonedDate(now, await memberZoneOrThrow(db, providerId, staffId));
  return db
    .select({ id: staffTimeOff.id, startDate: staffTimeOff.startDate, endDate: staffTimeOff.endDate, reason: staffTimeOff.reason })
    .from(staffTimeOff)
    .where(and(eq(staffTimeOff.staffId, staffId), gte(staffTimeOff.endDate, today)))
    .orderBy(asc(staffTimeOff.startDate));
}

/** The member's appointments still ahead on the given days: what time off over them would leave outside working time. */
export async function bookedDuring(db: DbOrTx, providerId: string, staffId: string, from: string, to: string, now = new Date()): Promise<ScheduleAppointment[]> {
  const data = await loadSchedule(db, providerId, from, to);
  if (!data) return [];
  return data.appointments.filter(
    (a) => a.staffId === staffId && (HOLDING_STATUSES as readonly string[]).includes(a.status) && a.endsAt.getTime() > now.getTime() && !a.kept,
  );
}

/**
 * Adds time off. Over booked appointments it first refuses, naming them (client and time), so
 * the provider sees the conflicts before saving; with `confirmConflicts` it adds it anyway and
 * says how many appointments are now conflicts to resolve.
 */
export async function addTimeOff(
  db: DbOrTx,
  providerId: string,
  staffId: string,
  input: TimeOffInput,
  now = new Date(),
): Promise<{ conflicts: number }> {
  const timezone = await memberZoneOrThrow(db, providerId, staffId);
  const today = zonedDate(now, timezone);
  if (input.endDate < today) {
    throw new AppError("VALIDATION", undefined, { fieldErrors: { endDate: ["Time off must end today or later."] } });
  }
  const booked = await bookedDuring(db, providerId, staffId, input.startDate, input.endDate, now);
  if (booked.length && !input.confirmConflicts) {
    const list = booked.map((a) => `${a.clientName}, ${formatWhen(a.startsAt, a.endsAt, timezone)}`).join("; ");
    const message = `${booked.length === 1 ? "1 appointment is" : `${booked.length} appointments are`} booked with them then: ${list}. Add the time off anyway and resolve ${booked.length === 1 ? "it" : "them"} next (reassign, ask the client to reschedule, cancel or keep)?`;
    throw new AppError("VALIDATION", message, { fieldErrors: { confirmConflicts: [message] } });
  }
  await db.insert(staffTimeOff).values({ staffId, startDate: input.startDate, endDate: input.endDate, reason: input.reason });
  return { conflicts: booked.length };
}

export async function removeTimeOff(db: Db, providerId: string, staffId: string, timeOffId: string): Promise<void> {
  await memberZoneOrThrow(db, providerId, staffId);
  if (!isUuid(timeOffId)) throw new AppError("NOT_FOUND");
  const deleted = await db
    .delete(staffTimeOff)
    .where(and(eq(staffTimeOff.id, timeOffId), eq(staffTimeOff.staffId, staffId)))
    .returning({ id: staffTimeOff.id });
  if (!deleted.length) throw new AppError("NOT_FOUND");
}
