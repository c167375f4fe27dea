import { and, eq } from "drizzle-orm";
import type { Db } from "@/db";
import { appointmentConflictKeeps, appointmentManageLinks, providers } from "@/db/schema";
import { formatWhen } from "@/lib/availability/format";
import { conflictsIf, type ProposedChange } from "@/lib/booking/schedule";
import { manageUrl } from "@/lib/booking/links";
import { loadForActor, mailParties, type MailView } from "@/lib/booking/read";
import { HOLDING_STATUSES } from "@/lib/booking/slots";
import { AppError } from "@/lib/infra/errors";
import { logQueued } from "@/lib/notices/message-log";
import { queueMail } from "@/lib/infra/outbox/mail";
import { newTokenWithHash } from "@/lib/infra/tokens";
import { rescheduleRequestMail } from "@/lib/notices/mail-texts";

/*
 * Resolving a conflict (an appointment left outside working time by time off, hours, closed
 * dates: lib/booking/schedule.ts finds them). Reassigning and cancelling are the existing
 * actions; here: asking the client to choose a new time, and keeping the appointment as it is.
 */

async function holdingOrThrow(db: Db, providerId: string, appointmentId: string, now: Date): Promise<MailView> {
  const a = await loadForActor(db, appointmentId, { kind: "provider", providerId });
  if (!a) throw new AppError("NOT_FOUND");
  if (!(HOLDING_STATUSES as readonly string[]).includes(a.status) || a.end.getTime() <= now.getTime()) {
    throw new AppError("INVALID_STATE", "This appointment is no longer booked ahead.");
  }
  return a;
}

/**
 * Mails the client a new private manage link (the guest's manage page: reschedule or cancel),
 * asking them to choose a new time. The link and the mail are written in one transaction.
 */
export async function askClientToReschedule(db: Db, providerId: string, appointmentId: string, now = new Date()): Promise<void> {
  const a = await holdingOrThrow(db, providerId, appointmentId, now);
  const { token, hash } = newTokenWithHash();
  const parties = mailParties(a);
  await db.transaction(async (tx) => {
    await tx.insert(appointmentManageLinks).values({ appointmentId: a.id, tokenHash: hash });
    const mailMessageId = await queueMail(tx, { to: parties.clientEmail, ...rescheduleRequestMail(parties.context, { manageUrl: manageUrl(token) }) });
    await logQueued(tx, { appointmentId: a.id, kind: "reschedule_request", recipient: "client", mailMessageId });
  });
}

/** The provider keeps the appointment where it is: no longer a conflict while its start and member stay. */
export async function keepConflict(db: Db, providerId: string, appointmentId: string, now = new Date()): Promise<void> {
  const a = await holdingOrThrow(db, providerId, appointmentId, now);
  await db
    .insert(appointmentConflictKeeps)
    .values({ appointmentId: a.id, startsAt: a.start, staffId: a.staffId })
    .onConflictDoUpdate({ target: appointmentConflictKeeps.appointmentId, set: { startsAt: a.start, staffId: a.staffId, keptAt: now } });
}

/** Whether a reschedule request link exists for the appointment (for the page to say it was asked). */
export async function rescheduleAsked(db: Db, appointmentId: string): Promise<boolean> {
  const rows = await db
    .select({ id: appointmentManageLinks.id })
    .from(appointmentManageLinks)
    .where(and(eq(appointmentManageLinks.appointmentId, appointmentId)))
    .limit(1);
  return rows.length > 0;
}

/**
 * Refuses a change to working time that would leave booked appointments outside it, unless the
 * provider has confirmed: the refusal names each (client, time, member) beside the form's
 * "save anyway" box (`confirmConflicts`), as adding time off does. Nothing is written before.
 */
export async function assertConflictsConfirmed(
  db: Db,
  providerId: string,
  change: ProposedChange,
  confirmed: boolean,
  now = new Date(),
): Promise<{ conflicts: number }> {
  const conflicts = await conflictsIf(db, providerId, change, now);
  if (conflicts.length === 0 || confirmed) return { conflicts: conflicts.length };
  const [p] = await db.select({ timezone: providers.timezone }).from(providers).where(eq(providers.id, providerId));
  const tz = p?.timezone ?? "UTC";
  const list = conflicts.map((c) => `${c.clientName}, ${formatWhen(c.startsAt, c.endsAt, tz)}${c.staffName ? ` with ${c.staffName}` : ""}`).join("; ");
  const n = conflicts.length;
  const message = `${n === 1 ? "1 booked appointment" : `${n} booked appointments`} would fall outside working time: ${list}. Save anyway and resolve ${n === 1 ? "it" : "them"} next (reassign, ask the client to reschedule, cancel or keep)?`;
  throw new AppError("VALIDATION", message, { fieldErrors: { confirmConflicts: [message] } });
}
