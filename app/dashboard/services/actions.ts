"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/runtime";
import { toActionError, validationState, type ActionState } from "@/lib/action-state";
import { requireProvider } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { formObject } from "@/lib/provider/form-fields";
import { createService, deleteService, serviceSchema, setServiceActive, updateService } from "@/lib/provider/services";

function revalidateServices(slug: string) {
  revalidatePath("/dashboard/services");
  revalidatePath(`/p/${slug}`);
}

export async function createServiceAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { provider } = await requireProvider();
  const parsed = serviceSchema.safeParse(formObject(formData));
  if (!parsed.success) return validationState(parsed.error, formData);
  try {
    await createService(await getDb(), provider.id, parsed.data);
  } catch (e) {
    return toActionError(e, formData);
  }
  revalidateServices(provider.slug);
  redirect("/dashboard/services?created=1");
}

export async function updateServiceAction(serviceId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { provider } = await requireProvider();
  const parsed = serviceSchema.safeParse(formObject(formData));
  if (!parsed.success) return validationState(parsed.error, formData);
  try {
    await updateService(await getDb(), provider.id, serviceId, parsed.data);
  } catch (e) {
    return toActionError(e, formData);
  }
  revalidateServices(provider.slug);
  redirect("/dashboard/services?saved=1");
}

/** Plain form posts from the list: the outcome is a flash on the list, via the URL. */
export async function setServiceActiveAction(formData: FormData): Promise<void> {
  const { provider } = await requireProvider();
  const serviceId = String(formData.get("serviceId") ?? "");
  const active = formData.get("active") === "true";
  let outcome: string;
  try {
    await setServiceActive(await getDb(), provider.id, serviceId, active);
    outcome = active ? "activated=1" : "deactivated=1";
  } catch (e) {
    outcome = flashError(e);
  }
  revalidateServices(provider.slug);
  redirect(`/dashboard/services?${outcome}`);
}

export async function deleteServiceAction(formData: FormData): Promise<void> {
  const { provider } = await requireProvider();
  const serviceId = String(formData.get("serviceId") ?? "");
  let outcome: string;
  try {
    await deleteService(await getDb(), provider.id, serviceId);
    outcome = "deleted=1";
  } catch (e) {
    // The list explains why and offers Deactivate beside the explanation.
    outcome = isAppError(e) && e.code === "IN_USE" ? `cannotDelete=${encodeURIComponent(serviceId)}` : flashError(e);
  }
  revalidateServices(provider.slug);
  redirect(`/dashboard/services?${outcome}`);
}

function flashError(e: unknown): string {
  if (isAppError(e)) return `error=${e.code}`;
  console.error("Unexpected error in a services action", e);
  return "error=UNKNOWN";
}
