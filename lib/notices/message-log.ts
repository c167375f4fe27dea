import { and, asc, desc, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db";
import { appointmentMessages, appointments, mailMessages, smsMessages, unsubscribeTokens, type MessageSkip, type UnsubscribeTopic } from "@/db/schema";
import { isUuid } from "@/lib/infra/validation";
import type { ClientChannels } from "./notice-policy";
import { getPreferences, TOPIC_PREFERENCE, TOPIC_SMS_PREFERENCE } from "./preferences";

/*
 * What became of each message an appointment caused: one appointment_messages row per message
 * and channel, written in the transaction that queued it (pointing at its outbox row, whose
 * status says sent or failed) or that decided not to send it (with why). The provider reads it
 * on the appointment's details panel, so "did the reminder go out?" has an answer.
 */

/** The statement's own clock, not the transaction's: one change's messages keep the order they were decided in. */
const IN_ORDER = sql`clock_timestamp()`;

export type LoggedRecipient = "client" | "provider" | "staff";

/** A queued message: the outbox row that carries it. */
export async function logQueued(
  tx: Tx,
  m: { appointmentId: string; kind: string; recipient: LoggedRecipient } & ({ mailMessageId: string } | { smsMessageId: string }),
): Promise<void> {
  await tx.insert(appointmentMessages).values({
    appointmentId: m.appointmentId,
    kind: m.kind,
    recipient: m.recipient,
    channel: "mailMessageId" in m ? "email" : "sms",
    mailMessageId: "mailMessageId" in m ? m.mailMessageId : null,
    smsMessageId: "smsMessageId" in m ? m.smsMessageId : null,
    createdAt: IN_ORDER,
  });
}

/**
 * A client message the preferences kept off a channel, recorded with why: the topic's mail turned
 * off through an unsubscribe link ("unsubscribed") or on the preferences page, email switched off,
 * the topic's texts turned off, or texts wanted but no phone. Each channel has its own switch per
 * topic, and an unsubscribe link only turns off mail. A channel the client never asked for (texts
 * are off unless switched on; a guest gets no texts; promotions are mail only) is not a skip and
 * is not recorded.
 */
export async function logClientSkips(tx: Tx, m: { appointmentId: string; kind: string; channels: ClientChannels }): Promise<void> {
  const { channels } = m;
  const account = channels.account;
  if (!account) return; // a guest: transactional mail always goes; texts are not offered
  const prefs = await getPreferences(tx, account.id);
  const rows: { channel: "email" | "sms"; skipped: MessageSkip }[] = [];
  if (!channels.email) {
    const mailTopicOn = prefs[TOPIC_PREFERENCE[channels.topic]];
    const unsubscribed = !mailTopicOn && (await usedUnsubscribe(tx, account.id, channels.topic));
    rows.push({ channel: "email", skipped: unsubscribed ? "unsubscribed" : "preferences" });
  }
  const smsKey = TOPIC_SMS_PREFERENCE[channels.topic];
  if (!channels.sms && prefs.smsEnabled && smsKey !== null) {
    const noPhone = prefs[smsKey] && account.phone.replace(/\D/g, "").length < 5;
    rows.push({ channel: "sms", skipped: noPhone ? "no_phone" : "preferences" });
  }
  if (rows.length === 0) return;
  await tx.insert(appointmentMessages).values(rows.map((r) => ({ appointmentId: m.appointmentId, kind: m.kind, recipient: "client" as const, ...r, createdAt: IN_ORDER })));
}

async function usedUnsubscribe(tx: Tx, userId: string, topic: UnsubscribeTopic): Promise<boolean> {
  const [row] = await tx
    .select({ usedAt: unsubscribeTokens.usedAt })
    .from(unsubscribeTokens)
    .where(and(eq(unsubscribeTokens.userId, userId), eq(unsubscribeTokens.topic, topic), isNotNull(unsubscribeTokens.usedAt)))
    .orderBy(desc(unsubscribeTokens.usedAt))
    .limit(1);
  return Boolean(row);
}

export type MessageState = "queued" | "sent" | "failed" | "skipped";

export type MessageLogEntry = {
  id: string;
  kind: string;
  recipient: LoggedRecipient;
  channel: "email" | "sms";
  /** The address or number it went to (null when skipped or no longer kept). */
  to: string | null;
  state: MessageState;
  skipped: MessageSkip | null;
  error: string | null;
  at: Date;
};

/**
 * An appointment's messages for its provider, oldest first; another provider's appointment (or
 * an unknown id) has none. "sent" covers mail captured without a transport (development, tests)
 * and an outbox row purged after delivery.
 */
export async function appointmentMessageLog(db: DbOrTx, providerId: string, appointmentId: string): Promise<MessageLogEntry[]> {
  if (!isUuid(appointmentId)) return [];
  const rows = await db
    .select({
      id: appointmentMessages.id,
      kind: appointmentMessages.kind,
      recipient: appointmentMessages.recipient,
      channel: appointmentMessages.channel,
      skipped: appointmentMessages.skipped,
      mailId: appointmentMessages.mailMessageId,
      smsId: appointmentMessages.smsMessageId,
      mailTo: mailMessages.to,
      mailStatus: mailMessages.status,
      mailError: mailMessages.lastError,
      smsTo: smsMessages.to,
      smsStatus: smsMessages.status,
      smsError: smsMessages.lastError,
      at: appointmentMessages.createdAt,
    })
    .from(appointmentMessages)
    .innerJoin(appointments, eq(appointments.id, appointmentMessages.appointmentId))
    .leftJoin(mailMessages, eq(mailMessages.id, appointmentMessages.mailMessageId))
    .leftJoin(smsMessages, eq(smsMessages.id, appointmentMessages.smsMessageId))
    .where(and(eq(appointmentMessages.appointmentId, appointmentId), eq(appointments.providerId, providerId)))
    // Rows written by one statement (a message's skipped channels) can share an instant: mail
    // before text then, as they were decided, not the random order of their ids.
    .orderBy(asc(appointmentMessages.createdAt), asc(appointmentMessages.channel), asc(appointmentMessages.id));
  return rows.map((r) => {
    const status = r.channel === "email" ? r.mailStatus : r.smsStatus;
    const state: MessageState = r.skipped ? "skipped" : status === "pending" ? "queued" : status === "failed" ? "failed" : "sent";
    return {
      id: r.id,
      kind: r.kind,
      recipient: r.recipient,
      channel: r.channel,
      to: (r.channel === "email" ? r.mailTo : r.smsTo) ?? null,
      state,
      skipped: r.skipped ?? null,
      error: state === "failed" ? ((r.channel === "email" ? r.mailError : r.smsError) ?? null) : null,
      at: r.at,
    };
  });
}
