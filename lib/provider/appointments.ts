import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { appointments, type AppointmentStatus } from "@/db/schema";
import { zonedDate, zonedDateTimeToInstant } from "@/lib/availability";
import { AppError, PG, pgErrorCode } from "@/lib/infra/errors";
import { isUuid } from "@/lib/infra/validation";
import { appointmentsJoined, providerView, type DashboardAppointment } from "@/lib/booking/read";
import { updateAppointment, type UpdateKind, type WriteActor } from "@/lib/booking/write";

/*
 * What a provider can do to an appointment from the dashboard, besides cancelling (which goes
 * through lib/booking so the client is told). The table is the rule: the UPDATE that applies an
 * action only matches rows in one of its from-states, so a stale page cannot skip a step.
 */
export type AppointmentAction = "confirm" | "complete" | "no_show" | "undo_no_show";

export const STATUS_TRANSITIONS: Record<
  AppointmentAction,
  { from: readonly AppointmentStatus[]; to: AppointmentStatus; onceStarted: boolean }
> = {
  confirm: { from: ["pending"], to: "confirmed", onceStarted: false },
  // Marked by mistake: back to confirmed, holding its time again (if nobody has taken it since).
  undo_no_show: { from: ["no_show"], to: "confirmed", onceStarted: false },
  // A no-show who did come after all is completed straight away.
  complete: { from: ["pending", "confirmed", "no_show"], to: "completed", onceStarted: true },
  no_show: { from: ["pending", "confirmed"], to: "no_show", onceStarted: true },
};

export const APPOINTMENT_ACTIONS = Object.keys(STATUS_TRANSITIONS) as AppointmentAction[];

/** Whether `action` may be applied to an appointment in `status` starting at `startsAt`, at `now`. */
export function canApply(action: AppointmentAction, a: { status: AppointmentStatus; startsAt: Date; holdUntil?: Date | null }, now: Date): boolean {
  const t = STATUS_TRANSITIONS[action];
  // A hold waits for its guest's email (lib/booking/hold.ts): it can be cancelled, nothing else.
  if (a.holdUntil) return false;
  return t.from.includes(a.status) && (!t.onceStarted || a.startsAt.getTime() <= now.getTime());
}

/** Provider cancellation is allowed while the appointment still holds its time. */
export const canCancel = (a: { status: AppointmentStatus }) => a.status === "pending" || a.status === "confirmed";

export type DashboardAction = AppointmentAction | "cancel";

/** The buttons an appointment card shows, in order. */
export function availableActions(a: { status: AppointmentStatus; startsAt: Date; holdUntil?: Date | null }, now: Date): DashboardAction[] {
  const actions: DashboardAction[] = APPOINTMENT_ACTIONS.filter((action) => canApply(action, a, now));
  // Once it has started, the client is there (complete) or not (no-show): cancelling is not offered.
  if (canCancel(a) && a.startsAt.getTime() > now.getTime()) actions.push("cancel");
  return actions;
}

const STARTED_MESSAGE = "You can mark an appointment completed or a no-show once it has started.";
const TAKEN_MESSAGE = "Another appointment has been booked at that time since, so this one cannot hold it again. Mark it completed instead, or move the other one first.";

/**
 * Applies a status change to one of this provider's appointments: a conditional UPDATE on id,
 * provider and allowed from-state. Someone else's (or an unknown) appointment is NOT_FOUND and
 * is left untouched; a wrong state is INVALID_STATE. Written through lib/booking/write.ts:
 * confirming tells the client by mail, with the calendar file.
 */
