import "server-only";
import { getDb } from "@/lib/app/runtime";
import type { AppointmentView } from "@/lib/booking/read";
import { clientNoticeChannels } from "@/lib/notices/client-notices";
import { getPreferences } from "@/lib/notices/preferences";

/**
 * What the confirmation page may honestly say is on its way: the same decision the notices
 * follow-up made. When nothing is, `silencedBy` says which of the client's switches stopped it.
 */
export type ConfirmationChannels = {
  email: boolean;
  sms: boolean;
  phone: string;
  account: boolean;
  silencedBy: "email" | "confirmations" | null;
};

export async function confirmationChannels(a: AppointmentView): Promise<ConfirmationChannels> {
  const db = await getDb();
  const c = await clientNoticeChannels(db, { userId: a.clientUserId, email: a.clientEmail, phone: a.clientPhone }, "confirmation");
  let silencedBy: ConfirmationChannels["silencedBy"] = null;
  if (!c.email && !c.sms && c.account) silencedBy = (await getPreferences(db, c.account.id)).emailEnabled ? "confirmations" : "email";
  return { email: c.email, sms: c.sms, phone: c.account?.phone || a.clientPhone, account: c.account !== null, silencedBy };
}
