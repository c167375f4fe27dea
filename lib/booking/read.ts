import "server-only";
import { and, eq, or, sql, type SQL } from "drizzle-orm";
import type { PgSelectBase, SelectedFields } from "drizzle-orm/pg-core";
import type { SelectResult } from "drizzle-orm/query-builders/select.types";
import type { DbOrTx } from "@/db";
import { appointmentManageLinks, appointments, providers, services, staffMembers, users, type AppointmentStatus, type StaffAssignedBy } from "@/db/schema";
import { AppError } from "@/lib/infra/errors";
import { isUuid } from "@/lib/infra/validation";
import { providerColumns, type BookingProvider } from "./context";
import { HOLDING_STATUSES } from "./slots";
import { hashToken, looksLikeToken } from "@/lib/infra/tokens";

/*
 * THE appointment read model. Every reader of appointments starts from one join
 * (appointmentsJoined: appointment ⋈ service ⋈ provider ⟕ staff member) and selects one view,
 * one per audience; the reader adds its own WHERE (ownership first), order and paging.
 *
 *   AppointmentView     one appointment as its guest, client or provider sees it, with what that
 *                       viewer may still do (getAppointmentByToken, getAppointmentForActor)
 *   MailView            that, plus the addresses messages go to (loadMailView → mailParties)
 *   ClientAppointment   a client's portal lists (clientView: lib/portal/appointments.ts)
 *   DashboardAppointment the provider's dashboard list (providerView: lib/provider/appointments.ts)
 *   StaffAppointment    a member's own appointments (staffView: lib/staff/schedule.ts, members.ts)
 *   calendarEventView   what a Google Calendar event shows (lib/calendar/sync.ts)
 */

/** Which tables of the join may be missing from a row: the staff member (an appointment without one). */
type JoinNullability = { appointments: "not-null"; services: "not-null"; providers: "not-null"; staff_members: "nullable" };

/** The query appointmentsJoined starts. */
export type AppointmentsJoined<T extends SelectedFields> = PgSelectBase<"appointments", T, "partial", JoinNullability, true>;

/** The row a view selects (a view's columns decide its type, so the two cannot drift apart). */
export type RowOf<T extends SelectedFields> = SelectResult<T, "partial", JoinNullability>;

/** The one join: every appointment with its service and provider, and its staff member if any. */
export function appointmentsJoined<T extends SelectedFields>(db: DbOrTx, fields: T): AppointmentsJoined<T> {
  const query = db
    .select(fields as SelectedFields)
    .from(appointments)
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .innerJoin(providers, eq(providers.id, appointments.providerId))
    .leftJoin(staffMembers, eq(staffMembers.id, appointments.staffId))
    .$dynamic();
  // Drizzle cannot compute a join's type over a generic selection; the caller's T is concrete.
  return query as unknown as AppointmentsJoined<T>;
}

/** A client's portal list: when, what, where and with whom. */
export const clientView = {
  id: appointments.id,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  /** Set while the booking waits for the client's email confirmation (lib/booking/hold.ts). */
  holdUntil: appointments.holdUntil,
  serviceId: services.id,
  serviceName: services.name,
  serviceActive: services.active,
  providerName: providers.businessName,
  providerSlug: providers.slug,
  timezone: providers.timezone,
  staffId: appointments.staffId,
  staffName: staffMembers.name,
};
export type ClientAppointment = RowOf<typeof clientView>;

/** The provider's dashboard list: the client's details and how the appointment stands. */
export const providerView = {
  id: appointments.id,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  serviceName: services.name,
  staffId: appointments.staffId,
  staffName: staffMembers.name,
  clientName: appointments.clientName,
  clientEmail: appointments.clientEmail,
  clientPhone: appointments.clientPhone,
  notes: appointments.notes,
  source: appointments.source,
  cancellationReason: appointments.cancellationReason,
  holdUntil: appointments.holdUntil,
};
export type DashboardAppointment = RowOf<typeof providerView>;

/** A member's own appointments: what, for whom, the client's phone (to call a late client) and notes; no email. */
export const staffView = {
  id: appointments.id,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  status: appointments.status,
  /** Set while a guest's booking waits for their email confirmation (lib/booking/hold.ts). */
  holdUntil: appointments.holdUntil,
  serviceId: appointments.serviceId,
  serviceName: services.name,
  clientName: appointments.clientName,
  clientPhone: appointments.clientPhone,
  notes: appointments.notes,
};
export type StaffAppointment = RowOf<typeof staffView>;

