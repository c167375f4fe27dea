import "server-only";
import { and, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { appointmentReminders, appointments } from "@/db/schema";
import { loadMailView, mailParties } from "@/lib/booking/read";
import { portalUrl } from "@/lib/booking/links";
import { HOLDING_STATUSES } from "@/lib/booking/slots";
import { enqueue } from "@/lib/infra/jobs/boss";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { reminderMail } from "./mail-texts";
import { noticeChannels } from "./decide";
import { deliverClientNotice } from "./client-notices";
import { logClientSkips } from "./message-log";
import { clientNoticeSms } from "./sms-texts";

/*
 * Reminders, 24 hours before each pending or confirmed appointment. The appointment_reminders
 * row is the truth (its due time follows the appointment; `sentAt` makes it once only); a
 * delayed job due at that time does the sending, and a sweep at start-up and every few minutes
 * sends any reminder whose time passed while no worker ran, if the appointment is still ahead.
 * Every function takes `now`, so tests drive the clock.
 */

export const REMINDER_LEAD_MS = 24 * 3600_000;

type ReminderTarget = { id: string; startsAt: Date; status: string };

/**
 * Called from the appointment write path, in its transaction, after any write: (re)times the
 * reminder for the appointment's current start, or drops it when the appointment no longer
 * holds a time. An appointment made less than 24 hours ahead gets no reminder: its
 * confirmation has just gone out.
 */
export async function syncReminder(tx: Tx, a: ReminderTarget, now: Date = new Date()): Promise<void> {
  const dueAt = new Date(a.startsAt.getTime() - REMINDER_LEAD_MS);
  const holding = (HOLDING_STATUSES as readonly string[]).includes(a.status);
  if (!holding || dueAt <= now) {
    // A reminder already sent stays recorded; one not yet sent is dropped.
    await tx
      .delete(appointmentReminders)
      .where(and(eq(appointmentReminders.appointmentId, a.id), isNull(appointmentReminders.sentAt)));
    return;
  }
  const [row] = await tx
    .insert(appointmentReminders)
    .values({ appointmentId: a.id, dueAt })
    .onConflictDoUpdate({
      target: appointmentReminders.appointmentId,
      // A move re-times it, and a reminder sent for the old time is due again for the new one.
      set: { dueAt, sentAt: null, updatedAt: sql`now()` },
      setWhere: sql`${appointmentReminders.dueAt} <> ${dueAt.toISOString()}::timestamptz`,
    })
    .returning({ dueAt: appointmentReminders.dueAt });
  // Nothing changed (e.g. a status change): the job already queued stays right.
  if (!row) return;
  await enqueue(tx, QUEUES.reminder, { appointmentId: a.id }, { startAfter: dueAt });
}

/**
 * Sends the appointment's reminder if it is due at `now`, not sent yet, and the appointment
 * still holds a time that is ahead. Claimed with a conditional update in the transaction that
 * queues the messages, so of two workers (or a job and the sweep) one sends, once. A job that
 * fires for an old time after a move finds the reminder not due and does nothing.
 */
export async function sendReminderIfDue(db: Db, appointmentId: string, now: Date = new Date()): Promise<boolean> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(appointmentReminders)
      .set({ sentAt: now, updatedAt: sql`now()` })
      .where(
        and(
          eq(appointmentReminders.appointmentId, appointmentId),
          isNull(appointmentReminders.sentAt),
          lte(appointmentReminders.dueAt, nowSql),
          sql`exists (select 1 from ${appointments} where ${appointments.id} = ${appointmentReminders.appointmentId}
                and ${inArray(appointments.status, [...HOLDING_STATUSES])} and ${gt(appointments.startsAt, nowSql)})`,
        ),
      )
      .returning({ appointmentId: appointmentReminders.appointmentId });
    if (!claimed) return false;
    const a = await loadMailView(tx, appointmentId);
    if (!a) return false;
    const { context } = mailParties(a);
    const link = a.clientUserId ? portalUrl(a.id) : null;
    const recipient = { role: "client" as const, userId: a.clientUserId, email: a.clientEmail, phone: a.clientPhone };
    // The one notice decision point decides the channels, from the client's preferences.
    const channels = await noticeChannels(tx, recipient, "reminder");
    if (!channels.client) return true;
    if (!(channels.email || channels.sms)) {
      await logClientSkips(tx, { appointmentId, kind: "reminder", channels: channels.client });
      return true;
    }
    await deliverClientNotice(tx, {
      recipient,
      channels: channels.client,
      mail: reminderMail(context, { link }),
      sms: clientNoticeSms("reminder", context, { link: link ?? undefined }),
      log: { appointmentId, kind: "reminder" },
    });
    return true;
  });
}

/**
 * Sends every reminder that is due and unsent while its appointment is still ahead: at
 * start-up (catching up after downtime) and on a schedule. Returns how many went out.
 */
export async function sweepDueReminders(db: Db, now: Date = new Date(), limit = 500): Promise<number> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const due = await db
    .select({ id: appointmentReminders.appointmentId })
    .from(appointmentReminders)
    .innerJoin(appointments, eq(appointments.id, appointmentReminders.appointmentId))
    .where(
      and(
        isNull(appointmentReminders.sentAt),
        lte(appointmentReminders.dueAt, nowSql),
        inArray(appointments.status, [...HOLDING_STATUSES]),
        gt(appointments.startsAt, nowSql),
      ),
    )
    .orderBy(appointmentReminders.dueAt)
    .limit(limit);
  let sent = 0;
  for (const { id } of due) if (await sendReminderIfDue(db, id, now)) sent++;
  return sent;
}
