import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { appointments, users, type AppointmentStatus } from "./core";
import { id, ownedBy, stampedNow, tstz } from "./columns";

/** What an appointment write did; `created` and `linked` have no previous values. */
export const APPOINTMENT_CHANGE_KINDS = [
  "created",
  "cancelled",
  "rescheduled",
  "reassigned",
  "confirmed",
  "completed",
  "no_show",
  // A no-show set back to confirmed (marked by mistake); nobody is told, like the no-show itself.
  "no_show_undone",
  "linked",
  // A hold whose guest followed the mailed link (lib/booking/hold.ts): told like a new booking.
  "email_confirmed",
  // A hold nobody confirmed in time, cancelled by the system; nobody is told (nobody was).
  "hold_released",
] as const;
export type AppointmentChangeKind = (typeof APPOINTMENT_CHANGE_KINDS)[number];

/** Who made a change: `system` for what no person did (a sweep, a migration). */
export const CHANGE_ACTOR_KINDS = ["guest", "client", "provider", "staff", "system"] as const;
export type ChangeActorKind = (typeof CHANGE_ACTOR_KINDS)[number];

/**
 * One row per appointment write, written in the writing transaction by lib/booking/write.ts:
 * the history a provider or client can be shown, and the record follow-ups (notices, reminders,
 * calendar sync) are derived from. The previous values are copied, not referenced, so the
 * history survives the staff member or account it names.
 */
export const appointmentChanges = pgTable(
  "appointment_changes",
  {
    id: id(),
    appointmentId: ownedBy(() => appointments.id),
    kind: text().$type<AppointmentChangeKind>().notNull(),
    actorKind: text().$type<ChangeActorKind>().notNull(),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    previousStartsAt: tstz(),
    previousEndsAt: tstz(),
    previousStaffId: uuid(),
    /** The member after the change (a reschedule of an "any" booking may change it too). */
    staffId: uuid(),
    previousStatus: text().$type<AppointmentStatus>(),
    reason: text(),
    createdAt: stampedNow(),
  },
  (t) => [index().on(t.appointmentId, t.createdAt)],
);

export type AppointmentChangeRow = typeof appointmentChanges.$inferSelect;

/**
 * "Keep" on an appointment that falls outside working time (time off, hours, closed dates): the
 * provider saw the conflict and chose to keep it. It holds while the appointment keeps the
 * start and member it had when kept; a move makes it a conflict again if it still is one.
 */
export const appointmentConflictKeeps = pgTable("appointment_conflict_keeps", {
  appointmentId: uuid()
    .primaryKey()
    .references(() => appointments.id, { onDelete: "cascade" }),
  startsAt: tstz().notNull(),
  staffId: uuid(),
  keptAt: stampedNow(),
});

/**
 * More guest manage links for one appointment (a "please pick a new time" mail carries one):
 * only the token's sha256 is stored, like appointments.manage_token_hash, and it opens the same
 * manage page with the same rights.
 */
export const appointmentManageLinks = pgTable(
  "appointment_manage_links",
  {
    id: id(),
    appointmentId: ownedBy(() => appointments.id),
    tokenHash: text().notNull(),
    createdAt: stampedNow(),
  },
  (t) => [uniqueIndex("appointment_manage_links_token_key").on(t.tokenHash), index().on(t.appointmentId)],
);
