import type { Db, Tx } from "@/db";
import type { AppointmentChangeKind } from "@/db/schema";
import { queueMail } from "@/lib/notify/mail";
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

/** Who a notice is for: the client (an account when `userId` is set) or the provider. */
export type NoticeRecipient =
  | { role: "client"; email: string; userId: string | null }
  | { role: "provider"; email: string; providerId: string };

export type Notice = { recipient: NoticeRecipient; kind: NoticeKind };

/**
 * Whether `recipient` wants notices of `kind`. Notification preferences are consulted here and
 * nowhere else. Today every notice is wanted; a recipient who opts out of a kind is filtered
 * out by this function, which sees the writing transaction.
 */
export async function wantsNotice(_tx: Tx, _recipient: NoticeRecipient, _kind: NoticeKind): Promise<boolean> {
  return true;
}

/**
 * Nobody is mailed when a visit is closed, an account is linked, or (until staff are shown to
 * clients) the staff member changes.
 */
const SILENT_CHANGES: ReadonlySet<AppointmentChangeKind> = new Set(["completed", "no_show", "linked", "reassigned"]);

/** The notices a change calls for, before preferences: the decision table. */
export function candidateNotices(change: AppointmentChange, a: Loaded): Notice[] {
  if (SILENT_CHANGES.has(change.kind)) return [];
  const client: NoticeRecipient = { role: "client", email: a.clientEmail, userId: a.clientUserId };
  const provider: NoticeRecipient = { role: "provider", email: a.provider.email || a.ownerEmail, providerId: a.provider.id };
  const pending = a.status === "pending";
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
      ];
    case "rescheduled":
      return [
        { recipient: client, kind: "rescheduled" },
        { recipient: provider, kind: "provider_rescheduled" },
      ];
    case "confirmed":
      return [{ recipient: client, kind: "approved" }];
    default:
      return [];
  }
}

/** The notices a change calls for, filtered by the recipients' preferences. */
export async function decideNotices(tx: Tx, change: AppointmentChange, a: Loaded): Promise<Notice[]> {
  const notices: Notice[] = [];
  for (const n of candidateNotices(change, a)) if (await wantsNotice(tx, n.recipient, n.kind)) notices.push(n);
  return notices;
}

/** The dispatch's notices follow-up: decides, renders and queues the mails of one change. */
export async function queueNotices(db: Db, tx: Tx, change: AppointmentChange): Promise<void> {
  if (SILENT_CHANGES.has(change.kind)) return;
  const a = await loadAppointmentById(tx, change.appointment.id);
  if (!a) return;
  const notices = await decideNotices(tx, change, a);
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
    oldStart: change.previous?.startsAt,
    oldEnd: change.previous?.endsAt,
    // A new booking's calendar file starts at 0; later ones follow the row's version.
    sequence: change.kind === "created" ? 0 : icsSequence(a.updatedAt),
  };
  for (const n of notices) await queueMail(db, tx, { to: n.recipient.email, ...noticeMail(n.kind, parties, details) });
}
