import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/db";
import { users, type MailAttachment } from "@/db/schema";
import { queueMail } from "@/lib/infra/outbox/mail";
import { queueSms } from "@/lib/infra/outbox/sms";
import { clientChannels, type ClientChannels, type ClientMessageKind } from "./notice-policy";
import { getPreferences, TOPIC_MAIL_LABEL } from "./preferences";
import { issueUnsubscribeToken, unsubscribeMailParts } from "./unsubscribe";
import { logClientSkips, logQueued } from "./message-log";

/*
 * The client side of the notice decision point (decide.ts, noticeChannels): which
 * channels a client's preferences allow for a message, and delivering it on exactly those.
 * Every message Slotbook sends a client about an appointment — confirmations, cancellation
 * and change notices, reminders — is decided by clientNoticeChannels and sent by
 * deliverClientNotice.
 */

export type ClientRecipient = {
  /** The account the appointment belongs to; null for a guest booking. */
  userId: string | null;
  email: string;
  /** The phone the appointment was booked with, used when the account has none. */
  phone?: string;
};

/** The channels `kind` may use for this client: their preferences, or a guest's transactional email. */
export async function clientNoticeChannels(tx: DbOrTx, r: ClientRecipient, kind: ClientMessageKind): Promise<ClientChannels> {
  const [account] = r.userId
    ? await tx.select({ id: users.id, phone: users.phone }).from(users).where(eq(users.id, r.userId)).limit(1)
    : [];
  // A deleted account leaves a guest booking behind: it is treated as a guest's.
  const prefs = account ? await getPreferences(tx, account.id) : null;
  const phone = account?.phone || r.phone || "";
  const channels = clientChannels(prefs, kind, phone.replace(/\D/g, "").length >= 5);
  return { ...channels, account: account ? { id: account.id, phone } : null };
}

export type ClientNotice = {
  recipient: ClientRecipient;
  channels: ClientChannels;
  mail: { subject: string; text: string; attachments?: MailAttachment[] };
  /** The text-message version; without it the message is email-only. */
  sms?: string;
  /** Record it on the appointment's message log (message-log.ts), as this kind. */
  log?: { appointmentId: string; kind: string };
};

/**
 * Queues the message on the channels decided. Each switchable mail to an account carries its
 * own one-click unsubscribe link and the List-Unsubscribe headers (RFC 8058).
 */
export async function deliverClientNotice(tx: Tx, n: ClientNotice): Promise<{ email: boolean; sms: boolean }> {
  const { channels } = n;
  const account = channels.account;
  if (channels.email) {
    let { text } = n.mail;
    let headers: Record<string, string> | undefined;
    if (account) {
      const parts = unsubscribeMailParts(await issueUnsubscribeToken(tx, account.id, channels.topic));
      headers = parts.headers;
      text = `${text.trimEnd()}\n\n--\nStop getting ${TOPIC_MAIL_LABEL[channels.topic]}: ${parts.link}\n`;
    }
    const mailMessageId = await queueMail(tx, { to: n.recipient.email, subject: n.mail.subject, text, attachments: n.mail.attachments, headers });
    if (n.log) await logQueued(tx, { ...n.log, recipient: "client", mailMessageId });
  }
  const sms = Boolean(channels.sms && n.sms);
  if (sms) {
    const smsMessageId = await queueSms(tx, { to: account?.phone || n.recipient.phone || "", text: n.sms! });
    if (n.log) await logQueued(tx, { ...n.log, recipient: "client", smsMessageId });
  }
  if (n.log) await logClientSkips(tx, { ...n.log, channels });
  return { email: channels.email, sms };
}

/** Decide and deliver in one call (the reminder job, and tests). */
export async function sendClientMessage(
  tx: Tx,
  m: ClientRecipient & { kind: ClientMessageKind; mail: ClientNotice["mail"]; sms?: string },
): Promise<{ email: boolean; sms: boolean }> {
  const channels = await clientNoticeChannels(tx, m, m.kind);
  return deliverClientNotice(tx, { recipient: m, channels, mail: m.mail, sms: m.sms });
}
