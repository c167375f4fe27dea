"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/app/runtime";
import { requireRole } from "@/lib/app/guards";
import { googleConfig } from "@/lib/calendar/config";
import { conflictChoiceSchema, readConflictChoice, setConflictCalendars } from "@/lib/calendar/conflict-calendars";
import { formAction } from "@/lib/infra/actions";
import { AppError } from "@/lib/infra/errors";
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

/** "Check these calendars for conflicts" on the member's own connection: the member comes from the session. */
export const myConflictCalendarsAction = formAction({
  authorise: async () => {
    const user = await requireRole("staff");
    const db = await getDb();
    const member = await connectingMember(db, user.id);
    if (!member || member.access !== "ok") throw new AppError("FORBIDDEN");
    return { db, owner: member.owner };
  },
  schema: conflictChoiceSchema,
  read: readConflictChoice,
  call: ({ db, owner }, { calendarId }) => setConflictCalendars(db, owner, calendarId),
  done: () => ({ revalidate: ["/staff/calendar"], redirect: "/staff/calendar?done=conflicts" }),
  echo: false,
});
