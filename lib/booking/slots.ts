import { z } from "zod";
import type { Db } from "@/db";
import { computeSlots } from "@/lib/availability";
import { AppError } from "@/lib/infra/errors";
import { isPro } from "@/lib/plans/plans";
import { listStaffSlots, STAFF_CHOICE_OFF } from "./staff-calendars";
import { loadAvailability, resourceOf, type AvailabilityMiss, type LoadedAvailability } from "./availability";
import { dateRangeSchema } from "./schema";

export { HOLDING_STATUSES } from "./availability";

export type SlotListing = {
  timezone: string;
  slots: { start: Date; end: Date; staffIds: string[] }[];
};

export type SlotScope = {
  serviceId: string;
  staffId?: string | null;
  from: string;
  to: string;
  /** An appointment being moved: on staff calendars its own time is not busy for it. */
  excludeAppointmentId?: string | null;
};

const MISSING_MESSAGES: Record<AvailabilityMiss, string> = {
  provider: "We couldn't find that provider.",
  service: "We couldn't find that service.",
  staff: "We couldn't find that staff member.",
};

/** NOT_FOUND with the message for what the availability loader could not find. */
export function availabilityNotFound(missing: AvailabilityMiss): AppError {
  return new AppError("NOT_FOUND", MISSING_MESSAGES[missing]);
}

/**
 * Bookable slots of a service between two local dates of the provider (inclusive), for the
 * provider's own calendar, or a staff member's when `staffId` is given. The provider is named
 * by id or by public slug. NOT_FOUND for an unknown provider, a service that is inactive or not
 * the provider's, or a foreign staff id. One round trip (lib/booking/availability.ts).
 */
export async function listSlots(
  db: Db,
  args: SlotScope & ({ providerId: string } | { slug: string }),
  now: Date = new Date(),
): Promise<SlotListing> {
  const range = dateRangeSchema.safeParse({ from: args.from, to: args.to });
  if (!range.success) {
    const fieldErrors = z.flattenError(range.error).fieldErrors as Record<string, string[]>;
    throw new AppError("VALIDATION", undefined, { fieldErrors });
  }
  const loaded = await loadAvailability(db, {
    provider: "providerId" in args ? { id: args.providerId } : { slug: args.slug },
    serviceId: args.serviceId,
    resource: resourceOf(args.staffId),
    from: args.from,
    to: args.to,
  });
  if (!loaded.ok) throw availabilityNotFound(loaded.missing);
  return slotsOf(db, loaded, args, now);
}

/**
 * Whether the staff calendars are what is booked: PRO, with active members who provide the
 * service. Read from the availability row, so it costs no query of its own.
 */
export function usesStaffCalendars(loaded: LoadedAvailability, now: Date): boolean {
  return isPro(loaded.plan, now) && loaded.staffCount > 0;
}

/**
 * The slots of a loaded availability: the staff calendars (staff-calendars.ts: one member's, or "any"
 * unless one is named) when they apply, else the provider's own, computed from what was loaded
 * without another query.
 */
export async function slotsOf(db: Db, loaded: LoadedAvailability, args: SlotScope, now: Date): Promise<SlotListing> {
  const a = loaded.availability;
  if (usesStaffCalendars(loaded, now)) {
    const staffSlots = await listStaffSlots(db, {
      providerId: a.providerId,
      serviceId: args.serviceId,
      staffId: args.staffId,
      from: args.from,
      to: args.to,
      excludeAppointmentId: args.excludeAppointmentId,
      rules: {
        timezone: a.timezone,
        weeklyHours: a.weeklyHours,
        closedDates: a.closedDates,
        durationMinutes: loaded.durationMinutes,
        minNoticeMinutes: a.minNoticeMinutes,
        horizonDays: a.horizonDays,
        intervalMinutes: a.intervalMinutes,
        bufferBeforeMinutes: a.bufferBeforeMinutes,
        bufferAfterMinutes: a.bufferAfterMinutes,
        dailyCap: a.dailyCap,
        now,
      },
    });
    return { timezone: a.timezone, slots: staffSlots };
  }
  if (args.staffId) throw new AppError("VALIDATION", STAFF_CHOICE_OFF, { fieldErrors: { staffId: [STAFF_CHOICE_OFF] } });
  const slots = computeSlots({
    timezone: a.timezone,
    weeklyHours: a.weeklyHours,
    closedDates: a.closedDates,
    busy: a.busy,
    durationMinutes: loaded.durationMinutes,
    minNoticeMinutes: a.minNoticeMinutes,
    horizonDays: a.horizonDays,
    intervalMinutes: a.intervalMinutes,
    bufferBeforeMinutes: a.bufferBeforeMinutes,
    bufferAfterMinutes: a.bufferAfterMinutes,
    dailyCap: a.dailyCap,
    appointmentStarts: a.appointmentStarts,
    now,
    from: args.from,
    to: args.to,
  });
  return { timezone: a.timezone, slots: slots.map((s) => ({ start: s.start, end: s.end, staffIds: [] })) };
}
