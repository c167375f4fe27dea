import type { DbOrTx, Tx } from "@/db";
import { and, eq } from "drizzle-orm";
import { staffMembers, type AppointmentChangeKind } from "@/db/schema";
import { queueMail } from "@/lib/infra/outbox/mail";
import { clientNoticeChannels, deliverClientNotice, type ClientChannels } from "@/lib/portal/client-notices";
import type { ClientMessageKind } from "@/lib/portal/notice-policy";
import { clientNoticeSms } from "@/lib/portal/sms-texts";
import type { CancelledBy } from "@/lib/notify/templates";
import { loadAppointmentById, mailParties, type Loaded } from "./appointment-view";
import { icsSequence } from "./ics";
import { manageUrl, noticeMail, portalUrl, type NoticeKind } from "./mails";
import type { AppointmentChange } from "./write";

/*
 * Notices: the ONE place that decides who is told what about an appointment change. Called by
 * the dispatch in write.ts inside the writing transaction, so a notice is queued if and only if
 * the change commits.
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
const CLIENT_KIND: Record<
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
 * preferences are consulted here and nowhere else (through lib/portal's policy): a client's
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

/** Nobody is mailed when a visit is closed or an account is linked. */
const SILENT_CHANGES: ReadonlySet<AppointmentChangeKind> = new Set(["completed", "no_show", "linked"]);

/** The member an appointment was with before a change that took it away from them. */
export type PreviousMember = { staffId: string; email: string; name: string };

/** The notices a change calls for, before preferences: the decision table. */
export function candidateNotices(change: AppointmentChange, a: Loaded, previousMember: PreviousMember | null = null): Notice[] {
  if (SILENT_CHANGES.has(change.kind)) return [];
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
    case "created": {
      const notices: Notice[] = [{ recipient: client, kind: pending ? "booking_requested" : "booking_confirmed" }];
      // A provider entering a walk-in or phone booking does not need a mail about it.
      if (change.actor.kind !== "provider") {
        notices.push({ recipient: provider, kind: pending ? "provider_approval_requested" : "provider_new_booking" });
      }
      return notices;
    }
    case "cancelled":
      return [
        { recipient: client, kind: "cancelled" },
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
  a: Loaded,
  previousMember: PreviousMember | null = null,
): Promise<(Notice & { channels: NoticeChannels })[]> {
  const notices: (Notice & { channels: NoticeChannels })[] = [];
  for (const n of candidateNotices(change, a, previousMember)) {
    const channels = await noticeChannels(tx, n.recipient, n.kind);
    if (channels.email || channels.sms) notices.push({ ...n, channels });
  }
  return notices;
}

/** The dispatch's notices follow-up: decides, renders and queues the mails of one change. */
export async function queueNotices(tx: Tx, change: AppointmentChange): Promise<void> {
  if (SILENT_CHANGES.has(change.kind)) return;
  const a = await loadAppointmentById(tx, change.appointment.id);
  if (!a) return;
  const previousMember = await loadPreviousMember(tx, change, a);
  const notices = await decideNotices(tx, change, a, previousMember);
  if (notices.length === 0) return;
  const parties = mailParties(a, a.start, a.end);
  const actor = change.actor.kind;
  const by: CancelledBy = actor === "guest" || actor === "client" ? actor : "provider";
  const manageLink = change.manageToken
    ? manageUrl(change.manageToken)
    : change.actor.kind === "guest" && change.actor.token
      ? manageUrl(change.actor.token)
      : a.clientUserId
        ? portalUrl(a.id)
        : undefined;
  const details = {
    manageLink,
    source: a.source,
    pending: a.status === "pending",
    by,
    reason: change.reason,
    // A reassignment keeps the time: there is no "was".
    oldStart: change.kind === "reassigned" ? undefined : change.previous?.startsAt,
    oldEnd: change.kind === "reassigned" ? undefined : change.previous?.endsAt,
    staffName: a.staffName,
    previousStaffName: previousMember?.name ?? null,
    // A new booking's calendar file starts at 0; later ones follow the row's version.
    sequence: change.kind === "created" ? 0 : icsSequence(a.updatedAt),
  };
  for (const n of notices) {
    const mail = noticeMail(n.kind, parties, details);
    if (n.recipient.role !== "client" || !n.channels.client) {
      await queueMail(tx, { to: n.recipient.email, ...mail });
      continue;
    }
    const clientKind = CLIENT_KIND[n.kind as keyof typeof CLIENT_KIND];
    await deliverClientNotice(tx, {
      recipient: n.recipient,
      channels: n.channels.client,
      mail,
      sms: clientNoticeSms(clientKind, parties.context, {
        oldStart: details.oldStart,
        oldEnd: details.oldEnd,
        pending: details.pending,
        link: a.clientUserId ? portalUrl(a.id) : undefined,
        staffName: n.kind === "reassigned" ? a.staffName : undefined,
      }),
    });
  }
}

/** The member the change took the appointment from (with an address to tell them at), if any. */
async function loadPreviousMember(tx: Tx, change: AppointmentChange, a: Loaded): Promise<PreviousMember | null> {
  const before = change.previous?.staffId;
  if (!before || before === a.staffId) return null;
  const [row] = await tx
    .select({ email: staffMembers.email, name: staffMembers.name })
    .from(staffMembers)
    .where(and(eq(staffMembers.id, before), eq(staffMembers.providerId, a.provider.id)));
  return row?.email ? { staffId: before, email: row.email, name: row.name } : null;
}
