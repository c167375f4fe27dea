import { env } from "@/lib/infra/env";
import type { OutgoingMail } from "@/lib/infra/outbox/mail";
import {
  approvalConfirmedMail,
  bookingApprovalRequestMail,
  bookingConfirmationMail,
  bookingProviderNoticeMail,
  bookingRequestReceivedMail,
  cancellationClientMail,
  cancellationProviderMail,
  rescheduleClientMail,
  rescheduleProviderMail,
  reassignedClientMail,
  staffAssignedMail,
  staffCancelledMail,
  staffRescheduledMail,
  staffUnassignedMail,
  type CancelledBy,
} from "./mail-texts";
import { appointmentIcsFor } from "@/lib/booking/ics";
import type { MailParties } from "@/lib/booking/read";

/*
 * The texts of the mails an appointment change sends (queued by follow-up.ts in the
 * writing transaction: they go out if and only if the change commits). Clients get the .ics once the appointment is confirmed (a
 * pending request may still be turned down, and nothing would then take it out of their
 * calendar); providers get a notice at their contact address, or the owner's account address
 * when none is set.
 */

const dashboardUrl = () => `${env().APP_URL}/dashboard`;
/** The dashboard filtered to the requests that wait for the provider's confirmation. */
export const pendingDashboardUrl = () => `${env().APP_URL}/dashboard?status=pending`;

function icsAttachment(p: MailParties, opts: { sequence: number; manageLink?: string }) {
  return { filename: "appointment.ics", contentType: "text/calendar; charset=utf-8", content: appointmentIcsFor(p, opts) };
}

/** Every message an appointment change can send; decide.ts decides which go to whom. */
export type NoticeKind =
  | "booking_confirmed"
  | "booking_requested"
  | "provider_new_booking"
  | "provider_approval_requested"
  | "cancelled"
  | "provider_cancelled"
  | "rescheduled"
  | "provider_rescheduled"
  | "approved"
  | "reassigned"
  | "staff_assigned"
  | "staff_unassigned"
  | "staff_cancelled"
  | "staff_rescheduled";

/** What the texts need beyond the appointment: the change's details and the links to offer. */
export type NoticeDetails = {
  manageLink?: string;
  source: string;
  pending: boolean;
  by: CancelledBy;
  reason?: string | null;
  oldStart?: Date;
  oldEnd?: Date;
  sequence: number;
  /** The member the appointment is with after the change. */
  staffName?: string | null;
  /** The member it was with before, when the change took it away from them. */
  previousStaffName?: string | null;
};

/** The mail (without `to`) for one notice. Clients get the .ics only for a confirmed time. */
export function noticeMail(kind: NoticeKind, p: MailParties, d: NoticeDetails): Omit<OutgoingMail, "to"> {
  const ics = () => ({ attachments: [icsAttachment(p, { sequence: d.sequence, manageLink: d.manageLink })] });
  const c = p.context;
  switch (kind) {
    case "booking_confirmed":
      return { ...bookingConfirmationMail(c, { manageUrl: d.manageLink ?? "" }), ...ics() };
    case "booking_requested":
      return bookingRequestReceivedMail(c, { manageUrl: d.manageLink ?? "" });
    case "provider_new_booking":
      return bookingProviderNoticeMail(c, { dashboardUrl: dashboardUrl(), source: d.source });
    case "provider_approval_requested":
      return bookingApprovalRequestMail(c, { pendingUrl: pendingDashboardUrl() });
    case "cancelled":
      return cancellationClientMail(c, d);
    case "provider_cancelled":
      return cancellationProviderMail(c, { ...d, dashboardUrl: dashboardUrl() });
    case "rescheduled": {
      const mail = rescheduleClientMail(c, { by: d.by, oldStart: d.oldStart!, oldEnd: d.oldEnd!, manageUrl: d.manageLink, pending: d.pending });
      return d.pending ? mail : { ...mail, ...ics() };
    }
    case "provider_rescheduled":
      return rescheduleProviderMail(c, {
        by: d.by,
        oldStart: d.oldStart!,
        oldEnd: d.oldEnd!,
        pending: d.pending,
        dashboardUrl: d.pending ? pendingDashboardUrl() : dashboardUrl(),
      });
    case "approved":
      return { ...approvalConfirmedMail(c, { manageUrl: d.manageLink }), ...ics() };
    case "reassigned":
      return reassignedClientMail(c, { staffName: d.staffName ?? "", manageUrl: d.manageLink });
    case "staff_assigned":
      return staffAssignedMail(c, { staffName: d.staffName ?? "" });
    case "staff_unassigned":
      // The member's own time: before a move, else the (unchanged) time of a reassignment.
      return staffUnassignedMail(c, {
        staffName: d.previousStaffName ?? "",
        newStaffName: d.staffName ?? null,
        start: d.oldStart ?? c.start,
        end: d.oldEnd ?? c.end,
      });
    case "staff_cancelled":
      return staffCancelledMail(c, { staffName: d.staffName ?? "", reason: d.reason });
    case "staff_rescheduled":
      return staffRescheduledMail(c, { staffName: d.staffName ?? "", oldStart: d.oldStart!, oldEnd: d.oldEnd! });
  }
}
