import { and, eq, gt, isNotNull, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { appointmentManageLinks, appointments, providers, services, type Appointment } from "@/db/schema";
import { queueMail } from "@/lib/infra/outbox/mail";
import { enqueue } from "@/lib/infra/jobs/boss";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { hashToken, looksLikeToken, newTokenWithHash } from "@/lib/infra/tokens";
import { holdConfirmUrl } from "./links";
import { updateAppointment, type WriteActor } from "./write";

/*
 * "Ask new guests to confirm their email" (providers.confirm_guest_email). An online booking
 * whose email is not the signed-in client's verified one is written as a HOLD: status
 * `pending` (so the exclusion constraint and the slot engine block its time like any booking),
 * `hold_until` = now + HOLD_MINUTES, and one mail with a link to confirm. The write path tells
 * nobody else of it (lib/booking/write.ts). Following the link before hold_until makes it the
 * booking it would have been ("email_confirmed": confirmed, or pending for a provider who
 * approves by hand), and only then do the usual notices, reminder and calendar sync run.
 * Unconfirmed, it is released (cancelled, "hold_released", nobody told) by a delayed job queued
 * with it and by a sweep every minute; both are conditional updates, so either may run first,
 * twice, or after a confirmation, and only one thing happens.
 */

export const HOLD_MINUTES = 30;

/** The words the booking page and the API's documentation use for a hold. */
export const HOLD_NOTICE = `Check your email to confirm within ${HOLD_MINUTES} minutes, or the time is released.`;

/** Whether a booking is still awaiting its guest's email confirmation. */
export const isHeld = (a: { holdUntil: Date | null; status: string }) => a.holdUntil !== null && a.status === "pending";

/** The hold columns of a new booking, with the link's token to mail (hashed in the row). */
export function newHold(now: Date): { holdUntil: Date; token: string; hash: string } {
  const { token, hash } = newTokenWithHash();
  return { holdUntil: new Date(now.getTime() + HOLD_MINUTES * 60_000), token, hash };
}

function formatWhen(start: Date, timezone: string): string {
  const date = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(start);
  const time = new Intl.DateTimeFormat("en-GB", { timeZone: timezone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(start);
  return `${date}, ${time} (${timezone})`;
}

/**
 * In the booking's transaction: the one mail of a hold, and the job that releases it when it
 * lapses (the sweep catches it too if that job is lost).
 */
export async function queueHoldFollowUps(tx: Tx, a: Appointment, token: string): Promise<void> {
  const [p] = await tx
    .select({ businessName: providers.businessName, timezone: providers.timezone, serviceName: services.name })
    .from(providers)
    .innerJoin(services, eq(services.id, a.serviceId))
    .where(eq(providers.id, a.providerId));
  const business = (p?.businessName ?? "the business").replace(/[\r\n\t]+/g, " ");
  await queueMail(tx, {
    to: a.clientEmail,
    subject: "Confirm your email to keep your booking",
    text: [
      `Hello ${a.clientName},`,
      "",
      `${business} holds this time for you: ${p?.serviceName ?? "your appointment"}, ${formatWhen(a.startsAt, p?.timezone ?? "UTC")}.`,
      "",
      `Confirm your email within ${HOLD_MINUTES} minutes to keep it:`,
      holdConfirmUrl(token),
      "",
      "If you do not confirm, the time is released and nothing else happens. If you did not book this, ignore this mail.",
    ].join("\n"),
  });
  await enqueue(tx, QUEUES.holdRelease, { appointmentId: a.id }, { startAfter: a.holdUntil! });
}

export type HoldView = { appointmentId: string; state: "held" | "confirmed" | "lapsed"; holdUntil: Date | null; businessName: string; slug: string };

/** What a confirm link points at (null: no such link), without changing anything. */
export async function findHold(db: Db, token: string, now: Date = new Date()): Promise<HoldView | null> {
  if (!looksLikeToken(token)) return null;
  const [a] = await db
    .select({ id: appointments.id, status: appointments.status, holdUntil: appointments.holdUntil, businessName: providers.businessName, slug: providers.slug })
    .from(appointments)
    .innerJoin(providers, eq(providers.id, appointments.providerId))
    .where(eq(appointments.holdTokenHash, hashToken(token)));
  if (!a) return null;
  const view = { appointmentId: a.id, holdUntil: a.holdUntil, businessName: a.businessName, slug: a.slug };
  if (a.holdUntil === null && a.status !== "cancelled") return { ...view, state: "confirmed" };
  if (a.status === "pending" && a.holdUntil && a.holdUntil.getTime() > now.getTime()) return { ...view, state: "held" };
  return { ...view, state: "lapsed" };
}

export type ConfirmHoldResult =
  | { ok: true; appointment: Appointment; manageToken: string | null }
  | { ok: false; reason: "unknown" | "lapsed" | "already" };

/**
 * Follows a confirm link: the hold becomes the booking it would have been, if it is still held
 * at `now`. The guest gets a fresh manage link (their confirmation mail carries it); a client
 * with an account is sent to the portal as usual. Of a confirmation and a release racing, the
 * conditional update lets exactly one win.
 */
export async function confirmHold(db: Db, token: string, now: Date = new Date()): Promise<ConfirmHoldResult> {
  if (!looksLikeToken(token)) return { ok: false, reason: "unknown" };
  const hash = hashToken(token);
  return db.transaction(async (tx): Promise<ConfirmHoldResult> => {
    const [row] = await tx
      .select({ id: appointments.id, clientUserId: appointments.clientUserId, holdUntil: appointments.holdUntil, status: appointments.status, requireApproval: providers.requireApproval })
      .from(appointments)
      .innerJoin(providers, eq(providers.id, appointments.providerId))
      .where(eq(appointments.holdTokenHash, hash));
    if (!row) return { ok: false, reason: "unknown" };
    if (row.holdUntil === null && row.status !== "cancelled") return { ok: false, reason: "already" };
    const manage = row.clientUserId ? null : newTokenWithHash();
    const actor: WriteActor = row.clientUserId ? { kind: "client", userId: row.clientUserId } : { kind: "guest", token: manage!.token };
    const nowSql = sql`${now.toISOString()}::timestamptz`;
    const appointment = await updateAppointment(tx, {
      appointmentId: row.id,
      kind: "email_confirmed",
      actor,
      where: and(eq(appointments.status, "pending"), isNotNull(appointments.holdUntil), gt(appointments.holdUntil, nowSql)),
      // What an online booking starts as (create.ts bookingStatus): pending for a provider who approves.
      set: { status: row.requireApproval ? "pending" : "confirmed", holdUntil: null },
    });
    if (!appointment) return { ok: false, reason: "lapsed" };
    if (manage) await tx.insert(appointmentManageLinks).values({ appointmentId: appointment.id, tokenHash: manage.hash });
    return { ok: true, appointment, manageToken: manage?.token ?? null };
  });
}

const RELEASE_REASON = "The email was not confirmed in time.";

/** Releases one hold if it lapsed by `now` (the delayed job); false when there was nothing to do. */
export async function releaseHold(db: Db, appointmentId: string, now: Date = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => !!(await releaseIn(tx, appointmentId, now)));
}

async function releaseIn(tx: Tx, appointmentId: string, now: Date): Promise<Appointment | null> {
  return updateAppointment(tx, {
    appointmentId,
    kind: "hold_released",
    actor: { kind: "system" },
    where: and(eq(appointments.status, "pending"), isNotNull(appointments.holdUntil), lte(appointments.holdUntil, sql`${now.toISOString()}::timestamptz`)),
    set: { status: "cancelled", cancelledBy: "system", cancellationReason: RELEASE_REASON },
    reason: RELEASE_REASON,
  });
}

/** Every hold that lapsed by `now` and is still held (the sweep, in case a job was lost); how many were released. */
export async function releaseLapsedHolds(db: Db, now: Date = new Date()): Promise<number> {
  const due = await db
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(isNotNull(appointments.holdUntil), eq(appointments.status, "pending"), lte(appointments.holdUntil, sql`${now.toISOString()}::timestamptz`)))
    .limit(500);
  let released = 0;
  for (const { id } of due) if (await releaseHold(db, id, now)) released++;
  return released;
}
