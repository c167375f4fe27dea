"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { requireProvider } from "@/lib/app/guards";
import { googleConfig } from "@/lib/calendar/config";
import { conflictChoiceSchema, readConflictChoice, setConflictCalendars } from "@/lib/calendar/conflict-calendars";
import { business } from "@/lib/calendar/owner";
import { formAction } from "@/lib/infra/actions";
import { disconnectCalendar, retryFailedSyncs, setCopyStaffAppointments, setSyncEnabled } from "@/lib/calendar/integrations";
import { isUuid } from "@/lib/infra/validation";
import { isPro } from "@/lib/plans/plans";

const toggleSchema = z.object({ enabled: z.enum(["on", "off"]) });
const retrySchema = z.object({ appointmentId: z.uuid().optional() });
const copySchema = z.object({ copy: z.enum(["on", "off"]) });
const staffSchema = z.object({ staffId: z.string().refine(isUuid) });

async function requireProProvider() {
  const { provider } = await requireProvider();
  if (!isPro(provider)) redirect("/dashboard/calendar?error=pro_required");
  return provider;
}

export async function toggleSyncAction(formData: FormData): Promise<void> {
  const provider = await requireProProvider();
  const parsed = toggleSchema.safeParse({ enabled: formData.get("enabled") });
  if (!parsed.success) redirect("/dashboard/calendar");
  await setSyncEnabled(await getDb(), provider.id, parsed.data.enabled === "on");
  revalidatePath("/dashboard/calendar");
  revalidatePath("/dashboard");
  redirect(`/dashboard/calendar?done=${parsed.data.enabled}`);
}

export async function retrySyncAction(formData: FormData): Promise<void> {
  const provider = await requireProProvider();
  const parsed = retrySchema.safeParse({ appointmentId: formData.get("appointmentId") || undefined });
  if (!parsed.success) redirect("/dashboard/calendar");
  await retryFailedSyncs(await getDb(), provider.id, parsed.data.appointmentId);
  revalidatePath("/dashboard/calendar");
  redirect("/dashboard/calendar?done=retried");
}

/** Allowed on FREE too: a lapsed PRO provider must still be able to take their tokens back. */
export async function disconnectCalendarAction(): Promise<void> {
  const { provider } = await requireProvider();
  const result = await disconnectCalendar(await getDb(), provider.id, googleConfig());
  revalidatePath("/dashboard/calendar");
  revalidatePath("/dashboard");
  redirect(`/dashboard/calendar?done=${result.revoked || !result.disconnected ? "disconnected" : "disconnected_unrevoked"}`);
}

/** Whether the business's calendar also gets members' appointments (they go to members' own calendars either way). */
export async function copyStaffAppointmentsAction(formData: FormData): Promise<void> {
  const provider = await requireProProvider();
  const parsed = copySchema.safeParse({ copy: formData.get("copy") });
  if (!parsed.success) redirect("/dashboard/calendar");
  await setCopyStaffAppointments(await getDb(), provider.id, parsed.data.copy === "on");
  revalidatePath("/dashboard/calendar");
  redirect(`/dashboard/calendar?done=copy_${parsed.data.copy}`);
}

/**
 * The provider disconnects one member's own calendar (allowed on FREE too, like their own).
 * The member must be this provider's: the provider id is in the disconnect's WHERE.
 */
export async function disconnectStaffCalendarAction(formData: FormData): Promise<void> {
  const { provider } = await requireProvider();
  const parsed = staffSchema.safeParse({ staffId: formData.get("staffId") });
  if (!parsed.success) redirect("/dashboard/calendar");
  await disconnectCalendar(await getDb(), { providerId: provider.id, staffId: parsed.data.staffId }, googleConfig());
  revalidatePath("/dashboard/calendar");
  redirect("/dashboard/calendar?done=staff_disconnected");
}

/** "Check these calendars for conflicts" on the business's own connection (only ids its calendarList holds). */
export const conflictCalendarsAction = formAction({
  authorise: requireProProvider,
  schema: conflictChoiceSchema,
  read: readConflictChoice,
  call: async (provider, { calendarId }) => setConflictCalendars(await getDb(), business(provider.id), calendarId),
  done: () => ({ revalidate: ["/dashboard/calendar"], redirect: "/dashboard/calendar?done=conflicts" }),
  echo: false,
});
