"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/runtime";
import type { ActionState } from "@/lib/action-state";
import { formValues, toActionError, validationState } from "@/lib/actions";
import { isAppError } from "@/lib/errors";
import { requirePro } from "@/lib/plans/guard";
import { formObject, isUuid } from "@/lib/validation";
import { parseWeeklyHoursForm } from "@/lib/provider/hours";
import { addTimeOff, removeTimeOff, replaceStaffWeeklyAvailability, timeOffSchema } from "@/lib/staff/availability";
import { revokeStaffInvite, sendStaffInvite } from "@/lib/staff/invites";
import { createStaff, deleteStaff, moveStaff, setStaffActive, staffFormObject, staffSchema, updateStaff } from "@/lib/staff/members";
import { cancelAppointment } from "@/lib/booking/manage";
import { staffErrorKey } from "@/lib/staff/flash";
import { reassignAppointment } from "@/lib/staff/reassign";
import { checkPhoto, removeStaffPhoto, setStaffPhoto } from "@/lib/staff/photo";

/*
 * Every action starts with requirePro: a FREE (or lapsed) provider's replayed POST is sent to
 * the upgrade page before anything is read from the form, so it changes nothing.
 */

function revalidateStaff(slug: string, staffId?: string) {
  revalidatePath("/dashboard/staff");
  if (staffId) revalidatePath(`/dashboard/staff/${staffId}`);
  revalidatePath(`/p/${slug}`);
}

/** The uploaded photo's bytes, or null when no file was chosen. */
async function photoBytes(formData: FormData): Promise<Uint8Array | null> {
  const file = formData.get("photo");
  if (!file || typeof file === "string" || file.size === 0) return null;
  return new Uint8Array(await file.arrayBuffer());
}

/** Parses the member form and its optional photo; a bad photo is a field error like any other. */
async function parseMember(formData: FormData) {
  const parsed = staffSchema.safeParse(staffFormObject(formData));
  const photo = await photoBytes(formData);
  const photoCheck = photo ? checkPhoto(photo) : null;
  if (!parsed.success || (photoCheck && !photoCheck.ok)) {
    const state: ActionState = parsed.success
      ? { ok: false, message: "Please check the highlighted fields.", fieldErrors: {}, values: formValues(formData) }
      : validationState(parsed.error, formData);
    if (photoCheck && !photoCheck.ok) state.fieldErrors = { ...state.fieldErrors, photo: [photoCheck.message] };
    state.values = { ...state.values, serviceIds: formData.getAll("serviceIds").join(",") };
    return { ok: false as const, state };
  }
  return { ok: true as const, data: parsed.data, photo };
}

export async function createStaffAction(_prev: ActionState, formData: FormData): Promise<ActionState> {
  const { provider } = await requirePro("staff");
  const parsed = await parseMember(formData);
  if (!parsed.ok) return parsed.state;
  let id: string;
  try {
    const db = await getDb();
    id = await createStaff(db, provider.id, parsed.data);
    if (parsed.photo) await setStaffPhoto(db, provider.id, id, parsed.photo);
  } catch (e) {
    return { ...toActionError(e, formData), values: { ...formValues(formData), serviceIds: formData.getAll("serviceIds").join(",") } };
  }
  revalidateStaff(provider.slug, id);
  redirect(`/dashboard/staff/${id}?created=1`);
}

export async function updateStaffAction(staffId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { provider } = await requirePro("staff");
  const parsed = await parseMember(formData);
  if (!parsed.ok) return parsed.state;
  try {
    const db = await getDb();
    await updateStaff(db, provider.id, staffId, parsed.data);
    if (parsed.photo) await setStaffPhoto(db, provider.id, staffId, parsed.photo);
    else if (formData.get("removePhoto") === "on") await removeStaffPhoto(db, provider.id, staffId);
  } catch (e) {
    return { ...toActionError(e, formData), values: { ...formValues(formData), serviceIds: formData.getAll("serviceIds").join(",") } };
  }
  revalidateStaff(provider.slug, staffId);
  redirect(`/dashboard/staff/${staffId}?saved=1`);
}

const flashError = (e: unknown) => `error=${staffErrorKey(e)}`;

/** Plain form posts (list and detail pages): the outcome is a flash via the URL. */
export async function setStaffActiveAction(formData: FormData): Promise<void> {
  const { provider } = await requirePro("staff");
  const staffId = String(formData.get("staffId") ?? "");
  const active = formData.get("active") === "true";
  const back = formData.get("back") === "detail" && isUuid(staffId) ? `/dashboard/staff/${staffId}` : "/dashboard/staff";
  let outcome: string;
  try {
    await setStaffActive(await getDb(), provider.id, staffId, active);
    outcome = active ? "activated=1" : "deactivated=1";
  } catch (e) {
    outcome = flashError(e);
  }
  revalidateStaff(provider.slug, isUuid(staffId) ? staffId : undefined);
  redirect(`${back}?${outcome}`);
}

export async function moveStaffAction(formData: FormData): Promise<void> {
  const { provider } = await requirePro("staff");
  const direction = formData.get("direction") === "up" ? "up" : "down";
  let outcome = "moved=1";
  try {
    await moveStaff(await getDb(), provider.id, String(formData.get("staffId") ?? ""), direction);
  } catch (e) {
    outcome = flashError(e);
  }
  revalidateStaff(provider.slug);
  redirect(`/dashboard/staff?${outcome}`);
}

