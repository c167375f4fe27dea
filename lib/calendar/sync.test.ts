import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db";
import { createTestDb, testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { appointments, calendarEventMappings, calendarIntegrations } from "@/db/schema";
import type { GoogleFake } from "@/e2e/google-fake/server";
import { createBooking } from "@/lib/booking/create";
import { cancelAppointment } from "@/lib/booking/manage";
import { guestContact } from "@/test/fixtures";
import { startBoss } from "@/lib/infra/jobs/boss";
import { startWorkers } from "@/lib/app/workers";
import { createAppointment as makeAppointment } from "@/test/fixtures";
import type { GoogleConfig } from "./config";
import { enqueueStaleSyncs } from "./enqueue";
import { eventIdFor } from "./event-id";
import { getCalendarOverview, setSyncEnabled } from "./integrations";
import { bookAndEnqueue, connect, inDays, insertCalls, liveEvents, proProvider, startFakeWithConfig, updateAndEnqueue } from "@/test/calendar";

const poll = { timeout: 45_000, interval: 250 };

describe.each(testDrivers())("calendar sync on %s", (kind) => {
  const t = setUpTestDb(kind);
  let fake: GoogleFake;
  let cfg: GoogleConfig;
  beforeAll(async () => {
    ({ fake, cfg } = await startFakeWithConfig());
    await startWorkers(t.db, { pollingIntervalSeconds: 0.5, google: cfg });
  });
  afterAll(async () => {
    await fake.close();
  });

  const mapping = async (id: string) =>
    (await t.db.select().from(calendarEventMappings).where(eq(calendarEventMappings.appointmentId, id)))[0];

  it("the booking write path enqueues the sync: a guest books, the provider cancels", async () => {
    const f = await proProvider(t.db);
    const email = "writepath@gmail.test";
    await connect(t.db, cfg, f, email);
    const { appointment } = await createBooking(t.db, {
      providerId: f.provider.id,
      serviceId: f.service.id,
      start: inDays(3, 9),
      ...guestContact,
      by: "guest",
    });
    await expect.poll(() => liveEvents(fake, email).map((e) => e.id), poll).toEqual([eventIdFor(appointment.id)]);
    await cancelAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "provider", providerId: f.provider.id } });
    await expect.poll(() => liveEvents(fake, email).length, poll).toBe(0);
  });

  it("inserts the event, moves it on reschedule and deletes it on cancel, each once", async () => {
    const f = await proProvider(t.db);
    await connect(t.db, cfg, f, "flow@gmail.test");
    const start = inDays(3);
    const a = await bookAndEnqueue(t.db, f, start, 45);

    await expect.poll(() => liveEvents(fake, "flow@gmail.test").length, poll).toBe(1);
    const ev = liveEvents(fake, "flow@gmail.test")[0]!;
    expect(ev.id).toBe(eventIdFor(a.id));
    expect(ev.summary).toBe("Haircut – Ada Client");
    expect(ev.description).toContain("Phone: +49 30 1234567");
    expect(ev.start).toEqual({ dateTime: start.toISOString(), timeZone: "Europe/Berlin" });
    expect(ev.end).toEqual({ dateTime: new Date(start.getTime() + 45 * 60_000).toISOString(), timeZone: "Europe/Berlin" });
    expect(ev.reminders).toEqual({ useDefault: false, overrides: [{ method: "email", minutes: 1440 }, { method: "popup", minutes: 60 }] });
    expect(ev.extendedProperties).toEqual({ private: { slotbookAppointmentId: a.id } });
    await expect.poll(async () => (await mapping(a.id))?.status, poll).toBe("synced");

    const moved = new Date(start.getTime() + 2 * 3600_000);
    await updateAndEnqueue(t.db, a.id, { startsAt: moved, endsAt: new Date(moved.getTime() + 45 * 60_000) });
    await expect
      .poll(() => (liveEvents(fake, "flow@gmail.test")[0]?.start as { dateTime: string } | undefined)?.dateTime, poll)
      .toBe(moved.toISOString());

    await updateAndEnqueue(t.db, a.id, { status: "cancelled" });
    await expect.poll(() => liveEvents(fake, "flow@gmail.test").length, poll).toBe(0);
    await expect.poll(async () => (await mapping(a.id))?.eventExists, poll).toBe(false);
    expect(insertCalls(fake, "flow@gmail.test")).toHaveLength(1);
    // The appointment itself is untouched by the sync.
    expect((await mapping(a.id))?.status).toBe("synced");
  });

  it("rides out 503s and 429s: bookings succeed, then every appointment has exactly one event and the delete lands", async () => {
    const f = await proProvider(t.db);
    const email = "outage@gmail.test";
    await connect(t.db, cfg, f, email);
    const doomed = await bookAndEnqueue(t.db, f, inDays(4, 8));
    await expect.poll(() => liveEvents(fake, email).length, poll).toBe(1);

    fake.state.faults.push({ target: "calendar", status: 503, until: Date.now() + 3000 });
    fake.state.faults.push({ target: "calendar", status: 429, remaining: 4 });
    fake.state.faults.push({ target: "calendar", status: 403, reason: "rateLimitExceeded", remaining: 2 });
    const booked: Awaited<ReturnType<typeof bookAndEnqueue>>[] = [];
    for (let i = 0; i < 6; i++) booked.push(await bookAndEnqueue(t.db, f, inDays(5, 8 + i)));
    await updateAndEnqueue(t.db, doomed.id, { status: "cancelled" });
    // While Google fails, the mappings record the error in words and stay pending.
    await expect.poll(async () => (await mapping(booked[0]!.id))?.lastError ?? "", poll).toMatch(/unavailable|slow down/);

    // Wait for the exact set, not a count: five inserts plus the not-yet-deleted doomed event also make six.
    const expected = booked.map((a) => eventIdFor(a.id)).sort();
    await expect
      .poll(() => liveEvents(fake, email).map((e) => e.id).sort(), { timeout: 60_000, interval: 500 })
      .toEqual(expected);
    const events = liveEvents(fake, email);
    for (const a of booked) {
      const matching = events.filter((e) => e.id === eventIdFor(a.id));
      expect(matching).toHaveLength(1);
      expect((matching[0]!.start as { dateTime: string }).dateTime).toBe(a.startsAt.toISOString());
    }
    expect(fake.state.snapshot(email).events.find((e) => e.id === eventIdFor(doomed.id))?.status).toBe("cancelled");
    expect(insertCalls(fake, email)).toHaveLength(7);
    for (const a of booked) await expect.poll(async () => (await mapping(a.id))?.status, poll).toBe("synced");
  });

  it("a revoked grant marks that provider 'needs reconnection' while another keeps syncing", async () => {
    const revoked = await proProvider(t.db);
    const healthy = await proProvider(t.db);
    // One-way connections: this is about the event sync alone meeting the revoked grant (with
    // conflict checks, the busy-times sync may meet it first: busy.test.ts covers that).
    await connect(t.db, cfg, revoked, "revoked@gmail.test", { oneWay: true });
    await connect(t.db, cfg, healthy, "healthy@gmail.test", { oneWay: true });
    await fetch(`${fake.url}/_control/revoke-access`, { method: "POST", body: JSON.stringify({ email: "revoked@gmail.test" }) });

    const r = await bookAndEnqueue(t.db, revoked, inDays(6));
    const h = await bookAndEnqueue(t.db, healthy, inDays(6));
    await expect.poll(async () => (await getCalendarOverview(t.db, revoked.provider.id))?.status, poll).toBe("needs_reconnect");
    await expect.poll(() => liveEvents(fake, "healthy@gmail.test").length, poll).toBe(1);
    expect((await mapping(h.id))?.status).toBe("synced");
    const failed = await mapping(r.id);
    expect(failed?.status).toBe("failed");
    expect(failed?.lastError).toMatch(/Reconnect/);
    // No retries are spent on a revoked grant: one refresh attempt, and nothing reached the calendar.
    const refreshes = fake.state.calls.filter((c) => c.target === "token" && c.op === "refresh_token").length;
    expect(refreshes).toBeLessThanOrEqual(2);
    expect(liveEvents(fake, "revoked@gmail.test")).toHaveLength(0);
    // Later changes of that provider do not even queue a job.
    const later = await bookAndEnqueue(t.db, revoked, inDays(7));
    expect(await mapping(later.id)).toBeUndefined();
  });

  it("persists a refreshed access token and keeps the refresh token Google did not resend", async () => {
    const f = await proProvider(t.db);
    await connect(t.db, cfg, f, "refresh@gmail.test");
    const before = (await t.db.select().from(calendarIntegrations).where(eq(calendarIntegrations.providerId, f.provider.id)))[0]!;
    await t.db
      .update(calendarIntegrations)
      .set({ accessTokenExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(calendarIntegrations.providerId, f.provider.id));
    await bookAndEnqueue(t.db, f, inDays(8));
    await expect.poll(() => liveEvents(fake, "refresh@gmail.test").length, poll).toBe(1);
    const after = (await t.db.select().from(calendarIntegrations).where(eq(calendarIntegrations.providerId, f.provider.id)))[0]!;
    expect(after.accessTokenEnc).not.toBe(before.accessTokenEnc);
    expect(after.accessTokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    expect(after.refreshTokenEnc).toBe(before.refreshTokenEnc);
  });

  it("keeps a guest's unconfirmed hold out of Google, through the backfill and the sweep, until it is confirmed", async () => {
    const f = await proProvider(t.db);
    const email = "hold@gmail.test";
    const held = await makeAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, startsAt: inDays(4), status: "pending" });
    // As lib/booking/hold.ts leaves it: pending, its time held until the guest follows the link.
    await t.db.update(appointments).set({ holdUntil: new Date(Date.now() + 30 * 60_000) }).where(eq(appointments.id, held.id));
    const booked = await makeAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, startsAt: inDays(4, 12) });
    await connect(t.db, cfg, f, email);
    await expect.poll(() => liveEvents(fake, email).map((e) => e.id), poll).toEqual([eventIdFor(booked.id)]);
    expect(await enqueueStaleSyncs(t.db, { providerId: f.provider.id })).toBe(0);
    expect(await mapping(held.id)).toBeUndefined();

    // Confirmed (as confirmHold leaves it): now it belongs in the calendar.
    await t.db.update(appointments).set({ holdUntil: null, status: "confirmed", updatedAt: sql`now()` }).where(eq(appointments.id, held.id));
    expect(await enqueueStaleSyncs(t.db, { providerId: f.provider.id })).toBe(1);
    await expect.poll(() => liveEvents(fake, email).map((e) => e.id).sort(), poll).toEqual([eventIdFor(booked.id), eventIdFor(held.id)].sort());
  });

  it("backfills upcoming appointments on connect; off stops new jobs; on and the sweep catch up", async () => {
    const f = await proProvider(t.db);
    const email = "backfill@gmail.test";
    const upcoming: Awaited<ReturnType<typeof makeAppointment>>[] = [];
    for (let i = 0; i < 3; i++) {
      upcoming.push(await makeAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, startsAt: inDays(2, 8 + i) }));
    }
    await makeAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, startsAt: inDays(-3) });
    await makeAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, startsAt: inDays(3), status: "cancelled" });
    await connect(t.db, cfg, f, email);
    await expect.poll(() => liveEvents(fake, email).length, poll).toBe(3);
    expect(insertCalls(fake, email)).toHaveLength(3);

    await setSyncEnabled(t.db, f.provider.id, false);
    const whileOff = await bookAndEnqueue(t.db, f, inDays(9));
    expect(await mapping(whileOff.id)).toBeUndefined();
    await setSyncEnabled(t.db, f.provider.id, true);
    await expect.poll(() => liveEvents(fake, email).length, poll).toBe(4);
    // The event lands at Google a moment before the mapping records it: wait for both.
    await expect
      .poll(async () => (await t.db.select().from(calendarEventMappings).where(eq(calendarEventMappings.providerId, f.provider.id))).every((m) => m.status === "synced"), poll)
      .toBe(true);

    // A change that bypassed the queue (a crash, a bug) is found by the sweep.
    const moved = inDays(2, 14);
    await t.db.update(appointments).set({ startsAt: moved, endsAt: new Date(moved.getTime() + 30 * 60_000), updatedAt: sql`now()` }).where(eq(appointments.id, upcoming[0]!.id));
    expect(await enqueueStaleSyncs(t.db, { providerId: f.provider.id })).toBe(1);
    await expect
      .poll(() => (liveEvents(fake, email).find((e) => e.id === eventIdFor(upcoming[0]!.id))?.start as { dateTime: string })?.dateTime, poll)
      .toBe(moved.toISOString());
    expect(await enqueueStaleSyncs(t.db, { providerId: f.provider.id })).toBe(0);
  });
});

