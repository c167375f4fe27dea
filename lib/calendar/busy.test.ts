import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarBusyIntervals, calendarIntegrations, mailMessages, pageVersions } from "@/db/schema";
import type { GoogleFake } from "@/e2e/google-fake/server";
import { control, userEvent } from "@/e2e/google-fake/testing";
import { startWorkers } from "@/lib/app/workers";
import { createBooking } from "@/lib/booking/create";
import { listSlots } from "@/lib/booking/slots";
import { addStaffMember, guestContact } from "@/test/fixtures";
import { queryRows } from "@/db";
import { outcome } from "@/test/expect-app-error";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { bookAndEnqueue, connect, consent, day, fastBackoff, inDays, liveEvents, plus, proProvider, startFakeWithConfig, timed } from "@/test/calendar";
import { staffServices } from "@/db/schema";
import { enqueueBusySyncs, syncBusyTimes } from "./busy";
import type { GoogleConfig } from "./config";
import { disconnectCalendar, getCalendarOverview } from "./integrations";
import { finishConnect, startConnect } from "./oauth";
import { checkLiveBusy } from "./live-check";
import { wireLiveBusyCheck } from "@/lib/booking/live-busy";
import { rescheduleAppointment } from "@/lib/booking/manage";
import { syncAppointment } from "./sync";

/*
 * The busy mirror against the fake Google over HTTP, on the real database: what a provider has
 * in Google keeps clients from booking that time, through the slots API's listing and the
 * booking write alike.
 */

const poll = { timeout: 45_000, interval: 250 };

