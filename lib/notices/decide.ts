import type { DbOrTx, Tx } from "@/db";
import type { AppointmentChangeKind } from "@/db/schema";
import type { MailView } from "@/lib/booking/read";
import type { AppointmentChange } from "@/lib/booking/write";
import { clientNoticeChannels } from "./client-notices";
import type { ClientChannels } from "./notice-policy";
import type { NoticeKind } from "./mails";
import type { ClientMessageKind } from "./notice-policy";

/*
 * Who is told what about an appointment change: the ONE decision table (candidateNotices),
 * and the ONE place where preferences are consulted (noticeChannels). The write path's
 * follow-up (follow-up.ts) and the reminder job ask here.
 */

/** Who a notice is for: the client (an account when `userId` is set), the provider, or a staff member. */
export type NoticeRecipient =
  | { role: "client"; email: string; userId: string | null; phone?: string }
  | { role: "provider"; email: string; providerId: string }
  | { role: "staff"; email: string; staffId: string };

export type Notice = { recipient: NoticeRecipient; kind: NoticeKind };

/** Messages to clients that are not about a change: the reminder job asks here too. */
export type ClientOnlyKind = "reminder";

/** Which client preference each client-bound notice answers to. */
export const CLIENT_KIND: Record<
  Extract<NoticeKind, "booking_confirmed" | "booking_requested" | "approved" | "cancelled" | "rescheduled" | "reassigned"> | ClientOnlyKind,
  ClientMessageKind
> = {
  booking_confirmed: "confirmation",
  booking_requested: "confirmation",
  approved: "confirmation",
  cancelled: "cancellation",
  rescheduled: "reschedule",
  // Another member at the same time: a change to the booking, like a move.
  reassigned: "reschedule",
  reminder: "reminder",
};

export type NoticeChannels = { email: boolean; sms: boolean; client?: ClientChannels };

/**
 * THE decision point: on which channels `recipient` gets a notice of `kind`. Notification
 * preferences are consulted here and nowhere else (through notice-policy.ts): a client's
 * switches (email/SMS on or off, and one per kind of message), a guest's transactional email
 * only; the business and its staff always get their notices by email.
 */
export async function noticeChannels(tx: DbOrTx, recipient: NoticeRecipient, kind: NoticeKind | ClientOnlyKind): Promise<NoticeChannels> {
  if (recipient.role !== "client") return { email: true, sms: false };
  const clientKind = CLIENT_KIND[kind as keyof typeof CLIENT_KIND];
  if (!clientKind) return { email: false, sms: false };
  const client = await clientNoticeChannels(tx, recipient, clientKind);
  return { email: client.email, sms: client.sms, client };
}

/** Whether `recipient` gets a notice of `kind` at all. */
export async function wantsNotice(tx: DbOrTx, recipient: NoticeRecipient, kind: NoticeKind): Promise<boolean> {
  const c = await noticeChannels(tx, recipient, kind);
  return c.email || c.sms;
}

/** Nobody is mailed when a visit is closed or an account is linked (nor about a hold: candidateNotices). */
export const SILENT_CHANGES: ReadonlySet<AppointmentChangeKind> = new Set(["completed", "no_show", "no_show_undone", "linked"]);

/** The member an appointment was with before a change that took it away from them. */
export type PreviousMember = { staffId: string; email: string; name: string };

/** The notices a change calls for, before preferences: the decision table. */
export function candidateNotices(change: AppointmentChange, a: MailView, previousMember: PreviousMember | null = null): Notice[] {
  if (SILENT_CHANGES.has(change.kind)) return [];
  // A hold nobody has confirmed (lib/booking/hold.ts) was told to nobody: whatever happens to it
  // (cancelled by the guest or the business, released) tells nobody either. Confirming clears it.
  if (a.holdUntil) return [];
  const client: NoticeRecipient = { role: "client", email: a.clientEmail, userId: a.clientUserId, phone: a.clientPhone };
  const provider: NoticeRecipient = { role: "provider", email: a.provider.email || a.ownerEmail, providerId: a.provider.id };
  const pending = a.status === "pending";
  const member: NoticeRecipient | null = a.staffId && a.staffEmail ? { role: "staff", email: a.staffEmail, staffId: a.staffId } : null;
  const sameMember = change.previous !== null && change.previous.staffId === a.staffId;
  // A member who takes over an appointment (reassigned, or an "any" booking moved to them) is told.
  const newMember: Notice[] = member && change.previous && !sameMember ? [{ recipient: member, kind: "staff_assigned" }] : [];
  // So is the member it moved away from, the member whose appointment is cancelled, and the one
  // whose appointment moves to another time; unless that member made the change themselves.
  const byStaff = change.actor.kind === "staff";
  const formerMember: Notice[] =
    previousMember && !byStaff
      ? [{ recipient: { role: "staff", email: previousMember.email, staffId: previousMember.staffId }, kind: "staff_unassigned" }]
      : [];
  const memberToo = (kind: NoticeKind): Notice[] => (member && !byStaff ? [{ recipient: member, kind }] : []);
  switch (change.kind) {
    // A hold's guest confirmed their email (lib/booking/hold.ts): only now is it a new booking.
    case "email_confirmed":
    case "created": {
      // A visit recorded after it happened (lib/booking/create.ts recordPastVisit): nothing to confirm.
      if (a.status === "completed") return [];
      const notices: Notice[] = [{ recipient: client, kind: pending ? "booking_requested" : "booking_confirmed" }];
      // A provider entering a walk-in or phone booking does not need a mail about it.
      if (change.actor.kind !== "provider") {
        notices.push({ recipient: provider, kind: pending ? "provider_approval_requested" : "provider_new_booking" });
      }
      return notices;
    }
    case "cancelled":
      return [
        // A bulk cancel tells the client once, in a summary (bulk-cancel.ts).
        ...(change.clientToldSeparately ? [] : [{ recipient: client, kind: "cancelled" as const }]),
        { recipient: provider, kind: "provider_cancelled" },
        ...memberToo("staff_cancelled"),
      ];
    case "rescheduled":
      return [
        { recipient: client, kind: "rescheduled" },
        { recipient: provider, kind: "provider_rescheduled" },
        ...(sameMember ? memberToo("staff_rescheduled") : [...newMember, ...formerMember]),
      ];
    case "reassigned":
      return [{ recipient: client, kind: "reassigned" }, ...newMember, ...formerMember];
    case "confirmed":
      return [{ recipient: client, kind: "approved" }];
    default:
      return [];
  }
}

/** The notices a change calls for, each with the channels the recipient's preferences allow (none: left out). */
export async function decideNotices(
  tx: Tx,
  change: AppointmentChange,
  a: MailView,
  previousMember: PreviousMember | null = null,
): Promise<(Notice & { channels: NoticeChannels })[]> {
  return (await decideEveryNotice(tx, change, a, previousMember)).filter((n) => n.channels.email || n.channels.sms);
}

/** Every notice a change calls for with its channels, those the preferences silence included (the message log records them). */
export async function decideEveryNotice(
  tx: Tx,
  change: AppointmentChange,
  a: MailView,
  previousMember: PreviousMember | null = null,
): Promise<(Notice & { channels: NoticeChannels })[]> {
  const notices: (Notice & { channels: NoticeChannels })[] = [];
  for (const n of candidateNotices(change, a, previousMember)) notices.push({ ...n, channels: await noticeChannels(tx, n.recipient, n.kind) });
  return notices;
}
