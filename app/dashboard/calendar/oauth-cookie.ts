import { NextResponse } from "next/server";
import { OAUTH_COOKIE, STATE_TTL_MS } from "@/lib/calendar/oauth";
import { env } from "@/lib/infra/env";

/*
 * The OAuth state cookie of a Google connection, the business's or a staff member's own. Both
 * flows come back through the one callback, /dashboard/calendar/callback, so the cookie lives on
 * that path whichever page started the flow.
 */

const COOKIE_PATH = "/dashboard/calendar";

/** Off to Google's consent screen, with the flow's state cookie set. */
export function redirectToConsent(authorizeUrl: string, cookieValue: string): NextResponse {
  const res = NextResponse.redirect(authorizeUrl, 303);
  res.cookies.set(OAUTH_COOKIE, cookieValue, {
    httpOnly: true,
    sameSite: "lax",
    secure: env().APP_URL.startsWith("https://"),
    path: COOKIE_PATH,
    maxAge: STATE_TTL_MS / 1000,
  });
  res.headers.set("cache-control", "no-store");
  return res;
}

/** Back to a calendar page when the flow ends, whatever the outcome: the state cookie is deleted. */
export function redirectClearingState(target: string): NextResponse {
  const res = NextResponse.redirect(target, 303);
  res.cookies.set(OAUTH_COOKIE, "", { path: COOKIE_PATH, maxAge: 0 });
  res.headers.set("cache-control", "no-store");
  return res;
}
