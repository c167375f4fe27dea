import type { Db, Tx } from "@/db";
import { env } from "@/lib/env";
import { queueMail } from "@/lib/notify/mail";
import {
  bookingApprovalRequestMail,
  bookingConfirmationMail,
  bookingProviderNoticeMail,
  bookingRequestReceivedMail,
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
 * only if the change commits). Clients get the .ics once the appointment is confirmed (a
 * pending request may still be turned down, and nothing would then take it out of their
 * calendar); providers get a notice at their contact address, or the owner's account address
 * when none is set.
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
/** The dashboard filtered to the requests that wait for the provider's confirmation. */
export const pendingDashboardUrl = () => `${env().APP_URL}/dashboard?status=pending`;

export function appointmentIcsFor(
  p: MailParties,
  opts: { sequence: number; manageLink?: string; cancelled?: boolean; tentative?: boolean },
): string {
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
    status: opts.cancelled ? "CANCELLED" : opts.tentative ? "TENTATIVE" : "CONFIRMED",
  });
}

function icsAttachment(p: MailParties, opts: { sequence: number; manageLink?: string }) {
  return { filename: "appointment.ics", contentType: "text/calendar; charset=utf-8", content: appointmentIcsFor(p, opts) };
}

/** `pending`: the booking waits for the provider's approval (a request, not a confirmation). */
export async function queueBookingCreatedMails(
  db: Db,
  tx: Tx,
  p: MailParties,
  opts: { manageToken: string; notifyProvider: boolean; source: string; pending?: boolean },
): Promise<void> {
  const link = manageUrl(opts.manageToken);
  if (opts.pending) {
    await queueMail(db, tx, { to: p.clientEmail, ...bookingRequestReceivedMail(p.context, { manageUrl: link }) });
  } else {
    const mail = bookingConfirmationMail(p.context, { manageUrl: link });
    await queueMail(db, tx, { to: p.clientEmail, ...mail, attachments: [icsAttachment(p, { sequence: 0, manageLink: link })] });
  }
  if (opts.notifyProvider) {
    const notice = opts.pending
      ? bookingApprovalRequestMail(p.context, { pendingUrl: pendingDashboardUrl() })
      : bookingProviderNoticeMail(p.context, { dashboardUrl: dashboardUrl(), source: opts.source });
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

/** `pending`: the moved appointment still waits for the provider's approval (no .ics yet). */
export async function queueRescheduleMails(
  db: Db,
  tx: Tx,
  p: MailParties,
  opts: { by: CancelledBy; oldStart: Date; oldEnd: Date; manageLink?: string; sequence: number; pending?: boolean },
): Promise<void> {
  const client = rescheduleClientMail(p.context, { ...opts, manageUrl: opts.manageLink });
  await queueMail(db, tx, {
    to: p.clientEmail,
    ...client,
    ...(opts.pending ? {} : { attachments: [icsAttachment(p, { sequence: opts.sequence, manageLink: opts.manageLink })] }),
  });
  const notice = rescheduleProviderMail(p.context, {
    ...opts,
    dashboardUrl: opts.pending ? pendingDashboardUrl() : dashboardUrl(),
  });
  await queueMail(db, tx, { to: p.providerEmail, ...notice });
}
