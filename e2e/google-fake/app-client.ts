import type { GoogleConfig } from "@/lib/calendar/config";
import { fakeGoogleEnv, startGoogleFake, type GoogleFake } from "./server";

/*
 * The app's tests at the fake: the client they register, the app's Google configuration pointed
 * at a fake, the consent form posted as a browser would, and what the fake holds afterwards.
 * Nothing here loads the app's code (GoogleConfig is a type), so Playwright specs can use it as
 * well as vitest; connecting a business through the app's own OAuth code is test/calendar.ts.
 */

export const TEST_CLIENT = { clientId: "test-client.apps.googleusercontent.test", clientSecret: "test-secret" };

/** The app's Google configuration (TEST_CLIENT) for the fake at `fakeUrl`. */
export function fakeGoogleConfig(fakeUrl: string): GoogleConfig {
  const urls = fakeGoogleEnv(fakeUrl);
  return {
    ...TEST_CLIENT,
    authUrl: urls.GOOGLE_OAUTH_AUTH_URL,
    tokenUrl: urls.GOOGLE_OAUTH_TOKEN_URL,
    revokeUrl: urls.GOOGLE_OAUTH_REVOKE_URL,
    apiRoot: urls.GOOGLE_API_ROOT_URL,
    redirectUri: "http://127.0.0.1:1/dashboard/calendar/callback",
  };
}

export async function startFakeWithConfig(): Promise<{ fake: GoogleFake; cfg: GoogleConfig }> {
  const fake = await startGoogleFake(TEST_CLIENT);
  return { fake, cfg: fakeGoogleConfig(fake.url) };
}

/** Posts the fake's consent form the way the browser would; returns the callback query. */
export async function consent(
  authorizeUrl: string,
  opts: { email: string; decision?: "allow" | "deny"; scopes?: (granted: string[]) => string[] },
): Promise<{ code?: string | null; state?: string | null; error?: string | null }> {
  const u = new URL(authorizeUrl);
  const form = new URLSearchParams(u.searchParams);
  form.set("email", opts.email);
  form.set("decision", opts.decision ?? "allow");
  const requested = (u.searchParams.get("scope") ?? "").split(" ");
  for (const s of opts.scopes ? opts.scopes(requested) : requested) form.append("granted_scope", s);
  const res = await fetch(`${u.origin}/o/oauth2/v2/auth/decision`, { method: "POST", body: form, redirect: "manual" });
  const loc = new URL(res.headers.get("location")!);
  return { code: loc.searchParams.get("code"), state: loc.searchParams.get("state"), error: loc.searchParams.get("error") };
}

export const liveEvents = (fake: GoogleFake, email: string) => fake.state.snapshot(email).events.filter((e) => e.status !== "cancelled");

export const insertCalls = (fake: GoogleFake, email?: string) =>
  fake.state.calls.filter((c) => c.op === "insert" && c.status === 200 && (!email || c.email === email));
