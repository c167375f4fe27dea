import { and, eq, gt, inArray, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db";
import { appointments } from "@/db/schema";
import { addDays, computeSlots, zonedDateTimeToInstant } from "@/lib/availability";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { loadBookingContextOrThrow, loadClosedDates } from "./context";
import { dateRangeSchema } from "./schema";

export type SlotListing = {
  timezone: string;
  slots: { start: Date; end: Date; staffIds: string[] }[];
};

/** Statuses that hold a time range (the exclusion constraints use the same set). */
export const HOLDING_STATUSES = ["pending", "confirmed"] as const;

/**
 * Bookable slots of a service between two local dates of the provider (inclusive), for the
 * provider's own calendar, or a staff member's when `staffId` is given. NOT_FOUND for an
 * unknown provider, a service that is inactive or not the provider's, or a foreign staff id.
 */
export async function listSlots(
  db: Db,
  args: { providerId: string; serviceId: string; staffId?: string | null; from: string; to: string },
  now: Date = new Date(),
): Promise<SlotListing> {
  const range = dateRangeSchema.safeParse({ from: args.from, to: args.to });
  if (!range.success) {
    const fieldErrors = z.flattenError(range.error).fieldErrors as Record<string, string[]>;
    throw new AppError("VALIDATION", undefined, { fieldErrors });
  }
  const ctx = await loadBookingContextOrThrow(db, args);
  const { provider, service, staffId } = ctx;
  const tz = provider.timezone;
  // Busy ranges overlapping the requested days, padded by a day on each side so that a
  // zone's odd midnight (DST at 00:00) can never hide one.
  const rangeStart = zonedDateTimeToInstant(addDays(args.from, -1), "00:00", tz);
  const rangeEnd = zonedDateTimeToInstant(addDays(args.to, 2), "00:00", tz);
  const [closed, busy] = await Promise.all([
    loadClosedDates(db, provider.id, args.from, args.to),
    db
      .select({ start: appointments.startsAt, end: appointments.endsAt })
      .from(appointments)
      .where(
        and(
          eq(appointments.providerId, provider.id),
          staffId ? eq(appointments.staffId, staffId) : isNull(appointments.staffId),
          inArray(appointments.status, [...HOLDING_STATUSES]),
          lt(appointments.startsAt, rangeEnd),
          gt(appointments.endsAt, rangeStart),
        ),
      ),
  ]);
  const slots = computeSlots({
    timezone: tz,
    weeklyHours: ctx.hours,
    closedDates: closed,
    busy,
    durationMinutes: service.durationMinutes,
    minNoticeMinutes: provider.minNoticeMinutes,
    horizonDays: provider.bookingHorizonDays,
    now,
    from: args.from,
    to: args.to,
  });
  const staffIds = staffId ? [staffId] : [];
  return { timezone: tz, slots: slots.map((s) => ({ start: s.start, end: s.end, staffIds })) };
}
