import { and, eq, isNull, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import {
  appointmentChanges,
  appointments,
  providers,
  type Appointment,
  type AppointmentChangeKind,
  type AppointmentStatus,
} from "@/db/schema";
import { syncReminder } from "@/lib/portal/reminders";
import { queueCalendarSync } from "@/lib/calendar/enqueue";
import { queueNotices } from "./notices";

/**
 * THE write path for appointments. Every insert or update of an `appointments` row goes
 * through one of the three functions below, inside the caller's transaction:
 *
 *   insertAppointment(db, tx, { values, actor, manageToken })           → Appointment   ("created")
 *   updateAppointment(db, tx, { appointmentId, kind, actor, where, set, reason? })
 *                                                                        → Appointment | null
 *       kind: "cancelled" | "rescheduled" | "reassigned" | "confirmed" | "completed" | "no_show"
 *       `where` is the guard beyond the id (ownership, from-states, "unchanged since read");
 *       null when no row matched it: nothing was written, nothing recorded or queued.
 *   linkAppointmentsToAccount(db, tx, { userId, email, actor })          → Appointment[]   ("linked")
 *
 * Each of them, in that transaction:
 *   1. writes the row (the exclusion constraint still decides overlaps: callers map 23P01 to
 *      SLOT_TAKEN; conditional updates keep concurrent writers apart),
 *   2. records the change in `appointment_changes` (kind, actor, previous start/end/staff/
 *      status, reason),
 *   3. calls dispatch(), which runs every registered follow-up (FOLLOW_UPS) on the change.
 *      Follow-ups only enqueue (mail rows + pg-boss jobs via the transaction), so they happen
 *      if and only if the write commits.
 *
 * Adding a follow-up (the reminder, the calendar sync) is one line in FOLLOW_UPS: a function
 * `(db, tx, change) => Promise<void>`. Who is told what lives in notices.ts (decideNotices,
 * with notification preferences consulted in wantsNotice).
 *
 * Callers (lib/booking/create.ts, manage.ts, lib/provider/appointments.ts,
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
};

export type FollowUp = (db: Db, tx: Tx, change: AppointmentChange) => Promise<void>;

/** The named seams: each is one registration in FOLLOW_UPS once it is built. */
export type FollowUpName = "notices" | "reminder" | "calendarSync";

const FOLLOW_UPS: { [K in FollowUpName]?: FollowUp } = {
  notices: queueNotices,
  reminder: (db, tx, change) => syncReminder(db, tx, change.appointment),
  calendarSync: queueCalendarSync,
};

/** Runs every registered follow-up of one change, in the writing transaction. */
async function dispatch(db: Db, tx: Tx, change: AppointmentChange): Promise<void> {
  for (const followUp of Object.values(FOLLOW_UPS)) await followUp(db, tx, change);
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

async function record(db: Db, tx: Tx, change: AppointmentChange): Promise<void> {
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
  await dispatch(db, tx, change);
}

/** Inserts a new appointment ("created"). */
export async function insertAppointment(
  db: Db,
  tx: Tx,
  args: { values: typeof appointments.$inferInsert; actor: WriteActor; manageToken: string },
): Promise<Appointment> {
  const [row] = await tx.insert(appointments).values(args.values).returning();
  await record(db, tx, { kind: "created", actor: args.actor, appointment: row!, previous: null, reason: null, manageToken: args.manageToken });
  return row!;
}

export type UpdateKind = Exclude<AppointmentChangeKind, "created" | "linked">;

/** The columns an update may change. */
export type AppointmentPatch = Partial<
  Pick<
    typeof appointments.$inferInsert,
    "status" | "startsAt" | "endsAt" | "staffId" | "cancellationReason" | "cancelledBy" | "updatedAt"
  >
>;

/**
 * Updates one appointment if it matches `where` (besides its id). The row is locked and read
 * first, so the recorded previous values are exactly what this update replaced.
 */
export async function updateAppointment(
  db: Db,
  tx: Tx,
  args: { appointmentId: string; kind: UpdateKind; actor: WriteActor; where?: SQL; set: AppointmentPatch; reason?: string | null },
): Promise<Appointment | null> {
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
  await record(db, tx, { kind: args.kind, actor: args.actor, appointment: row!, previous, reason: args.reason ?? null });
  return row!;
}

/**
 * Attaches the guest bookings made with `email` (compared trimmed and lower-cased) to the
 * account `userId` ("linked", one change row each). Callers must have verified the email.
 */
export async function linkAppointmentsToAccount(
  db: Db,
  tx: Tx,
  args: { userId: string; email: string; actor: WriteActor; now?: Date },
): Promise<Appointment[]> {
  const rows = await tx
    .update(appointments)
    .set({ clientUserId: args.userId, updatedAt: args.now ?? sql`now()` })
    .where(and(isNull(appointments.clientUserId), sql`lower(trim(${appointments.clientEmail})) = ${args.email}`))
    .returning();
  for (const row of rows) await record(db, tx, { kind: "linked", actor: args.actor, appointment: row, previous: null, reason: null });
  return rows;
}
