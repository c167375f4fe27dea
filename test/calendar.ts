import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { appointments, type Provider } from "@/db/schema";
import { consent } from "@/e2e/google-fake/app-client";
import { createProviderFixture, type ProviderFixture } from "@/test/fixtures";
import { createAppointment as makeAppointment } from "@/test/fixtures";
import { eq } from "drizzle-orm";
import type { GoogleConfig } from "@/lib/calendar/config";
import { enqueueCalendarSync } from "@/lib/calendar/enqueue";
import { finishConnect, startConnect } from "@/lib/calendar/oauth";

/*
 * Test set-up for calendar sync: the fake Google, a PRO provider, and the consent dance over HTTP.
 * What needs only the fake (its client, the consent form, what it holds) is in
 * e2e/google-fake/app-client.ts, where Playwright specs can use it too; what runs the app's own
 * OAuth code (server-only) is here.
 */

export { TEST_CLIENT, consent, fakeGoogleConfig, insertCalls, liveEvents, startFakeWithConfig } from "@/e2e/google-fake/app-client";

export async function proProvider(db: Db, over: Partial<Provider> = {}): Promise<ProviderFixture> {
  return createProviderFixture(db, { provider: { plan: "pro", proUntil: null, timezone: "Europe/Berlin", ...over } });
}

/**
 * Connects a provider through the whole OAuth flow against the fake. `oneWay` grants only what
 * writing events needs (no availability scope), as a connection made before conflict checks:
 * then no busy-times sync runs for it.
 */
export async function connect(db: Db, cfg: GoogleConfig, f: ProviderFixture, email: string, opts: { oneWay?: boolean } = {}) {
  const started = await startConnect(db, { provider: f.provider, userId: f.owner.id, cfg });
  const scopes = opts.oneWay ? (s: string[]) => s.filter((x) => !x.includes("freebusy") && !x.includes("calendarlist")) : undefined;
  const query = await consent(started.authorizeUrl, { email, scopes });
  const result = await finishConnect(db, { provider: f.provider, userId: f.owner.id, cfg, query, cookieValue: started.cookieValue });
  if (!result.ok) throw new Error(`connect failed: ${result.error}`);
  return result;
}

/**
 * A staff member (with a login) connects their own calendar through the whole OAuth flow, as the
 * staff connect route and the one callback do: the state is bound to them and finished as them.
 */
export async function connectMember(db: Db, cfg: GoogleConfig, f: ProviderFixture, member: { staffId: string; userId: string }, email: string) {
  const started = await startConnect(db, { provider: f.provider, userId: member.userId, staffId: member.staffId, cfg });
  const query = await consent(started.authorizeUrl, { email });
  const result = await finishConnect(db, { provider: f.provider, userId: member.userId, staffId: member.staffId, cfg, query, cookieValue: started.cookieValue });
  if (!result.ok) throw new Error(`member connect failed: ${result.error}`);
  return result;
}

/** An appointment written and its sync enqueued in one transaction (what the write path does). */
export async function bookAndEnqueue(db: Db, f: ProviderFixture, startsAt: Date, minutes = 30, staffId: string | null = null) {
  const a = await makeAppointment(db, { providerId: f.provider.id, serviceId: f.service.id, startsAt, minutes, staffId });
  await db.transaction((tx) => enqueueCalendarSync(tx, a.id));
  return a;
}

export async function updateAndEnqueue(db: Db, id: string, set: Partial<typeof appointments.$inferInsert>) {
  await db.transaction(async (tx) => {
    await tx.update(appointments).set({ ...set, updatedAt: sql`now()` }).where(eq(appointments.id, id));
    await enqueueCalendarSync(tx, id);
  });
}

/** Fast retries for tests that inject Google errors. */
export const fastBackoff = { baseMs: 5, maxMs: 20 };

/** 10:00 UTC (11:00 in Berlin, inside the fixture's 09–17 hours) `d` days from now, or at hour `h`. */
export const inDays = (d: number, h = 10) => {
  const x = new Date();
  x.setUTCDate(x.getUTCDate() + d);
  x.setUTCHours(h, 0, 0, 0);
  return x;
};
/** The UTC date of an instant, as Google's all-day events write it. */
export const day = (d: Date) => d.toISOString().slice(0, 10);
export const plus = (d: Date, min: number) => new Date(d.getTime() + min * 60_000);
/** A timed Google event body from `start`, `minutes` long. */
export const timed = (start: Date, minutes: number) => ({ start: { dateTime: start.toISOString() }, end: { dateTime: plus(start, minutes).toISOString() } });
