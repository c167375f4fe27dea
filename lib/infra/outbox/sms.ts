import type { Db, Tx } from "@/db";
import { smsMessages, type SmsMessage } from "@/db/schema";
import { deliverOutboxRow } from "./outbox";
import { enqueue } from "@/lib/infra/jobs/boss";
import { QUEUES } from "@/lib/infra/jobs/queues";

/*
 * Text messages, built like mail: recorded in the transaction that causes them, delivered by
 * a job through a transport. The default transport sends nothing and marks the message
 * captured, so it shows at /dev/mailbox beside the captured mail. A real gateway plugs in
 * with setSmsTransport() at start-up (see README, "Text messages").
 */

export type OutgoingSms = { to: string; text: string };

/** Sends one message or throws; throw PermanentSmsError when a retry cannot help (bad number). */
export type SmsTransport = (sms: OutgoingSms) => Promise<void>;

export class PermanentSmsError extends Error {}

const globalForSms = globalThis as unknown as { __slotbookSmsTransport?: SmsTransport };

/** Installs the gateway for this process (instrumentation.ts or the worker script). */
export function setSmsTransport(transport: SmsTransport | undefined): void {
  globalForSms.__slotbookSmsTransport = transport;
}

/** Phone numbers as typed: keep a leading + and the digits. */
export function normalizePhone(phone: string): string {
  const trimmed = phone.trim();
  return (trimmed.startsWith("+") ? "+" : "") + trimmed.replace(/\D/g, "");
}

/** Records a text message and enqueues its delivery in the caller's transaction. */
export async function queueSms(tx: Tx, sms: OutgoingSms): Promise<string> {
  const [row] = await tx
    .insert(smsMessages)
    .values({ to: normalizePhone(sms.to), text: sms.text.slice(0, 1000) })
    .returning({ id: smsMessages.id });
  await enqueue(tx, QUEUES.sms, { messageId: row!.id });
  return row!.id;
}

/** The sms job's handler: idempotent, like deliverMail (a message no longer pending is left alone). */
export async function deliverSms(db: Db, messageId: string, transport?: SmsTransport): Promise<void> {
  await deliverOutboxRow<SmsMessage>(
    db,
    smsMessages,
    messageId,
    async () => {
      const send = transport ?? globalForSms.__slotbookSmsTransport;
      return send && ((sms) => send({ to: sms.to, text: sms.text }));
    },
    (e) => e instanceof PermanentSmsError,
  );
}
