import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { staffMembers } from "@/db/schema";
import { loadMailView, mailParties, type MailView } from "@/lib/booking/read";
import { icsSequence } from "@/lib/booking/ics";
import { manageUrl, portalUrl } from "@/lib/booking/links";
import type { AppointmentChange } from "@/lib/booking/write";
import { queueMail } from "@/lib/infra/outbox/mail";
import { deliverClientNotice } from "./client-notices";
import { CLIENT_KIND, decideEveryNotice, SILENT_CHANGES, type PreviousMember } from "./decide";
import { logClientSkips, logQueued } from "./message-log";
import type { CancelledBy } from "./mail-texts";
import { noticeMail } from "./mails";
import { clientNoticeSms } from "./sms-texts";

/*
 * The write path's notices follow-up (wired in lib/app/follow-ups.ts): runs in the writing
 * transaction, so a notice is queued if and only if the change commits. Reads the appointment
 * as messages show it, asks decide.ts who is told what on which channels, and queues the
 * messages in the words of mails.ts and sms-texts.ts.
 */

/** Decides, renders and queues the messages of one change. */
export async function queueNotices(tx: Tx, change: AppointmentChange): Promise<void> {
  if (SILENT_CHANGES.has(change.kind)) return;
  const a = await loadMailView(tx, change.appointment.id);
  if (!a) return;
  const previousMember = await loadPreviousMember(tx, change, a);
  const every = await decideEveryNotice(tx, change, a, previousMember);
  // What the client's preferences silence is still recorded, with why (the message log).
  for (const n of every) {
    if (n.recipient.role === "client" && n.channels.client && !n.channels.email && !n.channels.sms) {
      await logClientSkips(tx, { appointmentId: a.id, kind: n.kind, channels: n.channels.client });
    }
  }
  const notices = every.filter((n) => n.channels.email || n.channels.sms);
  if (notices.length === 0) return;
  const parties = mailParties(a);
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
    sequence: change.kind === "created" || change.kind === "email_confirmed" ? 0 : icsSequence(a.updatedAt),
  };
  for (const n of notices) {
    const mail = noticeMail(n.kind, parties, details);
    if (n.recipient.role !== "client" || !n.channels.client) {
      const mailMessageId = await queueMail(tx, { to: n.recipient.email, ...mail });
      await logQueued(tx, { appointmentId: a.id, kind: n.kind, recipient: n.recipient.role, mailMessageId });
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
      log: { appointmentId: a.id, kind: n.kind },
    });
  }
}

/** The member the change took the appointment from (with an address to tell them at), if any. */
async function loadPreviousMember(tx: Tx, change: AppointmentChange, a: MailView): Promise<PreviousMember | null> {
  const before = change.previous?.staffId;
  if (!before || before === a.staffId) return null;
  const [row] = await tx
    .select({ email: staffMembers.email, name: staffMembers.name })
    .from(staffMembers)
    .where(and(eq(staffMembers.id, before), eq(staffMembers.providerId, a.provider.id)));
  return row?.email ? { staffId: before, email: row.email, name: row.name } : null;
}
