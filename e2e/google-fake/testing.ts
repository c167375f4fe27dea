import { Auth, google, type calendar_v3 } from "googleapis";
import { startGoogleFake, type GoogleFake } from "./server";

/*
 * Test harness for the fake itself: a Google account signed in through the real OAuth flow
 * (PKCE, the control API's consent) and the real `googleapis` Calendar client over HTTP, the way
 * the app talks to Google.
 */

export const CLIENT = { clientId: "fake-tests.apps.googleusercontent.test", clientSecret: "fake-tests-secret" };
const auth = (s: string) => `https://www.googleapis.com/auth/${s}`;
export const SCOPE = {
  owned: auth("calendar.events.owned"),
  freebusy: auth("calendar.events.freebusy"),
  freebusyOnly: auth("calendar.freebusy"),
  events: auth("calendar.events"),
  eventsReadonly: auth("calendar.events.readonly"),
  list: auth("calendar.calendarlist.readonly"),
  readonly: auth("calendar.readonly"),
  full: auth("calendar"),
};
/** What the app should ask for: write our events, read availability, list calendars. */
export const APP_SCOPES = ["openid", "email", SCOPE.owned, SCOPE.freebusy, SCOPE.list];

export type Session = { auth: Auth.OAuth2Client; calendar: calendar_v3.Calendar; refreshToken: string; scope: string };

export const startFake = (): Promise<GoogleFake> => startGoogleFake(CLIENT);

export function oauthClient(fake: GoogleFake): Auth.OAuth2Client {
  return new Auth.OAuth2Client({
    ...CLIENT,
    redirectUri: "http://127.0.0.1:1/dashboard/calendar/callback",
    endpoints: {
      oauth2AuthBaseUrl: `${fake.url}/o/oauth2/v2/auth`,
      oauth2TokenUrl: `${fake.url}/token`,
      oauth2RevokeUrl: `${fake.url}/revoke`,
      tokenInfoUrl: `${fake.url}/tokeninfo`,
    },
  });
}

export function calendarFor(fake: GoogleFake, a: Auth.OAuth2Client, timeout?: number): calendar_v3.Calendar {
  return google.calendar({ version: "v3", auth: a, rootUrl: `${fake.url}/`, retry: false, ...(timeout ? { timeout } : {}) });
}

/** Signs `email` in with `scopes` (all granted unless `granted` says otherwise). */
export async function signIn(fake: GoogleFake, email: string, scopes: string[] = APP_SCOPES, granted?: string[]): Promise<Session> {
  const a = oauthClient(fake);
  const { codeVerifier, codeChallenge } = await a.generateCodeVerifierAsync();
  const authorizeUrl = a.generateAuthUrl({
    access_type: "offline",
    prompt: "consent",
    scope: scopes,
    state: "test-state",
    code_challenge_method: Auth.CodeChallengeMethod.S256,
    code_challenge: codeChallenge,
  });
  const { redirect } = await control<{ redirect: string }>(fake, "/_control/consent", { authorizeUrl, email, ...(granted ? { scopes: granted } : {}) });
  const code = new URL(redirect).searchParams.get("code");
  if (!code) throw new Error(`consent gave no code: ${redirect}`);
  const { tokens } = await a.getToken({ code, codeVerifier });
  a.setCredentials(tokens);
  return { auth: a, calendar: calendarFor(fake, a), refreshToken: tokens.refresh_token!, scope: tokens.scope ?? "" };
}

/** A control API call; throws with the fake's message on a non-2xx answer. */
export async function control<T = Record<string, unknown>>(fake: GoogleFake, path: string, body: object = {}): Promise<T> {
  const res = await fetch(`${fake.url}${path}`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  const json = (await res.json()) as T & { error?: string };
  if (!res.ok) throw new Error(`${path} → ${res.status}: ${json.error}`);
  return json;
}

/** A user's own event, made "in Google" through the control API; returns its id. */
export async function userEvent(fake: GoogleFake, email: string, event: calendar_v3.Schema$Event, calendarId?: string): Promise<string> {
  const r = await control<{ event: { id: string } }>(fake, "/_control/events", { email, calendarId, event });
  return r.event.id;
}

/** The status and Google error body of a failed googleapis call. */
export async function failure(p: Promise<unknown>): Promise<{ status: number; body: { error: GoogleError } & Record<string, unknown>; headers: Record<string, string> }> {
  try {
    await p;
  } catch (e) {
    const r = (e as { response?: { status: number; data: { error: GoogleError }; headers: unknown } }).response;
    if (!r) throw e;
    const h = r.headers as { entries?: () => Iterable<[string, string]> } & Record<string, string>;
    const headers = typeof h.entries === "function" ? Object.fromEntries(h.entries()) : h;
    return { status: r.status, body: r.data, headers };
  }
  throw new Error("expected the call to fail");
}

export type GoogleError = {
  code: number;
  message: string;
  status?: string;
  errors: { message: string; domain: string; reason: string; location?: string; locationType?: string }[];
  details?: { "@type": string; reason: string; domain: string; metadata?: Record<string, string> }[];
};

/** Every page of an events.list, following nextPageToken; returns the items and the sync token. */
export async function listAll(cal: calendar_v3.Calendar, params: calendar_v3.Params$Resource$Events$List) {
  const items: calendar_v3.Schema$Event[] = [];
  let pageToken: string | undefined;
  let pages = 0;
  for (;;) {
    const { data } = await cal.events.list({ ...params, pageToken });
    pages++;
    items.push(...(data.items ?? []));
    if (!data.nextPageToken) return { items, nextSyncToken: data.nextSyncToken ?? null, pages };
    if (data.nextSyncToken) throw new Error("a page with nextPageToken must not carry nextSyncToken");
    pageToken = data.nextPageToken;
  }
}
