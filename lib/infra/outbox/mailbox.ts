import { desc, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { mailMessages, smsMessages, type MailMessage } from "@/db/schema";

export type MailboxEntry = Pick<MailMessage, "id" | "to" | "subject" | "text" | "status" | "createdAt" | "sentAt"> & {
  attachmentNames: string[];
};

/**
 * Recorded mail for the development mailbox, newest first; `to` filters by recipient
 * (case-insensitive substring, so "ana" finds ana@example.com).
 */
export async function listMail(db: Db, opts: { to?: string; limit?: number } = {}): Promise<MailboxEntry[]> {
  const to = opts.to?.trim();
  const pattern = to ? `%${to.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const rows = await db
    .select({
      id: mailMessages.id,
      to: mailMessages.to,
      subject: mailMessages.subject,
      text: mailMessages.text,
      status: mailMessages.status,
      createdAt: mailMessages.createdAt,
      sentAt: mailMessages.sentAt,
      attachments: mailMessages.attachments,
    })
    .from(mailMessages)
    .where(pattern ? sql`lower(${mailMessages.to}) like ${pattern}` : undefined)
    .orderBy(desc(mailMessages.createdAt), desc(mailMessages.id))
    .limit(Math.min(Math.max(opts.limit ?? 100, 1), 500));
  return rows.map(({ attachments, ...r }) => ({ ...r, attachmentNames: attachments.map((a) => a.filename) }));
}

export type SmsboxEntry = { id: string; to: string; text: string; status: string; createdAt: Date };

/** Recorded text messages for the development mailbox, newest first; `to` filters by number (digits, substring). */
export async function listSms(db: Db, opts: { to?: string; limit?: number } = {}): Promise<SmsboxEntry[]> {
  const digits = (opts.to ?? "").replace(/\D/g, "");
  return db
    .select({ id: smsMessages.id, to: smsMessages.to, text: smsMessages.text, status: smsMessages.status, createdAt: smsMessages.createdAt })
    .from(smsMessages)
    .where(digits ? sql`regexp_replace(${smsMessages.to}, '\\D', '', 'g') like ${`%${digits}%`}` : undefined)
    .orderBy(desc(smsMessages.createdAt), desc(smsMessages.id))
    .limit(Math.min(Math.max(opts.limit ?? 100, 1), 500));
}
