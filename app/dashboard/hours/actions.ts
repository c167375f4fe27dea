"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/runtime";
import { toActionError, validationState, type ActionState } from "@/lib/action-state";
import { requireProvider } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { formObject } from "@/lib/provider/form-fields";
import { addClosedDate, closedDateSchema, parseWeeklyHoursForm, removeClosedDate, replaceWeeklyHours } from "@/lib/provider/hours";

function revalidateHours(slug: string) {
  revalidatePath("/dashboard/hours");
  revalidatePath(`/p/${slug}`);
}

export async function saveHoursAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { provider } = await requireProvider();
  const parsed = parseWeeklyHoursForm(formObject(formData));
  // The form keeps its own rows (client state), so no values are echoed.
  if (!parsed.ok) return { ok: false, message: "Please fix the hours marked below.", fieldErrors: parsed.fieldErrors };
  try {
    await replaceWeeklyHours(await getDb(), provider.id, parsed.intervals);
  } catch (e) {
    return toActionError(e);
  }
  revalidateHours(provider.slug);
  redirect("/dashboard/hours?saved=1");
}

export async function addClosedDateAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { provider } = await requireProvider();
  const parsed = closedDateSchema.safeParse(formObject(formData));
  if (!parsed.success) return validationState(parsed.error, formData);
  try {
    await addClosedDate(await getDb(), provider.id, parsed.data);
  } catch (e) {
    return toActionError(e, formData);
  }
  revalidateHours(provider.slug);
  redirect("/dashboard/hours?closed=1#closed-dates");
}

export async function removeClosedDateAction(formData: FormData): Promise<void> {
  const { provider } = await requireProvider();
  let outcome = "reopened=1";
  try {
    await removeClosedDate(await getDb(), provider.id, String(formData.get("closedDateId") ?? ""));
  } catch (e) {
    if (!isAppError(e)) console.error("Unexpected error removing a closed date", e);
    outcome = `error=${isAppError(e) ? e.code : "UNKNOWN"}`;
  }
  revalidateHours(provider.slug);
  redirect(`/dashboard/hours?${outcome}#closed-dates`);
}