/** What a Google Calendar event shows, and whether the provider's plan still syncs (`version` is the row's updatedAt). */
export const calendarEventView = {
  id: appointments.id,
  status: appointments.status,
  startsAt: appointments.startsAt,
  endsAt: appointments.endsAt,
  version: sql<string>`${appointments.updatedAt}::text`,
  clientName: appointments.clientName,
  clientEmail: appointments.clientEmail,
  clientPhone: appointments.clientPhone,
  notes: appointments.notes,
  serviceName: services.name,
  staffName: staffMembers.name,
  providerId: providers.id,
  businessName: providers.businessName,
  timezone: providers.timezone,
  plan: providers.plan,
  proUntil: providers.proUntil,
};

/** Who asks: a guest holding the manage link, a signed-in client, or the provider. */
export type Actor = { kind: "guest"; token: string } | { kind: "client"; userId: string } | { kind: "provider"; providerId: string };

/** One appointment as its guest, client or provider sees it (the manage pages), ownership in the WHERE. */
export type AppointmentView = {
  id: string;
  status: AppointmentStatus;
  start: Date;
  end: Date;
  staffId: string | null;
  /** "any" when the member was assigned by "any available": a reschedule may then change the member. */
  staffAssignedBy: StaffAssignedBy | null;
  staffName: string | null;
  clientUserId: string | null;
  clientName: string;
  clientEmail: string;
  clientPhone: string;
  notes: string;
  source: string;
  updatedAt: Date;
  cancellationReason: string | null;
  cancelledBy: string | null;
  /** Set while (and after, if released) the booking is a hold awaiting the guest's email (lib/booking/hold.ts). */
  holdUntil: Date | null;
  provider: Omit<BookingProvider, "ownerEmail">;
  service: { id: string; name: string; durationMinutes: number; active: boolean };
  /** Whether this actor may cancel / reschedule online right now, and if not, why (a sentence for the page). */
  canCancel: boolean;
  canReschedule: boolean;
  blockedReason: string | null;
};

/** The mail view: an appointment as messages about it need it, with the provider owner's and the member's addresses. */
export type MailView = AppointmentView & { ownerEmail: string; staffEmail: string | null };

async function loadAppointment(db: DbOrTx, where: SQL): Promise<MailView | null> {
  const [row] = await appointmentsJoined(db, {
    a: {
      id: appointments.id,
      status: appointments.status,
      start: appointments.startsAt,
      end: appointments.endsAt,
      staffId: appointments.staffId,
      staffAssignedBy: appointments.staffAssignedBy,
      staffName: staffMembers.name,
      clientUserId: appointments.clientUserId,
      clientName: appointments.clientName,
      clientEmail: appointments.clientEmail,
      clientPhone: appointments.clientPhone,
      notes: appointments.notes,
      source: appointments.source,
      updatedAt: appointments.updatedAt,
      cancellationReason: appointments.cancellationReason,
      cancelledBy: appointments.cancelledBy,
      holdUntil: appointments.holdUntil,
    },
    p: providerColumns,
    s: { id: services.id, name: services.name, durationMinutes: services.durationMinutes, active: services.active },
    staffEmail: staffMembers.email,
  })
    .innerJoin(users, eq(users.id, providers.ownerId))
    .where(where)
    .limit(1);
  if (!row) return null;
  const { ownerEmail, ...provider } = row.p;
  return { ...row.a, provider, service: row.s, ownerEmail, staffEmail: row.staffEmail || null, canCancel: false, canReschedule: false, blockedReason: null };
}

/** One appointment by id with no ownership check, as messages need it: for code that already holds it (the write path's follow-ups, the reminder job). */
export async function loadMailView(db: DbOrTx, appointmentId: string): Promise<MailView | null> {
  return isUuid(appointmentId) ? loadAppointment(db, eq(appointments.id, appointmentId)) : null;
}

/**
 * A guest's token: the one made at booking, or one mailed later (a "please pick a new time"
 * request, appointment_manage_links): both hashed, both the whole authority of the manage page.
 */
function guestTokenCondition(token: string): SQL {
  const hash = hashToken(token);
  return or(
    eq(appointments.manageTokenHash, hash),
    sql`exists (select 1 from ${appointmentManageLinks} where ${appointmentManageLinks.tokenHash} = ${hash} and ${appointmentManageLinks.appointmentId} = ${appointments.id})`,
  )!;
}

/** Ownership lives in the WHERE: anyone but the owner sees nothing, the same as a wrong id. */
function actorCondition(actor: Actor): SQL | null {
  switch (actor.kind) {
    case "guest":
      return looksLikeToken(actor.token) ? guestTokenCondition(actor.token) : null;
    case "client":
      return isUuid(actor.userId) ? eq(appointments.clientUserId, actor.userId) : null;
    case "provider":
      return isUuid(actor.providerId) ? eq(appointments.providerId, actor.providerId) : null;
  }
}