export async function deleteStaffAction(formData: FormData): Promise<void> {
  const { provider } = await requirePro("staff");
  const staffId = String(formData.get("staffId") ?? "");
  try {
    await deleteStaff(await getDb(), provider.id, staffId);
  } catch (e) {
    revalidateStaff(provider.slug);
    redirect(isUuid(staffId) && isAppError(e) && e.code === "IN_USE" ? `/dashboard/staff/${staffId}?${flashError(e)}` : `/dashboard/staff?${flashError(e)}`);
  }
  revalidateStaff(provider.slug);
  redirect("/dashboard/staff?deleted=1");
}

export async function saveAvailabilityAction(staffId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { provider } = await requirePro("staff");
  const parsed = parseWeeklyHoursForm(formObject(formData));
  if (!parsed.ok) return { ok: false, message: "Please fix the times marked below.", fieldErrors: parsed.fieldErrors };
  try {
    await replaceStaffWeeklyAvailability(await getDb(), provider.id, staffId, parsed.intervals);
  } catch (e) {
    return toActionError(e);
  }
  revalidateStaff(provider.slug, staffId);
  redirect(`/dashboard/staff/${staffId}/availability?saved=1`);
}

export async function addTimeOffAction(staffId: string, _prev: ActionState, formData: FormData): Promise<ActionState> {
  const { provider } = await requirePro("staff");
  const parsed = timeOffSchema.safeParse(formObject(formData));
  if (!parsed.success) return validationState(parsed.error, formData);
  try {
    await addTimeOff(await getDb(), provider.id, staffId, parsed.data);
  } catch (e) {
    return toActionError(e, formData);
  }
  revalidateStaff(provider.slug, staffId);
  redirect(`/dashboard/staff/${staffId}/availability?timeOff=1#time-off`);
}

export async function removeTimeOffAction(formData: FormData): Promise<void> {
  const { provider } = await requirePro("staff");
  const staffId = String(formData.get("staffId") ?? "");
  if (!isUuid(staffId)) redirect("/dashboard/staff?error=NOT_FOUND");
  let outcome = "timeOffRemoved=1";
  try {
    await removeTimeOff(await getDb(), provider.id, staffId, String(formData.get("timeOffId") ?? ""));
  } catch (e) {
    outcome = flashError(e);
  }
  revalidateStaff(provider.slug, staffId);
  redirect(`/dashboard/staff/${staffId}/availability?${outcome}#time-off`);
}

export async function sendInviteAction(formData: FormData): Promise<void> {
  const { provider } = await requirePro("staff");
  const staffId = String(formData.get("staffId") ?? "");
  if (!isUuid(staffId)) redirect("/dashboard/staff?error=NOT_FOUND");
  let outcome = "invited=1";
  try {
    await sendStaffInvite(await getDb(), provider.id, staffId);
  } catch (e) {
    outcome = flashError(e);
  }
  revalidatePath(`/dashboard/staff/${staffId}`);
  redirect(`/dashboard/staff/${staffId}?${outcome}#login`);
}

export async function revokeInviteAction(formData: FormData): Promise<void> {
  const { provider } = await requirePro("staff");
  const staffId = String(formData.get("staffId") ?? "");
  if (!isUuid(staffId)) redirect("/dashboard/staff?error=NOT_FOUND");
  let outcome = "revoked=1";
  try {
    await revokeStaffInvite(await getDb(), provider.id, staffId);
  } catch (e) {
    outcome = flashError(e);
  }
  revalidatePath(`/dashboard/staff/${staffId}`);
  redirect(`/dashboard/staff/${staffId}?${outcome}#login`);
}

/** From a member's page: move one of their upcoming appointments to another qualified, free member. */
export async function reassignAppointmentAction(formData: FormData): Promise<void> {
  const { provider } = await requirePro("staff");
  const staffId = String(formData.get("staffId") ?? "");
  const back = isUuid(staffId) ? `/dashboard/staff/${staffId}` : "/dashboard/staff";
  let outcome = "reassigned=1";
  try {
    await reassignAppointment(await getDb(), provider.id, String(formData.get("appointmentId") ?? ""), String(formData.get("toStaffId") ?? ""));
  } catch (e) {
    outcome = flashError(e);
  }
  revalidatePath("/dashboard");
  revalidateStaff(provider.slug, isUuid(staffId) ? staffId : undefined);
  redirect(`${back}?${outcome}#upcoming`);
}

/** From a member's page: cancel one of their upcoming appointments; the client is told by mail. */
export async function cancelMemberAppointmentAction(formData: FormData): Promise<void> {
  const { provider } = await requirePro("staff");
  const staffId = String(formData.get("staffId") ?? "");
  const back = isUuid(staffId) ? `/dashboard/staff/${staffId}` : "/dashboard/staff";
  let outcome = "cancelled=1";
  try {
    await cancelAppointment(await getDb(), {
      appointmentId: String(formData.get("appointmentId") ?? ""),
      actor: { kind: "provider", providerId: provider.id },
      reason: String(formData.get("reason") ?? "") || undefined,
    });
  } catch (e) {
    outcome = flashError(e);
  }
  revalidatePath("/dashboard");
  revalidateStaff(provider.slug, isUuid(staffId) ? staffId : undefined);
  redirect(`${back}?${outcome}#upcoming`);
}
