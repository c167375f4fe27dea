import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db";
import { calendarEventMappings, calendarIntegrations, providers } from "@/db/schema";
import type { GoogleFake } from "@/e2e/google-fake/server";
import { cancelAppointment } from "@/lib/booking/manage";
import { testDrivers } from "@/test/db";
import { createAppointment as makeAppointment } from "@/test/fixtures";
import { setUpTestDb } from "@/test/hooks";
import { bookAndEnqueue, connect, consent, inDays, proProvider, startFakeWithConfig, updateAndEnqueue } from "@/test/calendar";
import type { GoogleConfig } from "./config";
import { enqueueCalendarSync, enqueueStaleSyncs } from "./enqueue";
import { eventIdFor } from "./event-id";
import { finishConnect, startConnect } from "./oauth";
import { syncAppointment } from "./sync";
import { openTokens } from "./tokens";

/*
 * Guards that a hand-made mutation test could delete with every test green (issue 20), each
 * proven on the database and against the fake Google over HTTP:
 * - the sync job's PRO check (sync.ts, `isPro` in syncAppointment): a job queued while PRO
 *   changes nothing at Google once the plan has lapsed or been downgraded;
 * - the enqueue's PRO check (enqueue.ts, ELIGIBLE): a lapsed or downgraded provider's changes
 *   queue no sync, and the sweep finds nothing for them;
 * - the OAuth `state` compared with its cookie (oauth.ts, sameString in finishConnect): a
 *   present but different cookie is refused, consumes nothing and stores nothing;
 * - a refresh token Google rotates is stored as it came (tokens.ts, persistRefreshedTokens).
 * No worker runs here: the tests call the job's body (syncAppointment) themselves, so what did
 * not reach Google is known, not waited for.
 */

type GoogleEvent = { id: string; status?: string; start?: { dateTime?: string } };

