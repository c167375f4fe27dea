"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/app/runtime";
import { requireRole } from "@/lib/app/guards";
import { googleConfig } from "@/lib/calendar/config";
import { disconnectCalendar } from "@/lib/calendar/integrations";
import { connectingMember } from "@/lib/calendar/members";

/**
 * A staff member disconnects their own calendar (allowed after the business's PRO lapsed or
 * the member was deactivated: they can always take their tokens back). Only their own: the
 * member comes from the session, never from the form.
 */
export async function disconnectMyCalendarAction(): Promise<void> {
  const user = await requireRole("staff");
  const db = await getDb();
  const member = await connectingMember(db, user.id);
  if (!member) redirect("/staff/calendar");
  const result = await disconnectCalendar(db, member.owner, googleConfig());
  revalidatePath("/staff/calendar");
  redirect(`/staff/calendar?done=${result.revoked || !result.disconnected ? "disconnected" : "disconnected_unrevoked"}`);
}
