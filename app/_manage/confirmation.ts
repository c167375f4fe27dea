import "server-only";
import { getDb } from "@/lib/app/runtime";
import type { AppointmentView } from "@/lib/booking/read";
import { clientNoticeChannels } from "@/lib/notices/client-notices";

/** What the confirmation page may honestly say is on its way: the same decision the notices follow-up made. */
export type ConfirmationChannels = { email: boolean; sms: boolean; phone: string; account: boolean };

export async function confirmationChannels(a: AppointmentView): Promise<ConfirmationChannels> {
  const c = await clientNoticeChannels(await getDb(), { userId: a.clientUserId, email: a.clientEmail, phone: a.clientPhone }, "confirmation");
  return { email: c.email, sms: c.sms, phone: c.account?.phone || a.clientPhone, account: c.account !== null };
}