describe.each(testDrivers())("calendar guards on %s", (kind) => {
  const t = setUpTestDb(kind);
  let fake: GoogleFake;
  let cfg: GoogleConfig;
  beforeAll(async () => {
    ({ fake, cfg } = await startFakeWithConfig());
  });
  afterAll(async () => {
    await fake.close();
  });

  /** The events the fake Google holds for this account, read over its control API. */
  const eventsAtGoogle = async (email: string): Promise<GoogleEvent[]> => {
    const res = await fetch(`${fake.url}/_control/state?email=${encodeURIComponent(email)}`);
    const body = (await res.json()) as { events: GoogleEvent[] };
    return body.events.filter((e) => e.status !== "cancelled");
  };
  const control = (path: string, body: object) => fetch(`${fake.url}/_control/${path}`, { method: "POST", body: JSON.stringify(body) });
  const sync = (id: string) => syncAppointment(t.db, id, { cfg });
  const mapping = async (id: string) =>
    (await t.db.select().from(calendarEventMappings).where(eq(calendarEventMappings.appointmentId, id)))[0];
  const integration = async (providerId: string) =>
    (await t.db.select().from(calendarIntegrations).where(eq(calendarIntegrations.providerId, providerId)))[0];
  const integrationCount = async (providerId: string) =>
    (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from calendar_integrations where provider_id = ${providerId}`))[0]!.n;

  const downgrades = [
    ["lapsed", { plan: "pro" as const, proUntil: new Date(Date.now() - 60_000) }],
    ["downgraded to FREE", { plan: "free" as const, proUntil: null }],
  ] as const;

  it.each(downgrades)("a sync queued while PRO changes nothing at Google once the provider has %s (the sync job's PRO check)", async (label, plan) => {
    const email = `job-${label.replace(/\W+/g, "-")}-${kind}@gmail.test`;
    const f = await proProvider(t.db);
    await connect(t.db, cfg, f, email, { oneWay: true });
    const start = inDays(3);
    const a = await bookAndEnqueue(t.db, f, start);
    expect(await sync(a.id)).toBe("synced");
    expect((await eventsAtGoogle(email)).map((e) => [e.id, e.start?.dateTime])).toEqual([[eventIdFor(a.id), start.toISOString()]]);

    // Rescheduled while still PRO: the job is queued. The plan ends before the worker runs it.
    const moved = inDays(4);
    await updateAndEnqueue(t.db, a.id, { startsAt: moved, endsAt: new Date(moved.getTime() + 30 * 60_000) });
    expect((await mapping(a.id))?.status).toBe("pending");
    await t.db.update(providers).set(plan).where(eq(providers.id, f.provider.id));

    expect(await sync(a.id)).toBe("skipped");
    // Google still shows the time it had: the lapsed plan's change never left Slotbook.
    expect((await eventsAtGoogle(email)).map((e) => [e.id, e.start?.dateTime])).toEqual([[eventIdFor(a.id), start.toISOString()]]);
  });

  it.each(downgrades)("once the provider has %s, a change queues no sync and the sweep finds nothing (the enqueue's PRO check)", async (label, plan) => {
    const email = `queue-${label.replace(/\W+/g, "-")}-${kind}@gmail.test`;
    const f = await proProvider(t.db);
    await connect(t.db, cfg, f, email, { oneWay: true });
    const a = await bookAndEnqueue(t.db, f, inDays(5));
    expect(await sync(a.id)).toBe("synced");
    expect(await eventsAtGoogle(email)).toHaveLength(1);

    await t.db.update(providers).set(plan).where(eq(providers.id, f.provider.id));
    // The provider cancels through the write path, whose follow-up is the enqueue.
    await cancelAppointment(t.db, { appointmentId: a.id, actor: { kind: "provider", providerId: f.provider.id } });
    expect((await mapping(a.id))?.status).toBe("synced");
    // The sweep (and the backfill) use the same check.
    expect(await enqueueStaleSyncs(t.db, { providerId: f.provider.id })).toBe(0);
    // A new appointment of that provider is not queued either.
    const later = await makeAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, startsAt: inDays(6) });
    expect(await t.db.transaction((tx) => enqueueCalendarSync(tx, later.id))).toBe(false);
    expect(await mapping(later.id)).toBeUndefined();
    // Google keeps the event of the cancelled appointment: nothing was sent.
    expect((await eventsAtGoogle(email)).map((e) => e.id)).toEqual([eventIdFor(a.id)]);
  });

  it("a callback whose state cookie is present but different from `state` is refused, consumes nothing and stores nothing", async () => {
    const f = await proProvider(t.db);
    // Two connects started by the same provider (two tabs): the browser's cookie is the second one's.
    const first = await startConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg });
    const second = await startConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg });
    const query = await consent(first.authorizeUrl, { email: `cookie-${kind}@gmail.test` });
    const ask = (cookieValue: string) => finishConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg, query, cookieValue });

    expect(await ask(second.cookieValue)).toEqual({ ok: false, error: "state" });
    // Another state in the cookie even with the right PKCE verifier beside it: still refused.
    const [secondState] = second.cookieValue.split(".");
    const [, firstVerifier] = first.cookieValue.split(".");
    expect(await ask(`${secondState}.${firstVerifier}`)).toEqual({ ok: false, error: "state" });
    expect(await integrationCount(f.provider.id)).toBe(0);

    // The refusals consumed nothing: the browser that started the first connect still finishes it.
    expect(await ask(first.cookieValue)).toEqual({ ok: true, email: `cookie-${kind}@gmail.test` });
    expect(await integrationCount(f.provider.id)).toBe(1);
  });

  it("a refresh token Google rotates is stored sealed as it came, and syncing goes on after the old one dies", async () => {
    const email = `rotate-${kind}@gmail.test`;
    const f = await proProvider(t.db);
    await connect(t.db, cfg, f, email, { oneWay: true });
    const oldRefresh = openTokens((await integration(f.provider.id))!).refresh_token!;
    // From now on every refresh answers a new refresh token, and the one it replaces dies at once.
    expect((await control("refresh-rotation", { email })).status).toBe(200);

    const expireAccess = async () => {
      expect((await control("expire-tokens", { email })).status).toBe(200);
      await t.db.update(calendarIntegrations).set({ accessTokenExpiresAt: new Date(Date.now() - 1000) }).where(eq(calendarIntegrations.providerId, f.provider.id));
    };
    const refreshWith = (refreshToken: string) =>
      fetch(cfg.tokenUrl, {
        method: "POST",
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: cfg.clientId, client_secret: cfg.clientSecret }),
      });

    await expireAccess();
    const a = await bookAndEnqueue(t.db, f, inDays(7));
    expect(await sync(a.id)).toBe("synced");
    const row = (await integration(f.provider.id))!;
    const stored = openTokens(row).refresh_token!;
    expect(stored).not.toBe(oldRefresh);
    const grant = [...fake.state.grants.values()].find((g) => g.email === email)!;
    expect(stored).toBe(grant.refreshToken);
    // Sealed: the new token is nowhere in the row in plain text.
    expect(JSON.stringify(await queryRows(t.db, sql`select * from calendar_integrations where provider_id = ${f.provider.id}`))).not.toContain(stored);
    // The old one is dead at Google.
    const stale = await refreshWith(oldRefresh);
    expect(stale.status).toBe(400);
    expect(await stale.json()).toMatchObject({ error: "invalid_grant" });

    // The next refresh works with what was stored: the connection stays active and the event lands.
    await expireAccess();
    const b = await bookAndEnqueue(t.db, f, inDays(8));
    expect(await sync(b.id)).toBe("synced");
    expect((await eventsAtGoogle(email)).map((e) => e.id).sort()).toEqual([eventIdFor(a.id), eventIdFor(b.id)].sort());
    expect((await integration(f.provider.id))?.status).toBe("active");
    await control("refresh-rotation", { email, enabled: false });
  });
});
