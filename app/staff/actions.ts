"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/runtime";
import { requireRole } from "@/lib/auth/guards";
import { isAppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { applyStaffAppointmentAction, STAFF_ACTIONS } from "@/lib/staff/schedule";

const schema = z.object({ appointmentId: z.string().refine(isUuid), action: z.enum(STAFF_ACTIONS) });

/** A staff login marks one of its own appointments completed or a no-show. */
export async function staffAppointmentAction(formData: FormData): Promise<void> {
  const user = await requireRole("staff");
  const parsed = schema.safeParse(Object.fromEntries(formData));
  if (!parsed.success) redirect("/staff?error=NOT_FOUND");
  let outcome: string = parsed.data.action === "complete" ? "completed=1" : "noShow=1";
  try {
    await applyStaffAppointmentAction(await getDb(), { userId: user.id, ...parsed.data });
  } catch (e) {
    if (!isAppError(e)) console.error("Unexpected error in a staff appointment action", e);
    outcome = `error=${isAppError(e) ? e.code : "UNKNOWN"}`;
  }
  revalidatePath("/staff");
  redirect(`/staff?${outcome}`);
}
