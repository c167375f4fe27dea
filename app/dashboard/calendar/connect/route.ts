import { NextResponse } from "next/server";
import { getDb } from "@/lib/app/runtime";
import { requireProvider } from "@/lib/app/guards";
import { calendarPageUrl } from "@/lib/calendar/messages";
import { googleConfig } from "@/lib/calendar/config";
import { startConnect } from "@/lib/calendar/oauth";
import { isPro } from "@/lib/plans/plans";
import { redirectToConsent } from "../oauth-cookie";

/** GET /dashboard/calendar/connect: starts Google's consent flow for the signed-in PRO provider. */
export async function GET() {
  const { user, provider } = await requireProvider();
  const cfg = googleConfig();
  if (!cfg) return NextResponse.redirect(calendarPageUrl({ error: "not_configured" }), 303);
  if (!isPro(provider)) return NextResponse.redirect(calendarPageUrl({ error: "pro_required" }), 303);
  const { authorizeUrl, cookieValue } = await startConnect(await getDb(), { provider, userId: user.id, cfg });
  return redirectToConsent(authorizeUrl, cookieValue);
}
