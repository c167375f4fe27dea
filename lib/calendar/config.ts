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

const AUTH = "https://www.googleapis.com/auth/";
/** Events on calendars the account owns: where appointments are written. */
export const CALENDAR_SCOPE = `${AUTH}calendar.events.owned`;
/** Availability only (events' times, freeBusy.query): what conflict checks read. */
export const FREEBUSY_SCOPE = `${AUTH}calendar.events.freebusy`;
/** The account's calendar list, to pick the calendars checked for conflicts. */
export const CALENDARLIST_SCOPE = `${AUTH}calendar.calendarlist.readonly`;
/** Minimal: who the account is, events on calendars it owns, availability, the calendar list. Never the full `calendar` scope. */
export const REQUESTED_SCOPES = ["openid", "email", CALENDAR_SCOPE, FREEBUSY_SCOPE, CALENDARLIST_SCOPE];
/** Either calendar scope lets the app write events on the primary calendar. */
const CALENDAR_SCOPES_ACCEPTED = [CALENDAR_SCOPE, `${AUTH}calendar.events`];
/** Scopes that let the app read availability (events.list and freeBusy.query). */
const BUSY_SCOPES_ACCEPTED = [FREEBUSY_SCOPE, `${AUTH}calendar.events.readonly`, `${AUTH}calendar.readonly`, `${AUTH}calendar.events`];

const scopeSet = (granted: string | undefined | null) => new Set((granted ?? "").split(/\s+/).filter(Boolean));

/** What a grant lacks of what one-way sync needs: "email" and/or "events" (users can untick them). */
export function missingScopes(granted: string | undefined | null): ("email" | "events")[] {
  const set = scopeSet(granted);
  const missing: ("email" | "events")[] = [];
  if (!set.has("email") && !set.has(`${AUTH}userinfo.email`)) missing.push("email");
  if (!CALENDAR_SCOPES_ACCEPTED.some((s) => set.has(s))) missing.push("events");
  return missing;
}

/** Whether the scopes Google says it granted cover what sync needs (users can untick them). */
export function hasRequiredScopes(granted: string | undefined | null): boolean {
  return missingScopes(granted).length === 0;
}

/**
 * Whether the grant lets Slotbook check the account's calendars for conflicts. A connection
 * made before conflict checks (or with the box unticked) keeps one-way sync and is asked to reconnect.
 */
export function hasBusyScopes(granted: string | undefined | null): boolean {
  const set = scopeSet(granted);
  return BUSY_SCOPES_ACCEPTED.some((s) => set.has(s));
}
