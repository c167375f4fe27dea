import { and, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { appointments, providers, staffMembers } from "@/db/schema";
import { addDays, isoWeekday, parseWallTime, zonedDate, zonedTime } from "@/lib/availability";
import { AppError, isAppError, PG, pgErrorCode } from "@/lib/infra/errors";
import { cancelAppointment } from "@/lib/booking/manage";
import { appointmentsJoined } from "@/lib/booking/read";
import { updateAppointment } from "@/lib/booking/write";
import { isUuid } from "@/lib/infra/validation";
import { bookingRules } from "@/lib/booking/staff-calendars";
import { loadStaffResources } from "@/lib/booking/staff-load";
import { listMemberUpcoming } from "./members";
import { fairOrder, memberSlotInput, type BusinessRules, type StaffResource } from "@/lib/booking/staff-resources";

/*
 * Moving an appointment to another member (the provider's dashboard, or a member being
 * deactivated/deleted). Only to a member who provides the service and works then; the
 * exclusion constraint decides whether they are free. Written through lib/booking/write.ts,
 * which records the change and queues the notices (lib/notices) in the same
 * transaction; nothing here sends mail.
 */

type Target = { id: string; startsAt: Date; endsAt: Date; serviceId: string; staffId: string | null; timezone: string };

async function loadTarget(db: Db, providerId: string, appointmentId: string, now: Date): Promise<Target> {
  if (!isUuid(appointmentId)) throw new AppError("NOT_FOUND");
  const [row] = await appointmentsJoined(db, {
    id: appointments.id,
    startsAt: appointments.startsAt,
    endsAt: appointments.endsAt,
    serviceId: appointments.serviceId,
    staffId: appointments.staffId,
    timezone: providers.timezone,
  }).where(
      and(
        eq(appointments.id, appointmentId),
        eq(appointments.providerId, providerId),
        inArray(appointments.status, ["pending", "confirmed"]),
        gt(appointments.endsAt, now),
      ),
    );
  if (!row) throw new AppError("NOT_FOUND", "We couldn't find that upcoming appointment.");
  return row;
}

/** The members who could take this appointment: provide the service, work then, are free, and are not its member now. */
async function freeMembers(db: Db, providerId: string, a: Target, now: Date): Promise<StaffResource[]> {
  const day = zonedDate(a.startsAt, a.timezone);
  const members = await loadStaffResources(db, { providerId, serviceId: a.serviceId, from: addDays(day, -1), to: addDays(day, 1), timezone: a.timezone });
  const business = await bookingRules(db, { providerId, serviceId: a.serviceId, start: a.startsAt, by: "provider", now, activeServiceOnly: false });
  const rules: BusinessRules = {
    ...business,
    durationMinutes: Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000),
    from: addDays(day, -1),
    to: addDays(day, 1),
  };
  // An existing appointment may sit off the slot grid: check that it lies inside one of the
  // member's intervals that day (not a closed day or time off) and overlaps nothing of theirs (appointments, or their own calendar's busy times).
  const startMin = parseWallTime(zonedTime(a.startsAt, a.timezone));
  const endMin = startMin + rules.durationMinutes;
  const fits = (m: StaffResource) => {
    const input = memberSlotInput(rules, m);
    if (input.closedDates.includes(day)) return false;
    const within = input.weeklyHours.some((i) => i.weekday === isoWeekday(day) && parseWallTime(i.start) <= startMin && endMin <= parseWallTime(i.end));
    const overlaps = (b: { start: Date; end: Date }) => b.start < a.endsAt && b.end > a.startsAt;
    // Their own appointments, and busy times mirrored from their own Google Calendar.
    return within && !m.busy.some(overlaps) && !(m.calendarBusy ?? []).some(overlaps);
  };
  return members.filter((m) => m.id !== a.staffId && fits(m));
}