export async function loadForActor(db: DbOrTx, appointmentId: string, actor: Actor): Promise<MailView | null> {
  const owner = actorCondition(actor);
  if (!owner || !isUuid(appointmentId)) return null;
  return loadAppointment(db, and(eq(appointments.id, appointmentId), owner)!);
}

/** How the refusal names the change: "cancelled", "rescheduled", or "changed" for both. */
export type Change = "cancelled" | "rescheduled" | "changed";

/** Null when `actor` may make `change` now; else the AppError that says why not. */
export function changeRefusal(a: MailView, actorKind: Actor["kind"], change: Change, now: Date): AppError | null {
  if (!(HOLDING_STATUSES as readonly string[]).includes(a.status)) {
    const message =
      a.status === "cancelled" ? "This appointment has been cancelled." : "This appointment has already taken place.";
    return new AppError("INVALID_STATE", message);
  }
  if (actorKind === "provider") return null;
  // A hold is not moved before its guest confirms the email (lib/booking/hold.ts): the move
  // would be news to a business that has not heard of the booking. Cancelling it is fine.
  if (change === "rescheduled" && a.holdUntil && a.status === "pending") {
    return new AppError("INVALID_STATE", "Confirm your email first: follow the link we sent you, then you can change the time.");
  }
  const p = a.provider;
  const msUntilStart = a.start.getTime() - now.getTime();
  if (msUntilStart >= p.cancellationWindowHours * 3_600_000 && msUntilStart > 0) return null;
  const contact = p.phone
    ? `Please call ${p.businessName} on ${p.phone}.`
    : p.email
      ? `Please contact ${p.businessName} at ${p.email}.`
      : `Please contact ${p.businessName} directly.`;
  if (msUntilStart <= 0) {
    return new AppError("CANCEL_WINDOW", `This appointment has already started, so it can't be ${change} online. ${contact}`);
  }
  const hours = p.cancellationWindowHours;
  return new AppError(
    "CANCEL_WINDOW",
    `Appointments can't be ${change} online less than ${hours} ${hours === 1 ? "hour" : "hours"} before they start. ${contact}`,
  );
}

function withPermissions(a: MailView, actorKind: Actor["kind"], now: Date): AppointmentView {
  const { ownerEmail: _ownerEmail, staffEmail: _staffEmail, ...view } = a;
  // Cancelling and rescheduling follow the same rules, but for a hold (moved only once confirmed).
  const refusal = changeRefusal(a, actorKind, "changed", now);
  const moveRefusal = refusal ?? changeRefusal(a, actorKind, "rescheduled", now);
  return { ...view, canCancel: !refusal, canReschedule: !moveRefusal, blockedReason: refusal?.message ?? null };
}

/** The guest's view of their appointment, by manage-link token; null for any unknown token. */
export async function getAppointmentByToken(db: DbOrTx, token: string, now: Date = new Date()): Promise<AppointmentView | null> {
  if (!looksLikeToken(token)) return null;
  const a = await loadAppointment(db, guestTokenCondition(token));
  return a && withPermissions(a, "guest", now);
}

/** One appointment as the actor may see it (client portal, dashboard); null if not theirs. */
export async function getAppointmentForActor(
  db: DbOrTx,
  appointmentId: string,
  actor: Actor,
  now: Date = new Date(),
): Promise<AppointmentView | null> {
  const a = await loadForActor(db, appointmentId, actor);
  return a && withPermissions(a, actor.kind, now);
}

/** What a message about an appointment says of it: who, what, when (on the provider's clock) and where. */
export type BookingMailContext = {
  providerName: string;
  providerPhone: string;
  providerAddress: string;
  timezone: string;
  serviceName: string;
  clientName: string;
  clientEmail: string;
  clientPhone: string;
  notes: string;
  start: Date;
  end: Date;
  /** Free to cancel or change online until this many hours before `start` (mails state it). */
  cancellationWindowHours: number;
  providerEmail: string;
};

/** The mail view: the parties of an appointment and what messages say of it. */
export type MailParties = {
  appointmentId: string;
  clientEmail: string;
  providerEmail: string;
  context: BookingMailContext;
};

export function mailParties(a: AppointmentView & { ownerEmail?: string }): MailParties {
  return {
    appointmentId: a.id,
    clientEmail: a.clientEmail,
    providerEmail: a.provider.email || (a.ownerEmail ?? ""),
    context: {
      providerName: a.provider.businessName,
      providerPhone: a.provider.phone,
      providerAddress: a.provider.address,
      timezone: a.provider.timezone,
      serviceName: a.service.name,
      clientName: a.clientName,
      clientEmail: a.clientEmail,
      clientPhone: a.clientPhone,
      notes: a.notes,
      start: a.start,
      end: a.end,
      cancellationWindowHours: a.provider.cancellationWindowHours,
      providerEmail: a.provider.email,
    },
  };
}

