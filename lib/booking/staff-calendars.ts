import { sql } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "@/db";
import { addDays, isBookableSlot, zonedDate, type WeeklyInterval } from "@/lib/availability";
import { AppError } from "@/lib/infra/errors";
import { isPro } from "@/lib/plans/plans";
import { isUuid } from "@/lib/infra/validation";
import { loadAvailability } from "./availability";
import { liveBusyFor, type Range } from "./live-busy";
import { listBookableStaff, loadStaffResources } from "./staff-load";
import { computeStaffSlots, fairOrder, memberSlotInput, type BusinessRules, type StaffSlot } from "./staff-resources";

/*
 * Where booking meets staff. A PRO provider with active members who provide the service books
 * on the members' calendars ("any available" unless a member is chosen); a FREE or lapsed
 * provider, or a service nobody provides, books on the provider's own calendar as before.
 */

export const STAFF_NOT_BOOKABLE = "That staff member can't take this booking. Please choose another, or “Any available”.";
export const STAFF_CHOICE_OFF = "This business doesn't offer a choice of staff.";

/** Whether bookings of this service go to staff: PRO, and at least one active member provides it. */
export async function usesStaff(db: DbOrTx, providerId: string, serviceId: string, now: Date): Promise<boolean> {
  if (!isUuid(providerId) || !isUuid(serviceId)) return false;
  const [row] = await queryRows<{ plan: "free" | "pro"; pro_until: string | Date | null; n: number }>(
    db,
    sql`select p.plan, p.pro_until,
          (select count(*)::int from staff_members m join staff_services ss on ss.staff_id = m.id
           where m.provider_id = p.id and m.active and ss.service_id = ${serviceId}::uuid) as n
        from providers p where p.id = ${providerId}::uuid`,
  );
  if (!row) return false;
  const proUntil = row.pro_until === null ? null : new Date(row.pro_until);
  return isPro({ plan: row.plan, proUntil }, now) && Number(row.n) > 0;
}

type Rules = Omit<BusinessRules, "from" | "to">;

/**
 * Slots on the staff calendars between two local dates: one member's (`staffId`) or any
 * qualified member's, each slot naming the members free then. A member who is not this
 * provider's, inactive or not providing the service is a 422 on `staffId`.
 */
export async function listStaffSlots(
  db: DbOrTx,
  args: { providerId: string; serviceId: string; staffId?: string | null; from: string; to: string; rules: Rules; excludeAppointmentId?: string | null },
): Promise<StaffSlot[]> {
  const members = await loadStaffResources(db, { ...args, timezone: args.rules.timezone });
  if (args.staffId && members.length === 0) {
    throw new AppError("VALIDATION", STAFF_NOT_BOOKABLE, { fieldErrors: { staffId: [STAFF_NOT_BOOKABLE] } });
  }
  return computeStaffSlots({ ...args.rules, from: args.from, to: args.to }, members);
}

/**
 * The live check for a staff booking, asked before the writing transaction (never inside it):
 * the chosen member's own calendar, or for "any available" every qualified member's, each for
 * that member alone. Members Google could not answer for are absent (the mirror decides).
 */
export async function liveStaffBusy(
  db: Db,
  args: { providerId: string; serviceId: string; staffId?: string | null; start: Date; durationMinutes: number; excludeAppointmentId?: string | null },
): Promise<Map<string | null, Range[]>> {
  const resources = args.staffId ? [args.staffId] : (await listBookableStaff(db, args.providerId, args.serviceId)).map((m) => m.id);
  if (resources.length === 0) return new Map();
  return liveBusyFor(db, {
    providerId: args.providerId,
    resources,
    from: args.start,
    to: new Date(args.start.getTime() + args.durationMinutes * 60_000),
    excludeAppointmentId: args.excludeAppointmentId,
  });
}

/**
 * The members to try for a booking at `start`, best first (fewest appointments that day, then
 * display order), each free then by the data this transaction sees. The caller inserts with
 * each in turn inside a savepoint and keeps the first the exclusion constraint accepts, so
 * concurrent "any" bookings of one slot spread over the free members instead of failing.
 */
