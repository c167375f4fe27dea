import { env } from "@/lib/infra/env";

/** Where and as whom the app talks to Google. Tests build one pointing at the fake. */
export type GoogleConfig = {
  clientId: string;
  clientSecret: string;
  authUrl: string;
  tokenUrl: string;
  revokeUrl: string;
  /** Root of Google's APIs, ending in "/" (Calendar is `${apiRoot}calendar/v3/…`). */
  apiRoot: string;
  redirectUri: string;
};

export const CALLBACK_PATH = "/dashboard/calendar/callback";

/** The app's Google configuration, or null when GOOGLE_CLIENT_ID/SECRET are not set. */
export function googleConfig(): GoogleConfig | null {
  const e = env();
  if (!e.GOOGLE_CLIENT_ID || !e.GOOGLE_CLIENT_SECRET) return null;
  return {
    clientId: e.GOOGLE_CLIENT_ID,
    clientSecret: e.GOOGLE_CLIENT_SECRET,
    authUrl: e.GOOGLE_OAUTH_AUTH_URL,
    tokenUrl: e.GOOGLE_OAUTH_TOKEN_URL,
    revokeUrl: e.GOOGLE_OAUTH_REVOKE_URL,
    apiRoot: e.GOOGLE_API_ROOT_URL.endsWith("/") ? e.GOOGLE_API_ROOT_URL : `${e.GOOGLE_API_ROOT_URL}/`,
    redirectUri: `${e.APP_URL}${CALLBACK_PATH}`,
  };
}

export const CALENDAR_SCOPE = "https://www.googleapis.com/auth/calendar.events.owned";
/** Minimal: who the account is, and events on calendars it owns. */
export const REQUESTED_SCOPES = ["openid", "email", CALENDAR_SCOPE];
/** Either calendar scope lets the app write events on the primary calendar. */
const CALENDAR_SCOPES_ACCEPTED = [CALENDAR_SCOPE, "https://www.googleapis.com/auth/calendar.events"];

/** Whether the scopes Google says it granted cover what sync needs (users can untick them). */
export function hasRequiredScopes(granted: string | undefined | null): boolean {
  const set = new Set((granted ?? "").split(/\s+/).filter(Boolean));
  const email = set.has("email") || set.has("https://www.googleapis.com/auth/userinfo.email");
  return email && CALENDAR_SCOPES_ACCEPTED.some((s) => set.has(s));
}