describe.runIf(testDrivers().includes("postgres"))("two workers on one PostgreSQL server", () => {
  it("drain one backlog with each event inserted exactly once", async () => {
    const t = await createTestDb("postgres");
    const { fake, cfg } = await startFakeWithConfig();
    const second = await openDb({ url: t.url! });
    try {
      await startBoss(second);
      const f = await proProvider(t.db);
      const email = "two-workers@gmail.test";
      // Connect while no worker runs: the backfill becomes the backlog.
      const appts: Awaited<ReturnType<typeof makeAppointment>>[] = [];
      for (let i = 0; i < 40; i++) {
        appts.push(await makeAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, startsAt: inDays(1 + Math.floor(i / 8), 8 + (i % 8)) }));
      }
      await connect(t.db, cfg, f, email);
      fake.state.latencyMs = 20;
      await Promise.all([
        startWorkers(t.db, { pollingIntervalSeconds: 0.5, google: cfg }),
        startWorkers(second.db, { pollingIntervalSeconds: 0.5, google: cfg }),
      ]);
      await expect.poll(() => liveEvents(fake, email).length, { timeout: 60_000, interval: 250 }).toBe(40);
      const inserts = insertCalls(fake, email);
      expect(inserts).toHaveLength(40);
      expect(new Set(inserts.map((c) => c.eventId)).size).toBe(40);
      expect(fake.state.calls.filter((c) => c.op === "insert" && c.status === 409)).toHaveLength(0);
    } finally {
      await second.close();
      await t.dispose();
      await fake.close();
    }
  });
});
