import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { appointments, type Appointment } from "@/db/schema";
import { AppError, PG, pgErrorCode } from "@/lib/infra/errors";
import { changeRefusal, loadForActor, type Actor } from "./read";
import { bookingRules, liveStaffBusy, staffCandidatesOrThrow, usesStaff } from "./staff-calendars";
import { assertBookableOrThrow, loadBookingContextOrThrow } from "./context";
import { liveBusyFor } from "./live-busy";
import { cancelRequestSchema } from "./schema";
import { HOLDING_STATUSES } from "./slots";
import { updateAppointment } from "./write";

/**
 * Cancels a pending or confirmed appointment. Guests (by token) and clients (their own) only
 * outside the provider's cancellation window; the provider any time, with a reason the client
 * sees. Someone else's appointment is NOT_FOUND, never FORBIDDEN, so ids cannot be probed.
 * The update is conditional on the status, so of two concurrent cancels one does the work and
 * the other gets INVALID_STATE. Mails both sides.
 */
export async function cancelAppointment(
  db: Db,
  args: { appointmentId: string; actor: Actor; reason?: string },
  now: Date = new Date(),
): Promise<Appointment> {
  const parsed = cancelRequestSchema.safeParse({ reason: args.reason });
  if (!parsed.success) {
    throw new AppError("VALIDATION", undefined, { fieldErrors: { reason: parsed.error.issues.map((i) => i.message) } });
  }
  const reason = parsed.data.reason ?? null;
  const current = await loadForActor(db, args.appointmentId, args.actor);
  if (!current) throw new AppError("NOT_FOUND", "We couldn't find that appointment.");
  const refusal = changeRefusal(current, args.actor.kind, "cancelled", now);
  if (refusal) throw refusal;

  const updated = await db.transaction(async (tx) => {
    return updateAppointment(tx, {
      appointmentId: current.id,
      kind: "cancelled",
      actor: args.actor,
      where: inArray(appointments.status, [...HOLDING_STATUSES]),
      set: { status: "cancelled", cancellationReason: reason, cancelledBy: args.actor.kind },
      reason,
    });
  });
  if (!updated) throw new AppError("INVALID_STATE", "This appointment has already been cancelled.");
  return updated;
}

/**
 * Moves an appointment to another bookable slot of the same service, in place (the exclusion
 * constraint ignores the row's own old range). Same ownership and window rules as cancelling;
 * SLOT_TAKEN when the new time is taken, and then nothing changes. Mails both sides with the
 * old and new time.
 *
 * On staff calendars (PRO, the appointment has a member): a member the client chose (or the
 * provider set) stays, and the new time must be free on their own hours; an appointment booked
 * with "any available" may move to any qualified active member free then, tried in the same
 * fair order as a new "any" booking, each in a savepoint, so a member taken meanwhile moves
 * the booking on to the next. The change row records the new member.
 *
 * The provider may also choose the member (`staffId`, a qualified active member of theirs free
 * then): the appointment moves to them and counts as assigned by the provider from then on.
 */
export async function rescheduleAppointment(
  db: Db,
  args: { appointmentId: string; actor: Actor; start: Date; staffId?: string },
  now: Date = new Date(),
): Promise<Appointment> {
  const current = await loadForActor(db, args.appointmentId, args.actor);
  if (!current) throw new AppError("NOT_FOUND", "We couldn't find that appointment.");
  const refusal = changeRefusal(current, args.actor.kind, "rescheduled", now);
  if (refusal) throw refusal;
  if (Number.isNaN(args.start.getTime())) {
    throw new AppError("OUTSIDE_HOURS", "Choose a valid date and time.", { fieldErrors: { start: ["Choose a valid date and time."] } });
  }

  const staffMode = current.staffId !== null && (await usesStaff(db, current.provider.id, current.service.id, now));
  // Only the provider chooses a member, and only on staff calendars.
  const chosenStaff = args.actor.kind === "provider" && staffMode && args.staffId ? args.staffId : null;
  if (args.staffId && !chosenStaff) {
    throw new AppError("VALIDATION", "This appointment cannot move to another staff member.", {
      fieldErrors: { staffId: ["This appointment cannot move to another staff member."] },
    });
  }
  const ctx = await loadBookingContextOrThrow(db, {
    providerId: current.provider.id,
    serviceId: current.service.id,
    // Staff bookings are checked against the members' own grids below.
    staffId: staffMode ? null : current.staffId,
    // A service withdrawn after booking can still be moved; new bookings of it cannot be made.
    activeServiceOnly: false,
  });
  if (!staffMode) {
    const live = await liveBusyFor(db, {
      providerId: current.provider.id,
      resources: [null],
      from: args.start,
      to: new Date(args.start.getTime() + ctx.service.durationMinutes * 60_000),
      excludeAppointmentId: current.id,
    });
    await assertBookableOrThrow(db, { ...ctx, liveBusy: live.get(null) }, args.start, args.actor.kind, now, current.start);
  }
  const liveStaff = staffMode
    ? await liveStaffBusy(db, {
        providerId: current.provider.id,
        serviceId: current.service.id,
        staffId: current.staffAssignedBy === "any" ? null : current.staffId,
        start: args.start,
        durationMinutes: ctx.service.durationMinutes,
        excludeAppointmentId: current.id,
      })
    : undefined;
  const start = new Date(args.start.getTime());
  const end = new Date(start.getTime() + ctx.service.durationMinutes * 60_000);
  const unchanged = and(
    inArray(appointments.status, [...HOLDING_STATUSES]),
    // Unchanged since we read it: a concurrent reschedule or cancel wins, this one stops.
    eq(appointments.startsAt, current.start),
  );

  let updated: Appointment | null;
  try {
    updated = await db.transaction(async (tx) => {
      const candidates: (string | null)[] = staffMode
        ? await staffCandidatesOrThrow(tx, {
            providerId: current.provider.id,
            serviceId: current.service.id,
            staffId: chosenStaff ?? (current.staffAssignedBy === "any" ? null : current.staffId),
            start,
            rules: await bookingRules(tx, { providerId: current.provider.id, serviceId: current.service.id, start, by: args.actor.kind, now, activeServiceOnly: false }),
            excludeAppointmentId: current.id,
            liveBusy: liveStaff,
          })
        : [current.staffId];
      for (const staffId of candidates) {
        try {
          // Each try in a savepoint: a member taken meanwhile leaves the transaction usable.
          return await tx.transaction((sp) =>
            updateAppointment(sp, {
              appointmentId: current.id,
              kind: "rescheduled",
              actor: args.actor,
              where: unchanged,
              set: { startsAt: start, endsAt: end, staffId, ...(chosenStaff && chosenStaff !== current.staffId ? { staffAssignedBy: "provider" as const } : {}) },
            }),
          );
        } catch (e) {
          if (pgErrorCode(e) !== PG.exclusionViolation) throw e;
        }
      }
      throw new AppError("SLOT_TAKEN");
    });
  } catch (e) {
    if (pgErrorCode(e) === PG.exclusionViolation) throw new AppError("SLOT_TAKEN");
    throw e;
  }
  if (!updated) throw new AppError("INVALID_STATE", "This appointment was changed meanwhile. Please reload the page and try again.");
  return updated;
}
