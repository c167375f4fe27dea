import { NextResponse } from "next/server";
import { getDb } from "@/lib/app/runtime";
import { requireProvider } from "@/lib/app/guards";
import { calendarPageUrl } from "@/lib/calendar/messages";
import { googleConfig } from "@/lib/calendar/config";
import { OAUTH_COOKIE, STATE_TTL_MS, startConnect } from "@/lib/calendar/oauth";
import { isPro } from "@/lib/plans/plans";
import { env } from "@/lib/infra/env";

/** GET /dashboard/calendar/connect: starts Google's consent flow for the signed-in PRO provider. */
export async function GET() {
  const { user, provider } = await requireProvider();
  const cfg = googleConfig();
  if (!cfg) return NextResponse.redirect(calendarPageUrl({ error: "not_configured" }), 303);
  if (!isPro(provider)) return NextResponse.redirect(calendarPageUrl({ error: "pro_required" }), 303);
  const { authorizeUrl, cookieValue } = await startConnect(await getDb(), { provider, userId: user.id, cfg });
  const res = NextResponse.redirect(authorizeUrl, 303);
  res.cookies.set(OAUTH_COOKIE, cookieValue, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_URL.startsWith("https://"),
    path: "/dashboard/calendar",
    maxAge: STATE_TTL_MS / 1000,
  });
  res.headers.set("cache-control", "no-store");
  return res;
}
