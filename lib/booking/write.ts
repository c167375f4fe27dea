import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import { rootOf, type Db, type Tx } from "@/db";
import {
  appointmentChanges,
  appointments,
  providers,
  type Appointment,
  type AppointmentChangeKind,
  type AppointmentStatus,
} from "@/db/schema";

/**
 * THE write path for appointments. Every insert or update of an `appointments` row goes
 * through one of the three functions below, inside the caller's transaction:
 *
 *   insertAppointment(tx, { values, actor, manageToken })           → Appointment   ("created")
 *   updateAppointment(tx, { appointmentId, kind, actor, where, set, reason? })
 *                                                                    → Appointment | null
 *       kind: "cancelled" | "rescheduled" | "reassigned" | "confirmed" | "completed" | "no_show"
 *             | "email_confirmed" | "hold_released" (a guest's hold, lib/booking/hold.ts)
 *       `where` is the guard beyond the id (ownership, from-states, "unchanged since read");
 *       null when no row matched it: nothing was written, nothing recorded or queued.
 *   linkAppointmentsToAccount(tx, { userId, email, actor })          → Appointment[]   ("linked")
 *
 * Each of them, in that transaction:
 *   1. writes the row (the exclusion constraint still decides overlaps: callers map 23P01 to
 *      SLOT_TAKEN; conditional updates keep concurrent writers apart),
 *   2. records the change in `appointment_changes` (kind, actor, previous start/end/staff/
 *      status, reason),
 *   3. runs the follow-ups wired on the database (FollowUps: the notices, the reminder, the
 *      calendar sync) on the change. Follow-ups only enqueue (mail rows + pg-boss jobs via the
 *      transaction), so they happen if and only if the write commits.
 *
 * This floor knows no follow-up: the capabilities above it provide them and the composition
 * root wires them where it opens the database (lib/app/follow-ups.ts, lib/app/runtime.ts).
 * A database with none wired refuses every write, so a change can never silently go untold.
 *
 * Callers (lib/booking/create.ts, manage.ts, lib/provider/appointments.ts, lib/staff/reassign.ts,
 * lib/auth/verification.ts) keep their own rules: ownership, windows, bookable slots.
 */

/** Who made a change. A guest's token, when known, lets notices link back to the manage page. */
export type WriteActor =
  | { kind: "guest"; token?: string }
  | { kind: "client"; userId: string }
  | { kind: "provider"; providerId: string; userId?: string }
  | { kind: "staff"; userId: string }
  | { kind: "system" };

/** The row's values before the change (null for `created` and `linked`). */
export type PreviousValues = { startsAt: Date; endsAt: Date; staffId: string | null; status: AppointmentStatus };

/** What a follow-up is told about one change. */
export type AppointmentChange = {
  kind: AppointmentChangeKind;
  actor: WriteActor;
  /** The row as written. */
  appointment: Appointment;
  previous: PreviousValues | null;
  reason: string | null;
  /** Only on `created`: the guest's manage-link token; it is stored hashed, so this is the one chance to mail it. */
  manageToken?: string;
  /**
   * The caller tells the client about this change itself, in one message for several changes
   * (a bulk cancel's summary): the notices leave the client's own message out. Everyone else
   * is told as usual.
   */
  clientToldSeparately?: boolean;
};

/** What follows a change, in its transaction: it may only enqueue (rows and jobs through `tx`). */
export type FollowUp = (tx: Tx, change: AppointmentChange) => Promise<void>;

/** Every follow-up of every change, in the order they run. All are wired at once: none is optional. */
export type FollowUps = {
  /** Who is told what (lib/notices). */
  notices: FollowUp;
  /** The reminder 24 hours before, re-timed or dropped (lib/notices/reminders.ts). */
  reminder: FollowUp;
  /** The Google Calendar event (lib/calendar/enqueue.ts). */
  calendarSync: FollowUp;
};

// Keyed by the database handle, on globalThis: route bundles and instrumentation.ts are separate
// module graphs sharing one handle, and a write in any of them must find what was wired on it.
const WIRED = Symbol.for("slotbook.booking.followUps");
const registry = globalThis as unknown as { [WIRED]?: WeakMap<Db, FollowUps> };
const wired = (registry[WIRED] ??= new WeakMap<Db, FollowUps>());

/** Wires the follow-ups of every appointment write on this database (lib/app/runtime.ts, where it is opened). */
export function wireFollowUps(db: Db, followUps: FollowUps): void {
  wired.set(db, followUps);
}

