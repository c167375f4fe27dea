import type { Tx } from "@/db";
import { loadMailView, mailParties, type MailView } from "@/lib/booking/read";
import { deliverClientNotice } from "./client-notices";
import { noticeChannels } from "./decide";
import { cancellationSummaryClientMail, formatRangeInZone } from "./mail-texts";

/*
 * The one message a client gets when the business cancels several of their upcoming bookings
 * at once ("Cancel all upcoming from this email", lib/provider/appointments.ts): each cancel
 * goes through the write path with `clientToldSeparately`, so the notices leave the client's
 * own mail out, and this summary lists every time instead. The client's preferences decide the
 * channels, as for a single cancellation (decide.ts, noticeChannels).
 */

/** Queues, in the cancelling transaction, one cancellation summary for these appointments (all of one email). */
export async function queueCancellationSummary(tx: Tx, appointmentIds: string[], reason: string | null): Promise<void> {
  const views: MailView[] = [];
  for (const id of appointmentIds) {
    const view = await loadMailView(tx, id);
    if (view) views.push(view);
  }
  if (views.length === 0) return;
  views.sort((a, b) => a.start.getTime() - b.start.getTime());
  const first = views[0]!;
  // One of them booked from an account: its preferences (and unsubscribe link) apply.
  const withAccount = views.find((v) => v.clientUserId) ?? first;
  const recipient = { role: "client" as const, email: first.clientEmail, userId: withAccount.clientUserId, phone: first.clientPhone };
  const channels = await noticeChannels(tx, recipient, "cancelled");
  if (!channels.client || (!channels.email && !channels.sms)) return;
  const contexts = views.map((v) => mailParties(v).context);
  const c = contexts[0]!;
  await deliverClientNotice(tx, {
    recipient,
    channels: channels.client,
    mail: cancellationSummaryClientMail(contexts, { reason }),
    sms: `Cancelled by ${c.providerName}: ${contexts.length === 1 ? "your appointment" : `your ${contexts.length} upcoming appointments, the first`} ${formatRangeInZone(c.start, c.end, c.timezone)}.`.replace(/[\r\n\t]+/g, " "),
  });
}