export async function applyAppointmentAction(
  db: Db,
  args: { providerId: string; appointmentId: string; action: AppointmentAction; actor?: WriteActor },
  now = new Date(),
): Promise<{ id: string; status: AppointmentStatus }> {
  const t = STATUS_TRANSITIONS[args.action];
  if (!t || !isUuid(args.appointmentId)) throw new AppError("NOT_FOUND");
  const owned = and(eq(appointments.id, args.appointmentId), eq(appointments.providerId, args.providerId));
  // Never a hold awaiting its guest's email: approving one would skip the guest's confirmation.
  const conditions: SQL[] = [eq(appointments.providerId, args.providerId), inArray(appointments.status, [...t.from]), isNull(appointments.holdUntil)];
  if (t.onceStarted) conditions.push(lte(appointments.startsAt, now));

  return db.transaction(async (tx) => {
    let updated;
    try {
      // In a savepoint: a time taken meanwhile (an undone no-show holds it again) leaves tx usable.
      updated = await tx.transaction((sp) =>
        updateAppointment(sp, {
          appointmentId: args.appointmentId,
          kind: CHANGE_KINDS[args.action],
          actor: args.actor ?? { kind: "provider", providerId: args.providerId },
          where: and(...conditions),
          set: { status: t.to, updatedAt: now },
        }),
      );
    } catch (e) {
      if (pgErrorCode(e) === PG.exclusionViolation) throw new AppError("SLOT_TAKEN", TAKEN_MESSAGE);
      throw e;
    }
    if (!updated) {
      const [current] = await tx
        .select({ status: appointments.status, startsAt: appointments.startsAt })
        .from(appointments)
        .where(owned);
      if (!current) throw new AppError("NOT_FOUND");
      if (t.onceStarted && t.from.includes(current.status)) throw new AppError("INVALID_STATE", STARTED_MESSAGE);
      throw new AppError("INVALID_STATE");
    }
    return { id: updated.id, status: updated.status };
  });
}

const CHANGE_KINDS = { confirm: "confirmed", complete: "completed", no_show: "no_show", undo_no_show: "no_show_undone" } as const satisfies Record<
  AppointmentAction,
  UpdateKind
>;

export const STATUS_FILTERS = ["all", "pending", "confirmed", "completed", "cancelled", "no_show"] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
/** Which half of the dashboard list: from today on, or before today. */
export type ListView = "upcoming" | "past";

export function parseStatusFilter(v: unknown): StatusFilter {
  return STATUS_FILTERS.includes(v as StatusFilter) ? (v as StatusFilter) : "all";
}
export function parseView(v: unknown): ListView {
  return v === "past" ? "past" : "upcoming";
}

export const LIST_LIMIT = 200;

/** The staff filter: one member (a uuid, checked against the provider's staff by the caller), or appointments with nobody. */
export type StaffFilter = { staffId: string } | "none";

/**
 * The provider's appointments for the dashboard, grouped by day on the provider's clock.
 * "upcoming" = from the start of today (provider's zone) on, soonest first; "past" = before
 * today, latest first. At most LIST_LIMIT rows (`truncated` says when more exist). `staff`
 * narrows to one member's (always inside this provider's: the provider is in the WHERE).
 */
export async function listDashboardAppointments(
  db: Db,
  args: { providerId: string; timezone: string; view: ListView; status: StatusFilter; staff?: StaffFilter },
  now = new Date(),
): Promise<{ today: string; truncated: boolean; days: { date: string; appointments: DashboardAppointment[] }[] }> {
  const today = zonedDate(now, args.timezone);
  const startOfToday = zonedDateTimeToInstant(today, "00:00", args.timezone);
  const conditions: SQL[] = [
    eq(appointments.providerId, args.providerId),
    args.view === "upcoming" ? gte(appointments.startsAt, startOfToday) : lt(appointments.startsAt, startOfToday),
  ];
  if (args.status !== "all") conditions.push(eq(appointments.status, args.status));
  if (args.staff === "none") conditions.push(isNull(appointments.staffId));
  else if (args.staff) conditions.push(eq(appointments.staffId, isUuid(args.staff.staffId) ? args.staff.staffId : "00000000-0000-0000-0000-000000000000"));
  const rows = await appointmentsJoined(db, providerView)
    .where(and(...conditions))
    .orderBy(args.view === "upcoming" ? asc(appointments.startsAt) : desc(appointments.startsAt))
    .limit(LIST_LIMIT + 1);
  const truncated = rows.length > LIST_LIMIT;
  const days: { date: string; appointments: DashboardAppointment[] }[] = [];
  for (const row of rows.slice(0, LIST_LIMIT)) {
    const date = zonedDate(row.startsAt, args.timezone);
    const last = days[days.length - 1];
    if (last?.date === date) last.appointments.push(row);
    else days.push({ date, appointments: [row] });
  }
  return { today, truncated, days };
}

