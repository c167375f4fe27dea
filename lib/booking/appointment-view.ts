import "server-only";
import { and, eq, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { appointments, providers, services, staffMembers, users, type AppointmentStatus, type StaffAssignedBy } from "@/db/schema";
import { AppError } from "@/lib/infra/errors";
import { isUuid } from "@/lib/infra/validation";
import { providerColumns, type BookingProvider } from "./context";
import { HOLDING_STATUSES } from "./slots";
import { hashToken, looksLikeToken } from "@/lib/infra/tokens";

/*
 * Reading one appointment as a given actor, and the rules for whether they may still change
 * it. Ownership is always part of the query.
 */

/** Who asks: a guest holding the manage link, a signed-in client, or the provider. */
export type Actor = { kind: "guest"; token: string } | { kind: "client"; userId: string } | { kind: "provider"; providerId: string };

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
  provider: Omit<BookingProvider, "ownerEmail">;
  service: { id: string; name: string; durationMinutes: number; active: boolean };
  /** Whether this actor may cancel / reschedule online right now, and if not, why (a sentence for the page). */
  canCancel: boolean;
  canReschedule: boolean;
  blockedReason: string | null;
};

export type Loaded = AppointmentView & { ownerEmail: string; staffEmail: string | null };

async function loadAppointment(db: DbOrTx, where: SQL): Promise<Loaded | null> {
  const [row] = await db
    .select({
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
      },
      p: providerColumns,
      s: { id: services.id, name: services.name, durationMinutes: services.durationMinutes, active: services.active },
      staffEmail: staffMembers.email,
    })
    .from(appointments)
    .innerJoin(providers, eq(providers.id, appointments.providerId))
    .innerJoin(users, eq(users.id, providers.ownerId))
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .leftJoin(staffMembers, eq(staffMembers.id, appointments.staffId))
    .where(where)
    .limit(1);
  if (!row) return null;
  const { ownerEmail, ...provider } = row.p;
  return { ...row.a, provider, service: row.s, ownerEmail, staffEmail: row.staffEmail || null, canCancel: false, canReschedule: false, blockedReason: null };
}

/** One appointment by id with no ownership check: for code that already holds it (lib/booking/write.ts, inside the write). */
export async function loadAppointmentById(db: DbOrTx, appointmentId: string): Promise<Loaded | null> {
  return isUuid(appointmentId) ? loadAppointment(db, eq(appointments.id, appointmentId)) : null;
}

/** Ownership lives in the WHERE: anyone but the owner sees nothing, the same as a wrong id. */
function actorCondition(actor: Actor): SQL | null {
  switch (actor.kind) {
    case "guest":
      return looksLikeToken(actor.token) ? eq(appointments.manageTokenHash, hashToken(actor.token)) : null;
    case "client":
      return isUuid(actor.userId) ? eq(appointments.clientUserId, actor.userId) : null;
    case "provider":
      return isUuid(actor.providerId) ? eq(appointments.providerId, actor.providerId) : null;
  }
}

export async function loadForActor(db: DbOrTx, appointmentId: string, actor: Actor): Promise<Loaded | null> {
  const owner = actorCondition(actor);
  if (!owner || !isUuid(appointmentId)) return null;
  return loadAppointment(db, and(eq(appointments.id, appointmentId), owner)!);
}

/** How the refusal names the change: "cancelled", "rescheduled", or "changed" for both. */
export type Change = "cancelled" | "rescheduled" | "changed";

/** Null when `actor` may make `change` now; else the AppError that says why not. */
export function changeRefusal(a: Loaded, actorKind: Actor["kind"], change: Change, now: Date): AppError | null {
  if (!(HOLDING_STATUSES as readonly string[]).includes(a.status)) {
    const message =
      a.status === "cancelled" ? "This appointment has been cancelled." : "This appointment has already taken place.";
    return new AppError("INVALID_STATE", message);
  }
  if (actorKind === "provider") return null;
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

function withPermissions(a: Loaded, actorKind: Actor["kind"], now: Date): AppointmentView {
  const { ownerEmail: _ownerEmail, staffEmail: _staffEmail, ...view } = a;
  // Cancelling and rescheduling follow the same rules today; kept apart for the page.
  const refusal = changeRefusal(a, actorKind, "changed", now);
  return { ...view, canCancel: !refusal, canReschedule: !refusal, blockedReason: refusal?.message ?? null };
}

/** The guest's view of their appointment, by manage-link token; null for any unknown token. */
export async function getAppointmentByToken(db: DbOrTx, token: string, now: Date = new Date()): Promise<AppointmentView | null> {
  if (!looksLikeToken(token)) return null;
  const a = await loadAppointment(db, eq(appointments.manageTokenHash, hashToken(token)));
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
    },
  };
}

