import type { Db, Tx } from "@/db";
import { env } from "@/lib/env";
import { queueMail } from "@/lib/notify/mail";
import {
  bookingConfirmationMail,
  bookingProviderNoticeMail,
  cancellationClientMail,
  cancellationProviderMail,
  rescheduleClientMail,
  rescheduleProviderMail,
  type BookingMailContext,
  type CancelledBy,
} from "@/lib/notify/templates";
import { appointmentIcs } from "./ics";

/*
 * The mails a booking change sends, queued in the caller's transaction (they go out if and
 * only if the change commits). Clients get the .ics; providers get a notice at their contact
 * address, or the owner's account address when none is set.
 */

export type MailParties = {
  appointmentId: string;
  clientEmail: string;
  providerEmail: string;
  context: BookingMailContext;
};

export const manageUrl = (token: string) => `${env().APP_URL}/bookings/${token}`;
export const portalUrl = (appointmentId: string) => `${env().APP_URL}/account/appointments/${appointmentId}`;
const dashboardUrl = () => `${env().APP_URL}/dashboard`;

export function appointmentIcsFor(p: MailParties, opts: { sequence: number; manageLink?: string; cancelled?: boolean }): string {
  const c = p.context;
  const description = [
    `${c.serviceName} with ${c.providerName}`,
    c.providerPhone ? `Phone: ${c.providerPhone}` : "",
    opts.manageLink ? `Manage your booking: ${opts.manageLink}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  return appointmentIcs({
    id: p.appointmentId,
    start: c.start,
    end: c.end,
    summary: `${c.serviceName} – ${c.providerName}`,
    description,
    location: c.providerAddress || c.providerName,
    sequence: opts.sequence,
    status: opts.cancelled ? "CANCELLED" : "CONFIRMED",
  });
}

function icsAttachment(p: MailParties, opts: { sequence: number; manageLink?: string }) {
  return { filename: "appointment.ics", contentType: "text/calendar; charset=utf-8", content: appointmentIcsFor(p, opts) };
}

export async function queueBookingCreatedMails(
  db: Db,
  tx: Tx,
  p: MailParties,
  opts: { manageToken: string; notifyProvider: boolean; source: string },
): Promise<void> {
  const link = manageUrl(opts.manageToken);
  const mail = bookingConfirmationMail(p.context, { manageUrl: link });
  await queueMail(db, tx, { to: p.clientEmail, ...mail, attachments: [icsAttachment(p, { sequence: 0, manageLink: link })] });
  if (opts.notifyProvider) {
    const notice = bookingProviderNoticeMail(p.context, { dashboardUrl: dashboardUrl(), source: opts.source });
    await queueMail(db, tx, { to: p.providerEmail, ...notice });
  }
}

export async function queueCancellationMails(
  db: Db,
  tx: Tx,
  p: MailParties,
  opts: { by: CancelledBy; reason?: string | null },
): Promise<void> {
  await queueMail(db, tx, { to: p.clientEmail, ...cancellationClientMail(p.context, opts) });
  await queueMail(db, tx, { to: p.providerEmail, ...cancellationProviderMail(p.context, { ...opts, dashboardUrl: dashboardUrl() }) });
}

export async function queueRescheduleMails(
  db: Db,
  tx: Tx,
  p: MailParties,
  opts: { by: CancelledBy; oldStart: Date; oldEnd: Date; manageLink?: string; sequence: number },
): Promise<void> {
  const client = rescheduleClientMail(p.context, { ...opts, manageUrl: opts.manageLink });
  await queueMail(db, tx, {
    to: p.clientEmail,
    ...client,
    attachments: [icsAttachment(p, { sequence: opts.sequence, manageLink: opts.manageLink })],
  });
  const notice = rescheduleProviderMail(p.context, { ...opts, dashboardUrl: dashboardUrl() });
  await queueMail(db, tx, { to: p.providerEmail, ...notice });
}
