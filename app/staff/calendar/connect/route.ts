import { NextResponse } from "next/server";
import { getDb } from "@/lib/app/runtime";
import { requireRole } from "@/lib/app/guards";
import { calendarPageUrl } from "@/lib/calendar/messages";
import { googleConfig } from "@/lib/calendar/config";
import { connectingMember } from "@/lib/calendar/members";
import { redirectToConsent } from "@/app/dashboard/calendar/oauth-cookie";
import { startConnect } from "@/lib/calendar/oauth";

/**
 * GET /staff/calendar/connect: starts Google's consent flow for the signed-in staff member's own
 * calendar (an active member of a PRO business). Google comes back to the one callback,
 * /dashboard/calendar/callback, so the state cookie is scoped there.
 */
export async function GET() {
  const user = await requireRole("staff");
  const db = await getDb();
  const member = await connectingMember(db, user.id);
  if (!member || member.access === "inactive") return NextResponse.redirect(calendarPageUrl({ error: "state" }, "staff"), 303);
  if (member.access === "lapsed") return NextResponse.redirect(calendarPageUrl({ error: "pro_required" }, "staff"), 303);
  const cfg = googleConfig();
  if (!cfg) return NextResponse.redirect(calendarPageUrl({ error: "not_configured" }, "staff"), 303);
  const { authorizeUrl, cookieValue } = await startConnect(db, {
    provider: member.provider,
    userId: user.id,
    staffId: member.owner.staffId,
    cfg,
  });
  return redirectToConsent(authorizeUrl, cookieValue);
}