describe.each(testDrivers())("busy times from Google on %s", (kind) => {
  const t = setUpTestDb(kind);
  let fake: GoogleFake;
  let cfg: GoogleConfig;
  beforeAll(async () => {
    ({ fake, cfg } = await startFakeWithConfig());
    // The app wires the live check with the process's Google configuration; here, the fake's.
    wireLiveBusyCheck(t.db, (db, q) => checkLiveBusy(db, q, { cfg }));
  });
  afterAll(async () => {
    await fake.close();
  });

  const integrationOf = async (providerId: string) =>
    (await t.db.select().from(calendarIntegrations).where(eq(calendarIntegrations.providerId, providerId)))[0]!;
  const sync = async (providerId: string) => syncBusyTimes(t.db, (await integrationOf(providerId)).id, { cfg, backoff: fastBackoff });
  const slotStarts = async (providerId: string, serviceId: string, d: Date) =>
    (await listSlots(t.db, { providerId, serviceId, from: day(d), to: day(d) })).slots.map((s) => s.start.toISOString());
  const book = (providerId: string, serviceId: string, start: Date, staffId?: string) =>
    createBooking(t.db, { providerId, serviceId, start, ...guestContact, ...(staffId ? { staffId } : {}), by: "guest" });

  it("a busy event leaves the slot list and refuses a booking (409); deleting it frees the time again", async () => {
    const f = await proProvider(t.db);
    const email = "busy@gmail.test";
    await connect(t.db, cfg, f, email);
    const start = inDays(3);
    const id = await userEvent(fake, email, { summary: "Dentist", ...timed(start, 60) });
    expect(await slotStarts(f.provider.id, f.service.id, start)).toContain(start.toISOString());

    expect(await sync(f.provider.id)).toEqual({ result: "synced", changed: 1 });
    const slots = await slotStarts(f.provider.id, f.service.id, start);
    expect(slots).not.toContain(start.toISOString());
    expect(slots).not.toContain(plus(start, 30).toISOString());
    expect(slots).toContain(plus(start, 60).toISOString());
    expect(await outcome(book(f.provider.id, f.service.id, start))).toBe("SLOT_TAKEN");
    // Nothing was written for the refused booking.
    expect(await queryRows(t.db, sql`select id from appointments where provider_id = ${f.provider.id}`)).toEqual([]);

    await control(fake, "/_control/events/delete", { email, eventId: id });
    expect(await sync(f.provider.id)).toEqual({ result: "synced", changed: 1 });
    // The second read was incremental: one list with the sync token, not a full one.
    const lists = fake.state.calls.filter((c) => c.email === email && c.method === "events.list");
    expect(lists.length).toBe(2);
    expect(await slotStarts(f.provider.id, f.service.id, start)).toContain(start.toISOString());
    const { appointment } = await book(f.provider.id, f.service.id, start);
    expect(appointment.startsAt.toISOString()).toBe(start.toISOString());
  });

  it("free, cancelled and declined events block nothing; an all-day event blocks its day unless turned off", async () => {
    const f = await proProvider(t.db);
    const email = "kinds@gmail.test";
    await connect(t.db, cfg, f, email);
    const start = inDays(4);
    await userEvent(fake, email, { summary: "Focus (free)", transparency: "transparent", ...timed(start, 60) });
    await userEvent(fake, email, { summary: "Called off", status: "cancelled", ...timed(plus(start, 60), 60) });
    await userEvent(fake, email, {
      summary: "Team sync",
      ...timed(plus(start, 120), 60),
      organizer: { email: "boss@gmail.test" },
      attendees: [{ email: "boss@gmail.test", responseStatus: "accepted" }, { email, responseStatus: "declined" }],
    });
    const allDay = inDays(5);
    const next = inDays(6);
    await userEvent(fake, email, { summary: "Holiday", start: { date: day(allDay) }, end: { date: day(next) } });
    await sync(f.provider.id);

    const slots = await slotStarts(f.provider.id, f.service.id, start);
    for (const m of [0, 60, 120]) expect(slots).toContain(plus(start, m).toISOString());
    expect(await slotStarts(f.provider.id, f.service.id, allDay)).toEqual([]);
    expect((await slotStarts(f.provider.id, f.service.id, next)).length).toBeGreaterThan(0);

    // Turned off, a full read again drops the all-day event.
    await t.db.update(calendarIntegrations).set({ allDayBlocks: false }).where(eq(calendarIntegrations.providerId, f.provider.id));
    await control(fake, "/_control/expire-sync-tokens", { email });
    await sync(f.provider.id);
    expect((await slotStarts(f.provider.id, f.service.id, allDay)).length).toBeGreaterThan(0);
  });

  it("Slotbook's own events never block: the appointment written to Google is not a busy time", async () => {
    const f = await proProvider(t.db);
    const email = "own@gmail.test";
    await connect(t.db, cfg, f, email);
    const start = inDays(3, 12);
    const a = await bookAndEnqueue(t.db, f, start);
    expect(await syncAppointment(t.db, a.id, { cfg })).toBe("synced");
    expect(liveEvents(fake, email)).toHaveLength(1);
    await sync(f.provider.id);
    const rows = await t.db.select().from(calendarBusyIntervals).where(eq(calendarBusyIntervals.providerId, f.provider.id));
    expect(rows).toEqual([]);
  });

  it("410 Gone starts a full read that drops what was deleted meanwhile; page versions change with the intervals", async () => {
    const f = await proProvider(t.db);
    const email = "gone@gmail.test";
    await connect(t.db, cfg, f, email);
    const start = inDays(3);
    const a = await userEvent(fake, email, { summary: "A", ...timed(start, 30) });
    await userEvent(fake, email, { summary: "B", ...timed(plus(start, 120), 30) });
    await sync(f.provider.id);
    const version = async () =>
      Number((await t.db.select().from(pageVersions).where(eq(pageVersions.scope, `provider:${f.provider.id}`)))[0]?.version ?? 0);
    const before = await version();

    // An unchanged calendar changes nothing, the page version included.
    expect(await sync(f.provider.id)).toEqual({ result: "synced", changed: 0 });
    expect(await version()).toBe(before);

    await control(fake, "/_control/events/delete", { email, eventId: a });
    await control(fake, "/_control/expire-sync-tokens", { email });
    await sync(f.provider.id);
    const rows = await t.db.select({ startsAt: calendarBusyIntervals.startsAt }).from(calendarBusyIntervals).where(eq(calendarBusyIntervals.providerId, f.provider.id));
    expect(rows.map((r) => r.startsAt.toISOString())).toEqual([plus(start, 120).toISOString()]);
    expect(await version()).toBeGreaterThan(before);
    expect(fake.state.calls.some((c) => c.email === email && c.method === "events.list" && c.status === 410)).toBe(true);
  });

  it("busy times that ended before yesterday leave the mirror at the next read", async () => {
    const f = await proProvider(t.db);
    await connect(t.db, cfg, f, "prune@gmail.test");
    await sync(f.provider.id);
    const integ = await integrationOf(f.provider.id);
    const past = inDays(-3);
    await t.db.insert(calendarBusyIntervals).values({ integrationId: integ.id, providerId: f.provider.id, calendarId: "primary", eventId: "long-ago", startsAt: past, endsAt: plus(past, 60) });
    expect(await sync(f.provider.id)).toEqual({ result: "synced", changed: 1 });
    expect(await t.db.select().from(calendarBusyIntervals).where(eq(calendarBusyIntervals.providerId, f.provider.id))).toEqual([]);
  });

  it("rate limits (403 userRateLimitExceeded, 429) and 5xx are retried with backoff within the sync", async () => {
    const f = await proProvider(t.db);
    const email = "ratelimit@gmail.test";
    await connect(t.db, cfg, f, email);
    const start = inDays(3);
    await userEvent(fake, email, { summary: "Busy", ...timed(start, 30) });
    await control(fake, "/_control/faults", { method: "events.list", email, status: 403, reason: "userRateLimitExceeded", count: 1 });
    await control(fake, "/_control/faults", { method: "events.list", email, status: 429, count: 1 });
    await control(fake, "/_control/faults", { method: "events.list", email, status: 503, count: 1 });
    expect(await sync(f.provider.id)).toEqual({ result: "synced", changed: 1 });
    expect(await slotStarts(f.provider.id, f.service.id, start)).not.toContain(start.toISOString());
  });

  it("invalid_grant: needs reconnect, the owner is told once, intervals count for the grace period then stop; a disconnect removes them", async () => {
    const f = await proProvider(t.db);
    const email = "revoked@gmail.test";
    await connect(t.db, cfg, f, email);
    const start = inDays(3);
    await userEvent(fake, email, { summary: "Busy", ...timed(start, 30) });
    await sync(f.provider.id);
    await control(fake, "/_control/revoke-access", { email });
    await control(fake, "/_control/expire-tokens", { email });
    expect(await sync(f.provider.id)).toEqual({ result: "needs_reconnect" });
    expect(await sync(f.provider.id)).toEqual({ result: "skipped" });
    const integ = await integrationOf(f.provider.id);
    expect(integ.status).toBe("needs_reconnect");
    const mails = await t.db.select().from(mailMessages).where(and(eq(mailMessages.to, f.owner.email), eq(mailMessages.subject, "Reconnect Google Calendar to Slotbook")));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("after 24 hours");

    // Within the grace period the last known busy time still blocks…
    expect(await slotStarts(f.provider.id, f.service.id, start)).not.toContain(start.toISOString());
    // …and after it, it does not.
    await t.db.update(calendarIntegrations).set({ needsReconnectAt: new Date(Date.now() - 25 * 3600_000) }).where(eq(calendarIntegrations.id, integ.id));
    expect(await slotStarts(f.provider.id, f.service.id, start)).toContain(start.toISOString());

    await disconnectCalendar(t.db, f.provider.id, cfg);
    expect(await t.db.select().from(calendarBusyIntervals).where(eq(calendarBusyIntervals.providerId, f.provider.id))).toEqual([]);
  });

  it("a lapsed PRO plan's mirrored busy times stop blocking, and count again on renewal", async () => {
    const f = await proProvider(t.db);
    const email = "lapsed@gmail.test";
    await connect(t.db, cfg, f, email);
    const start = inDays(3);
    await userEvent(fake, email, { summary: "Busy", ...timed(start, 30) });
    await sync(f.provider.id);
    expect(await slotStarts(f.provider.id, f.service.id, start)).not.toContain(start.toISOString());
    // The plan ended yesterday: the business books on its own calendar as a FREE one, unblocked.
    await queryRows(t.db, sql`update providers set pro_until = now() - interval '1 day' where id = ${f.provider.id}`);
    expect(await slotStarts(f.provider.id, f.service.id, start)).toContain(start.toISOString());
    expect(await t.db.select().from(calendarBusyIntervals).where(eq(calendarBusyIntervals.providerId, f.provider.id))).toHaveLength(1);
    await queryRows(t.db, sql`update providers set pro_until = null where id = ${f.provider.id}`);
    expect(await slotStarts(f.provider.id, f.service.id, start)).not.toContain(start.toISOString());
  });

  it("a connection without the availability scope keeps one-way sync and reads no busy times", async () => {
    const f = await proProvider(t.db);
    const email = "oneway@gmail.test";
    const started = await startConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg });
    // The consent screen never asks for the full calendar scope.
    const asked = new URL(started.authorizeUrl).searchParams.get("scope")!.split(" ");
    expect(asked).not.toContain("https://www.googleapis.com/auth/calendar");
    expect(asked).toEqual(expect.arrayContaining(["https://www.googleapis.com/auth/calendar.events.freebusy"]));
    const query = await consent(started.authorizeUrl, { email, scopes: (s) => s.filter((x) => !x.includes("freebusy") && !x.includes("calendarlist")) });
    expect((await finishConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg, query, cookieValue: started.cookieValue })).ok).toBe(true);
    await userEvent(fake, email, { summary: "Busy", ...timed(inDays(3), 30) });
    expect(await sync(f.provider.id)).toEqual({ result: "skipped" });
    expect((await getCalendarOverview(t.db, f.provider.id))!.checksConflicts).toBe(false);
    expect(await enqueueBusySyncs(t.db)).toBeGreaterThanOrEqual(0);
    expect(fake.state.calls.filter((c) => c.email === email && c.method === "events.list")).toEqual([]);
  });

  it("a reconnect that lacks the calendar scope keeps the working grant and says what was missing", async () => {
    const f = await proProvider(t.db);
    const email = "keep@gmail.test";
    await connect(t.db, cfg, f, email);
    const started = await startConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg });
    const query = await consent(started.authorizeUrl, { email, scopes: (s) => s.filter((x) => !x.includes("calendar.events.owned")) });
    const result = await finishConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg, query, cookieValue: started.cookieValue });
    expect(result).toEqual({ ok: false, error: "scopes_kept", missing: ["events"] });
    // The old grant still works: an appointment still reaches Google.
    const a = await bookAndEnqueue(t.db, f, inDays(4));
    expect(await syncAppointment(t.db, a.id, { cfg })).toBe("synced");
    expect(liveEvents(fake, email)).toHaveLength(1);
  });

  it("a staff member's busy time blocks that member only: “any available” books a colleague", async () => {
    const f = await proProvider(t.db);
    await connect(t.db, cfg, f, "team@gmail.test");
    const { staff: ana } = await addStaffMember(t.db, f.provider.id, { name: "Ana", displayOrder: 0 });
    const { staff: ben } = await addStaffMember(t.db, f.provider.id, { name: "Ben", displayOrder: 1 });
    await t.db.insert(staffServices).values([
      { staffId: ana.id, serviceId: f.service.id },
      { staffId: ben.id, serviceId: f.service.id },
    ]);
    await queryRows(t.db, sql`insert into staff_availability (staff_id, weekday, start_time, end_time, available)
      select s, d, '09:00', '17:00', true from unnest(array[${ana.id}::uuid, ${ben.id}::uuid]) s, generate_series(1, 7) d`);
    const start = inDays(3);
    // Ana's own calendar says busy (a member's mirrored interval carries her staff id).
    const integ = await integrationOf(f.provider.id);
    await t.db.insert(calendarBusyIntervals).values({
      integrationId: integ.id,
      providerId: f.provider.id,
      staffId: ana.id,
      calendarId: "primary",
      eventId: "anas-dentist",
      startsAt: start,
      endsAt: plus(start, 60),
    });
    const slot = (await listSlots(t.db, { providerId: f.provider.id, serviceId: f.service.id, from: day(start), to: day(start) })).slots.find(
      (s) => s.start.toISOString() === start.toISOString(),
    );
    expect(slot?.staffIds).toEqual([ben.id]);
    expect(await outcome(book(f.provider.id, f.service.id, start, ana.id))).toBe("SLOT_TAKEN");
    const { appointment } = await book(f.provider.id, f.service.id, start);
    expect(appointment.staffId).toBe(ben.id);
    // The provider's own resource is not blocked by a member's busy time.
    expect(await t.db.select().from(calendarBusyIntervals).where(and(eq(calendarBusyIntervals.providerId, f.provider.id), sql`staff_id is null`))).toEqual([]);
  });

  it("the live check refuses a time Google says is busy at once (409), before any sync, and on a reschedule", async () => {
    const f = await proProvider(t.db);
    const email = "live@gmail.test";
    await connect(t.db, cfg, f, email);
    const start = inDays(3);
    await userEvent(fake, email, { summary: "Just added in Google", ...timed(start, 60) });
    expect(await outcome(book(f.provider.id, f.service.id, start))).toBe("SLOT_TAKEN");
    expect(await t.db.select().from(calendarBusyIntervals).where(eq(calendarBusyIntervals.providerId, f.provider.id))).toEqual([]);
    expect(fake.state.calls.some((c) => c.email === email && c.method === "freebusy.query" && c.status === 200)).toBe(true);

    // An appointment written to Google (its own event is busy there too) moves to a free time;
    // moving it into the busy time is refused.
    const later = plus(start, 120);
    const { appointment } = await book(f.provider.id, f.service.id, later);
    expect(await syncAppointment(t.db, appointment.id, { cfg })).toBe("synced");
    const actor = { kind: "provider" as const, providerId: f.provider.id };
    const moved = await rescheduleAppointment(t.db, { appointmentId: appointment.id, actor, start: plus(later, 60) });
    expect(moved.startsAt.toISOString()).toBe(plus(later, 60).toISOString());
    expect(await outcome(rescheduleAppointment(t.db, { appointmentId: appointment.id, actor, start: plus(start, 30) }))).toBe("SLOT_TAKEN");
  });

  it("when Google cannot answer in time or fails, the mirrored intervals decide and the booking goes on", async () => {
    const f = await proProvider(t.db);
    const email = "down@gmail.test";
    await connect(t.db, cfg, f, email);
    const mirrored = inDays(3);
    await userEvent(fake, email, { summary: "Mirrored", ...timed(mirrored, 30) });
    await sync(f.provider.id);
    const unseen = plus(mirrored, 120);
    await userEvent(fake, email, { summary: "Not yet mirrored", ...timed(unseen, 30) });

    await control(fake, "/_control/faults", { method: "freebusy.query", email, delayMs: 5_000, count: 5 });
    // Google is silent: the mirror still refuses what it knows…
    expect(await outcome(book(f.provider.id, f.service.id, mirrored))).toBe("SLOT_TAKEN");
    // …and a time it does not know is booked.
    const { appointment } = await book(f.provider.id, f.service.id, unseen);
    expect(appointment.startsAt.toISOString()).toBe(unseen.toISOString());

    await control(fake, "/_control/reset-faults", { email });
    await control(fake, "/_control/faults", { method: "freebusy.query", email, status: 500, count: 10 });
    const { appointment: second } = await book(f.provider.id, f.service.id, plus(unseen, 60));
    expect(second.status).toBe("confirmed");
    await control(fake, "/_control/reset-faults", { email });
  });

  // Last: from here on the workers run in the background and may read any connection's calendar.
  it("the workers read busy times: a sweep queues one sync per connection and the job mirrors the calendar", async () => {
    await startWorkers(t.db, { pollingIntervalSeconds: 0.5, google: cfg });
    const f = await proProvider(t.db);
    const email = "worker@gmail.test";
    await connect(t.db, cfg, f, email);
    const start = inDays(3);
    await userEvent(fake, email, { summary: "Busy", ...timed(start, 30) });
    await enqueueBusySyncs(t.db);
    await expect.poll(async () => (await slotStarts(f.provider.id, f.service.id, start)).includes(start.toISOString()), poll).toBe(false);
  });
});
