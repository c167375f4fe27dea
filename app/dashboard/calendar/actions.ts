"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/app/runtime";
import { requireProvider } from "@/lib/app/guards";
import { googleConfig } from "@/lib/calendar/config";
import { disconnectCalendar, retryFailedSyncs, setSyncEnabled } from "@/lib/calendar/integrations";
import { isPro } from "@/lib/plans/plans";

const toggleSchema = z.object({ enabled: z.enum(["on", "off"]) });
const retrySchema = z.object({ appointmentId: z.uuid().optional() });

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