async function memberNames(db: Db, providerId: string): Promise<Map<string, string>> {
  const rows = await db.select({ id: staffMembers.id, name: staffMembers.name }).from(staffMembers).where(eq(staffMembers.providerId, providerId));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The members who could take this appointment instead, in display order. */
export async function reassignOptions(db: Db, providerId: string, appointmentId: string, now = new Date()): Promise<{ id: string; name: string }[]> {
  const a = await loadTarget(db, providerId, appointmentId, now);
  const [members, names] = await Promise.all([freeMembers(db, providerId, a, now), memberNames(db, providerId)]);
  return members.map((m) => ({ id: m.id, name: names.get(m.id) ?? "" }));
}

/**
 * Moves one upcoming appointment to `toStaffId`, who must be one of reassignOptions. Written
 * through lib/booking/write.ts as `reassigned`: the change row names both members, and the
 * notices (the client, the new member) are queued by lib/notices in that transaction.
 */
export async function reassignAppointment(db: Db, providerId: string, appointmentId: string, toStaffId: string, now = new Date()): Promise<void> {
  if (!isUuid(toStaffId)) throw new AppError("VALIDATION", "Choose a staff member.", { fieldErrors: { staffId: ["Choose a staff member."] } });
  const options = await reassignOptions(db, providerId, appointmentId, now);
  const target = options.find((o) => o.id === toStaffId);
  if (!target) {
    const message = "That staff member can't take this appointment: they don't provide the service, aren't working then, or are busy.";
    throw new AppError("VALIDATION", message, { fieldErrors: { staffId: [message] } });
  }
  await writeReassignment(db, providerId, appointmentId, target);
}

async function writeReassignment(db: Db, providerId: string, appointmentId: string, target: { id: string; name: string }): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      const row = await updateAppointment(tx, {
        appointmentId,
        kind: "reassigned",
        actor: { kind: "provider", providerId },
        where: and(eq(appointments.providerId, providerId), inArray(appointments.status, ["pending", "confirmed"])),
        set: { staffId: target.id },
      });
      if (!row) throw new AppError("INVALID_STATE");
    });
  } catch (e) {
    if (pgErrorCode(e) === PG.exclusionViolation) throw new AppError("SLOT_TAKEN", `${target.name} was just booked at that time. Please choose someone else.`);
    throw e;
  }
}

/** The reason a client reads when nobody could take over their appointment. */
export const NOBODY_FREE_REASON = "Your staff member is no longer available then, and nobody else who provides this service is free. Please book another time.";

export type ResolveOutcome = { reassigned: number; cancelled: number };

/**
 * Clears a member's future appointments before they are deactivated or deleted: each goes to a
 * free qualified member in the fair order of "any available" (fewest that day, then display
 * order); one nobody can take is cancelled with a notice to the client. Every write goes
 * through lib/booking/write.ts, so each client is told.
 */
export async function resolveMemberAppointments(db: Db, providerId: string, staffId: string, now = new Date()): Promise<ResolveOutcome> {
  const upcoming = await listMemberUpcoming(db, providerId, staffId, now);
  const names = await memberNames(db, providerId);
  const outcome: ResolveOutcome = { reassigned: 0, cancelled: 0 };
  for (const item of upcoming) {
    let a: Target;
    try {
      a = await loadTarget(db, providerId, item.id, now);
    } catch {
      continue; // cancelled or ended meanwhile
    }
    const order = fairOrder(await freeMembers(db, providerId, a, now), a.startsAt, a.timezone);
    let done = false;
    for (const id of order) {
      try {
        await writeReassignment(db, providerId, a.id, { id, name: names.get(id) ?? "" });
        done = true;
        break;
      } catch (e) {
        if (!(isAppError(e) && e.code === "SLOT_TAKEN")) throw e;
      }
    }
    if (done) {
      outcome.reassigned++;
      continue;
    }
    try {
      await cancelAppointment(db, { appointmentId: a.id, actor: { kind: "provider", providerId }, reason: NOBODY_FREE_REASON }, now);
      outcome.cancelled++;
    } catch (e) {
      if (!(isAppError(e) && e.code === "INVALID_STATE")) throw e;
    }
  }
  return outcome;
}
