import "server-only";
import { eq } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { users, type MailAttachment } from "@/db/schema";
import { queueMail } from "@/lib/notify/mail";
import { queueSms } from "@/lib/notify/sms";
import { clientChannels, type ClientMessageKind } from "./notice-policy";
import { getPreferences, TOPIC_LABEL } from "./preferences";
import { issueUnsubscribeToken, unsubscribeMailParts } from "./unsubscribe";

/*
 * Sends one message to a client, on the channels their preferences allow. Every message
 * Slotbook sends to a client about an appointment passes here (the write path's notice
 * decision point and the reminder job call it), so the preferences are read in one place.
 */

export type ClientMessage = {
  kind: ClientMessageKind;
  /** The account the appointment belongs to; null for a guest booking. */
  userId: string | null;
  /** Where a guest's mail goes (an account's mail goes to the account's address). */
  email: string;
  /** The phone the appointment was booked with, used when the account has none. */
  phone?: string;
  mail: { subject: string; text: string; attachments?: MailAttachment[] };
  /** The text-message version; without it the message is email-only. */
  sms?: string;
};

export type SentChannels = { email: boolean; sms: boolean };

export async function sendClientMessage(db: Db, tx: Tx, m: ClientMessage): Promise<SentChannels> {
  const account = m.userId
    ? (
        await tx
          .select({ id: users.id, email: users.email, phone: users.phone })
          .from(users)
          .where(eq(users.id, m.userId))
          .limit(1)
      )[0]
    : undefined;
  // A deleted account leaves a guest booking behind: treat it as a guest's.
  const prefs = account ? await getPreferences(tx, account.id) : null;
  const phone = account?.phone || m.phone || "";
  const channels = clientChannels(prefs, m.kind, phone.replace(/\D/g, "").length >= 5);
  const sent: SentChannels = { email: false, sms: false };

  if (channels.email) {
    let { text } = m.mail;
    let headers: Record<string, string> | undefined;
    if (account) {
      // Each switchable mail to an account carries its own one-click unsubscribe link.
      const parts = unsubscribeMailParts(await issueUnsubscribeToken(tx, account.id, channels.topic));
      headers = parts.headers;
      text = `${text.trimEnd()}\n\n--\nStop getting ${TOPIC_LABEL[channels.topic]}: ${parts.link}\n`;
    }
    await queueMail(db, tx, { to: account?.email ?? m.email, subject: m.mail.subject, text, attachments: m.mail.attachments, headers });
    sent.email = true;
  }
  if (channels.sms && m.sms) {
    await queueSms(db, tx, { to: phone, text: m.sms });
    sent.sms = true;
  }
  return sent;
}