export type ClientHistory = { visits: number; noShows: number; cancelled: number; upcoming: number; lastVisit: Date | null };

/**
 * A client's record at this business, for the provider's details panel: by the verified
 * account when the appointment has one, else by email (case-insensitive). Counts only.
 */
export async function clientHistory(
  db: Db,
  args: { providerId: string; clientUserId: string | null; clientEmail: string },
  now = new Date(),
): Promise<ClientHistory> {
  const who = args.clientUserId
    ? sql`(${appointments.clientUserId} = ${args.clientUserId} or lower(${appointments.clientEmail}) = lower(${args.clientEmail}))`
    : sql`lower(${appointments.clientEmail}) = lower(${args.clientEmail})`;
  const [row] = await db
    .select({
      visits: sql<number>`count(*) filter (where ${appointments.status} = 'completed')::int`,
      noShows: sql<number>`count(*) filter (where ${appointments.status} = 'no_show')::int`,
      cancelled: sql<number>`count(*) filter (where ${appointments.status} = 'cancelled')::int`,
      upcoming: sql<number>`count(*) filter (where ${appointments.status} in ('pending', 'confirmed') and ${appointments.endsAt} > ${now.toISOString()}::timestamptz)::int`,
      lastVisit: sql<string | null>`max(${appointments.startsAt}) filter (where ${appointments.status} = 'completed')`,
    })
    .from(appointments)
    .where(and(eq(appointments.providerId, args.providerId), who));
  return {
    visits: row?.visits ?? 0,
    noShows: row?.noShows ?? 0,
    cancelled: row?.cancelled ?? 0,
    upcoming: row?.upcoming ?? 0,
    lastVisit: row?.lastVisit ? new Date(row.lastVisit) : null,
  };
}

/** Tells the client, once, about the appointments a bulk cancel cancelled (lib/notices/bulk-cancel.ts, wired by the caller). */
export type ClientCancellationSummary = (tx: Tx, appointmentIds: string[], reason: string | null) => Promise<void>;

/**
 * Cancels, in one transaction, every upcoming pending or confirmed appointment at this
 * provider booked with the same email as `appointmentId` (compared case-insensitively): the
 * provider's answer to one guest filling the calendar. Each goes through the write path, so
 * each is recorded and told like a single cancel, except that the client gets one summary
 * (`tellClient`) rather than a mail per booking. Another provider's (or an unknown)
 * appointment is NOT_FOUND and nothing changes. Returns how many were cancelled.
 */
export async function cancelUpcomingOfEmail(
  db: Db,
  args: { providerId: string; appointmentId: string; reason?: string; tellClient: ClientCancellationSummary },
  now = new Date(),
): Promise<{ email: string; cancelled: number }> {
  if (!isUuid(args.appointmentId)) throw new AppError("NOT_FOUND");
  const reason = args.reason?.trim() || null;
  return db.transaction(async (tx) => {
    const [origin] = await tx
      .select({ email: appointments.clientEmail })
      .from(appointments)
      .where(and(eq(appointments.id, args.appointmentId), eq(appointments.providerId, args.providerId)));
    if (!origin) throw new AppError("NOT_FOUND");
    const holding = and(eq(appointments.providerId, args.providerId), inArray(appointments.status, ["pending", "confirmed"]));
    const targets = await tx
      .select({ id: appointments.id })
      .from(appointments)
      .where(and(holding, gte(appointments.startsAt, now), sql`lower(${appointments.clientEmail}) = lower(${origin.email})`))
      .orderBy(asc(appointments.startsAt));
    const cancelled: string[] = [];
    for (const { id } of targets) {
      const updated = await updateAppointment(tx, {
        appointmentId: id,
        kind: "cancelled",
        actor: { kind: "provider", providerId: args.providerId },
        where: holding!,
        set: { status: "cancelled", cancellationReason: reason, cancelledBy: "provider" },
        reason,
        clientToldSeparately: true,
      });
      if (updated) cancelled.push(updated.id);
    }
    if (cancelled.length > 0) await args.tellClient(tx, cancelled, reason);
    return { email: origin.email, cancelled: cancelled.length };
  });
}
