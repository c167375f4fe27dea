import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { appointments, type Provider } from "@/db/schema";
import { fakeGoogleEnv, startGoogleFake, type GoogleFake } from "@/e2e/google-fake/server";
import { createProviderFixture, type ProviderFixture } from "@/test/fixtures";
import { createAppointment as makeAppointment } from "@/test/fixtures";
import { eq } from "drizzle-orm";
import type { GoogleConfig } from "@/lib/calendar/config";
import { enqueueCalendarSync } from "@/lib/calendar/enqueue";
import { finishConnect, startConnect } from "@/lib/calendar/oauth";

/* Test set-up for calendar sync: the fake Google, a PRO provider, and the consent dance over HTTP. */

export const TEST_CLIENT = { clientId: "test-client.apps.googleusercontent.test", clientSecret: "test-secret" };

export async function startFakeWithConfig(): Promise<{ fake: GoogleFake; cfg: GoogleConfig }> {
  const fake = await startGoogleFake(TEST_CLIENT);
  const urls = fakeGoogleEnv(fake.url);
  return {
    fake,
    cfg: {
      ...TEST_CLIENT,
      authUrl: urls.GOOGLE_OAUTH_AUTH_URL,
      tokenUrl: urls.GOOGLE_OAUTH_TOKEN_URL,
      revokeUrl: urls.GOOGLE_OAUTH_REVOKE_URL,
      apiRoot: urls.GOOGLE_API_ROOT_URL,
      redirectUri: "http://127.0.0.1:1/dashboard/calendar/callback",
    },
  };
}

export async function proProvider(db: Db, over: Partial<Provider> = {}): Promise<ProviderFixture> {
  return createProviderFixture(db, { provider: { plan: "pro", proUntil: null, timezone: "Europe/Berlin", ...over } });
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

/** Connects a provider through the whole OAuth flow against the fake. */
export async function connect(db: Db, cfg: GoogleConfig, f: ProviderFixture, email: string) {
  const started = await startConnect(db, { provider: f.provider, userId: f.owner.id, cfg });
  const query = await consent(started.authorizeUrl, { email });
  const result = await finishConnect(db, { provider: f.provider, userId: f.owner.id, cfg, query, cookieValue: started.cookieValue });
  if (!result.ok) throw new Error(`connect failed: ${result.error}`);
  return result;
}

/** An appointment written and its sync enqueued in one transaction (what the write path does). */
export async function bookAndEnqueue(db: Db, f: ProviderFixture, startsAt: Date, minutes = 30) {
  const a = await makeAppointment(db, { providerId: f.provider.id, serviceId: f.service.id, startsAt, minutes });
  await db.transaction((tx) => enqueueCalendarSync(tx, a.id));
  return a;
}

export async function updateAndEnqueue(db: Db, id: string, set: Partial<typeof appointments.$inferInsert>) {
  await db.transaction(async (tx) => {
    await tx.update(appointments).set({ ...set, updatedAt: sql`now()` }).where(eq(appointments.id, id));
    await enqueueCalendarSync(tx, id);
  });
}

export const liveEvents = (fake: GoogleFake, email: string) =>
  fake.state.snapshot(email).events.filter((e) => e.status !== "cancelled");

export const insertCalls = (fake: GoogleFake, email?: string) =>
  fake.state.calls.filter((c) => c.op === "insert" && c.status === 200 && (!email || c.email === email));
