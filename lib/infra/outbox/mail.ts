import type { Db, Tx } from "@/db";
import { mailMessages, type MailAttachment, type MailMessage } from "@/db/schema";
import { deliverOutboxRow } from "./outbox";
import { enqueue } from "@/lib/infra/jobs/boss";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { env } from "@/lib/infra/env";

export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
  /** Extra headers, e.g. List-Unsubscribe on non-essential mail. */
  headers?: Record<string, string>;
};

/**
 * Records a mail and enqueues its delivery in the caller's transaction: the mail goes out if
 * and only if the change that caused it commits, and an SMTP outage only delays it.
 */
export async function queueMail(tx: Tx, mail: OutgoingMail): Promise<string> {
  const [row] = await tx
    .insert(mailMessages)
    .values({ ...mail, attachments: mail.attachments ?? [], headers: mail.headers ?? {} })
    .returning({ id: mailMessages.id });
  await enqueue(tx, QUEUES.mail, { messageId: row!.id });
  return row!.id;
}

export type MailTransport = (mail: OutgoingMail & { from: string }) => Promise<void>;

/** Permanent SMTP failures (5xx): retrying cannot help, so the job completes with the error recorded. */
export class PermanentMailError extends Error {}

let smtpTransport: MailTransport | undefined;

async function defaultTransport(): Promise<MailTransport | undefined> {
  const url = env().SMTP_URL;
  if (!url) return undefined;
  if (!smtpTransport) {
    const nodemailer = await import("nodemailer");
    const transporter = nodemailer.createTransport(url);
    smtpTransport = async (mail) => {
      try {
        await transporter.sendMail({
          ...mail,
          attachments: mail.attachments?.map((a) => ({ filename: a.filename, contentType: a.contentType, content: a.content })),
        });
      } catch (e) {
        const code = (e as { responseCode?: number }).responseCode;
        if (code && code >= 500 && code < 600) throw new PermanentMailError(`SMTP ${code}`);
        throw e;
      }
    };
  }
  return smtpTransport;
}

/**
 * Delivers one recorded mail; the mail job's handler. Idempotent: a mail that is no longer
 * pending is left alone, so a retried or duplicated job never sends twice after a success.
 * Without SMTP_URL the mail is marked captured (listed at /dev/mailbox).
 */
export async function deliverMail(db: Db, messageId: string, transport?: MailTransport): Promise<void> {
  await deliverOutboxRow<MailMessage>(
    db,
    mailMessages,
    messageId,
    async () => {
      const send = transport ?? (await defaultTransport());
      return (
        send &&
        ((mail) =>
          send({
            from: env().MAIL_FROM,
            to: mail.to,
            subject: mail.subject,
            text: mail.text,
            html: mail.html ?? undefined,
            attachments: mail.attachments,
            headers: Object.keys(mail.headers).length ? mail.headers : undefined,
          }))
      );
    },
    (e) => e instanceof PermanentMailError,
  );
}