/** The follow-ups wired on the database of `tx`; throws (before anything is written) when there are none. */
function followUpsOf(tx: Tx): FollowUps {
  const followUps = wired.get(rootOf(tx));
  if (!followUps) {
    throw new Error(
      "Appointment write refused: no follow-ups are wired on this database, so its notices, reminder and calendar sync would be lost. " +
        "Open the database through lib/app/runtime.ts (getDb, prepareDb), which wires them.",
    );
  }
  return followUps;
}

function actorUserId(actor: WriteActor): string | SQL | null {
  switch (actor.kind) {
    case "client":
    case "staff":
      return actor.userId;
    case "provider":
      return actor.userId ?? sql`(select ${providers.ownerId} from ${providers} where ${providers.id} = ${actor.providerId})`;
    default:
      return null;
  }
}

async function record(tx: Tx, followUps: FollowUps, change: AppointmentChange): Promise<void> {
  await tx.insert(appointmentChanges).values({
    appointmentId: change.appointment.id,
    kind: change.kind,
    actorKind: change.actor.kind,
    actorUserId: actorUserId(change.actor),
    previousStartsAt: change.previous?.startsAt ?? null,
    previousEndsAt: change.previous?.endsAt ?? null,
    previousStaffId: change.previous?.staffId ?? null,
    staffId: change.appointment.staffId,
    previousStatus: change.previous?.status ?? null,
    reason: change.reason,
  });
  // A hold awaiting its guest's email confirmation (lib/booking/hold.ts) is told to nobody and
  // gets no reminder or calendar event yet: its "email_confirmed" change runs them all, as for a
  // new booking. Only the hold's own "confirm your email" mail goes out (hold.ts queues it).
  if (change.kind === "created" && change.appointment.holdUntil) return;
  for (const followUp of [followUps.notices, followUps.reminder, followUps.calendarSync]) await followUp(tx, change);
}

/** Inserts a new appointment ("created"). */
export async function insertAppointment(
  tx: Tx,
  args: { values: typeof appointments.$inferInsert; actor: WriteActor; manageToken: string },
): Promise<Appointment> {
  const followUps = followUpsOf(tx);
  const [row] = await tx.insert(appointments).values(args.values).returning();
  await record(tx, followUps, { kind: "created", actor: args.actor, appointment: row!, previous: null, reason: null, manageToken: args.manageToken });
  return row!;
}

export type UpdateKind = Exclude<AppointmentChangeKind, "created" | "linked">;

/** The columns an update may change. */
export type AppointmentPatch = Partial<
  Pick<
    typeof appointments.$inferInsert,
    "status" | "startsAt" | "endsAt" | "staffId" | "cancellationReason" | "cancelledBy" | "updatedAt" | "holdUntil"
  >
>;

/**
 * Updates one appointment if it matches `where` (besides its id). The row is locked and read
 * first, so the recorded previous values are exactly what this update replaced.
 */
export async function updateAppointment(
  tx: Tx,
  args: {
    appointmentId: string;
    kind: UpdateKind;
    actor: WriteActor;
    where?: SQL;
    set: AppointmentPatch;
    reason?: string | null;
    clientToldSeparately?: boolean;
  },
): Promise<Appointment | null> {
  const followUps = followUpsOf(tx);
  const match = and(eq(appointments.id, args.appointmentId), args.where);
  const [previous] = await tx
    .select({ startsAt: appointments.startsAt, endsAt: appointments.endsAt, staffId: appointments.staffId, status: appointments.status })
    .from(appointments)
    .where(match)
    .for("update");
  if (!previous) return null;
  const [row] = await tx
    .update(appointments)
    .set({ updatedAt: sql`now()`, ...args.set })
    .where(eq(appointments.id, args.appointmentId))
    .returning();
  await record(tx, followUps, {
    kind: args.kind,
    actor: args.actor,
    appointment: row!,
    previous,
    reason: args.reason ?? null,
    ...(args.clientToldSeparately ? { clientToldSeparately: true } : {}),
  });
  return row!;
}

/**
 * Attaches the guest bookings made with `email` (compared trimmed and lower-cased) to the
 * account `userId` ("linked", one change row each). Callers must have verified the email.
 */
export async function linkAppointmentsToAccount(
  tx: Tx,
  args: { userId: string; email: string; actor: WriteActor; now?: Date },
): Promise<Appointment[]> {
  const followUps = followUpsOf(tx);
  const rows = await tx
    .update(appointments)
    .set({ clientUserId: args.userId, updatedAt: args.now ?? sql`now()` })
    .where(and(isNull(appointments.clientUserId), sql`lower(trim(${appointments.clientEmail})) = ${args.email}`))
    .returning();
  for (const row of rows) await record(tx, followUps, { kind: "linked", actor: args.actor, appointment: row, previous: null, reason: null });
  return rows;
}