export async function staffCandidatesOrThrow(
  db: DbOrTx,
  args: {
    providerId: string;
    serviceId: string;
    staffId?: string | null;
    start: Date;
    rules: Rules & { weeklyHours: WeeklyInterval[] };
    excludeAppointmentId?: string | null;
    /** What each member's own calendar says right now (liveStaffBusy), beyond the mirror. */
    liveBusy?: Map<string | null, Range[]>;
  },
): Promise<string[]> {
  const { timezone } = args.rules;
  const day = zonedDate(args.start, timezone);
  const loaded = await loadStaffResources(db, {
    providerId: args.providerId,
    serviceId: args.serviceId,
    staffId: args.staffId,
    from: addDays(day, -1),
    to: addDays(day, 1),
    timezone,
    excludeAppointmentId: args.excludeAppointmentId,
  });
  // A member's own calendar busy now makes that member (and only them) busy.
  const members = loaded.map((m) => {
    const live = args.liveBusy?.get(m.id);
    return live?.length ? { ...m, calendarBusy: [...(m.calendarBusy ?? []), ...live] } : m;
  });
  if (args.staffId && members.length === 0) {
    throw new AppError("VALIDATION", STAFF_NOT_BOOKABLE, { fieldErrors: { staffId: [STAFF_NOT_BOOKABLE] } });
  }
  const rules: BusinessRules = { ...args.rules, from: addDays(day, -1), to: addDays(day, 1) };
  const free = members.filter((m) => isBookableSlot(memberSlotInput(rules, m), args.start));
  if (free.length === 0) {
    const working = members.some((m) => isBookableSlot({ ...memberSlotInput(rules, m), busy: [], dailyCap: 0 }, args.start));
    if (working) throw new AppError("SLOT_TAKEN");
    const message = args.staffId
      ? "That staff member isn't working then. Please pick one of the offered times."
      : "Nobody is working then. Please pick one of the offered times.";
    throw new AppError("OUTSIDE_HOURS", message, { fieldErrors: { start: [message] } });
  }
  return fairOrder(free, args.start, timezone);
}

/**
 * The business's rules around the local day of `start` (opening hours, closed dates, notice,
 * horizon), read through the one availability loader, for checking members at that start.
 */
export async function bookingRules(
  db: DbOrTx,
  args: { providerId: string; serviceId: string; start: Date; by: "guest" | "client" | "provider"; now: Date; activeServiceOnly?: boolean },
): Promise<Rules & { weeklyHours: WeeklyInterval[] }> {
  const [zone] = await queryRows<{ timezone: string }>(db, sql`select timezone from providers where id = ${args.providerId}::uuid`);
  if (!zone) throw new AppError("NOT_FOUND");
  const day = zonedDate(args.start, zone.timezone);
  const loaded = await loadAvailability(db, {
    provider: { id: args.providerId },
    serviceId: args.serviceId,
    resource: { kind: "provider" },
    from: addDays(day, -1),
    to: addDays(day, 1),
    activeServiceOnly: args.activeServiceOnly,
  });
  if (!loaded.ok) throw new AppError("NOT_FOUND");
  const a = loaded.availability;
  return {
    timezone: a.timezone,
    weeklyHours: a.weeklyHours,
    closedDates: a.closedDates,
    durationMinutes: loaded.durationMinutes,
    minNoticeMinutes: args.by === "provider" ? 0 : a.minNoticeMinutes,
    // A provider may book any future day by phone, and past the buffers and the daily cap.
    horizonDays: args.by === "provider" ? 3650 : a.horizonDays,
    intervalMinutes: a.intervalMinutes,
    bufferBeforeMinutes: args.by === "provider" ? 0 : a.bufferBeforeMinutes,
    bufferAfterMinutes: args.by === "provider" ? 0 : a.bufferAfterMinutes,
    dailyCap: args.by === "provider" ? 0 : a.dailyCap,
    now: args.now,
  };
}
