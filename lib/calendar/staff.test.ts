import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db";
import { calendarBusyIntervals, calendarIntegrations, staffServices } from "@/db/schema";
import type { GoogleFake } from "@/e2e/google-fake/server";
import { userEvent } from "@/e2e/google-fake/testing";
import { bookingResponse, slotTakenAnswer } from "@/lib/booking/api";
import { createBooking } from "@/lib/booking/create";
import { wireLiveBusyCheck } from "@/lib/booking/live-busy";
import { listSlots } from "@/lib/booking/slots";
import { outcome } from "@/test/expect-app-error";
import { testDrivers } from "@/test/db";
import { addStaffMember, guestContact } from "@/test/fixtures";
import { setUpTestDb } from "@/test/hooks";
import { bookAndEnqueue, connect, connectMember, consent, day, fastBackoff, inDays, liveEvents, plus, proProvider, startFakeWithConfig, timed, updateAndEnqueue } from "@/test/calendar";
import { syncBusyTimes } from "./busy";
import type { GoogleConfig } from "./config";
import { eventIdFor } from "./event-id";
import { disconnectCalendar, getCalendarOverview, listStaffCalendars, setCopyStaffAppointments } from "./integrations";
import { checkLiveBusy } from "./live-check";
import { finishConnect, startConnect } from "./oauth";
import { openTokens } from "./tokens";
import { syncAppointment } from "./sync";

/*
 * Staff members' own calendars, against the fake Google over HTTP on the real database: each
 * member's connection is theirs alone, their appointments are written there (and to the
 * business's calendar unless it opts out), and their busy times block them only.
 */

describe.each(testDrivers())("staff members' own calendars on %s", (kind) => {
  const t = setUpTestDb(kind);
  let fake: GoogleFake;
  let cfg: GoogleConfig;
  beforeAll(async () => {
    ({ fake, cfg } = await startFakeWithConfig());
    wireLiveBusyCheck(t.db, (db, q) => checkLiveBusy(db, q, { cfg }));
  });
  afterAll(async () => {
    await fake.close();
  });

  /** A PRO business with two members (with logins) who both provide its service, 09–17 every day. */
  async function team(over: Parameters<typeof proProvider>[1] = {}) {
    const f = await proProvider(t.db, over);
    const { staff: ana, user: anaUser } = await addStaffMember(t.db, f.provider.id, { name: "Ana", displayOrder: 0, login: {} });
    const { staff: ben, user: benUser } = await addStaffMember(t.db, f.provider.id, { name: "Ben", displayOrder: 1, login: {} });
    await t.db.insert(staffServices).values([
      { staffId: ana.id, serviceId: f.service.id },
      { staffId: ben.id, serviceId: f.service.id },
    ]);
    await queryRows(t.db, sql`insert into staff_availability (staff_id, weekday, start_time, end_time, available)
      select s, d, '09:00', '17:00', true from unnest(array[${ana.id}::uuid, ${ben.id}::uuid]) s, generate_series(1, 7) d`);
    return { f, ana: { staffId: ana.id, userId: anaUser!.id }, ben: { staffId: ben.id, userId: benUser!.id } };
  }
  const connectionOf = async (providerId: string, staffId: string | null) =>
    (
      await t.db
        .select()
        .from(calendarIntegrations)
        .where(and(eq(calendarIntegrations.providerId, providerId), staffId ? eq(calendarIntegrations.staffId, staffId) : sql`staff_id is null`))
    )[0];

  it("a member connects their own calendar through the one flow: one connection each, sealed, the business's untouched; a state another started is refused", async () => {
    const { f, ana, ben } = await team();
    await connect(t.db, cfg, f, "biz-own@gmail.test");
    expect(await connectMember(t.db, cfg, f, ana, "ana-own@gmail.test")).toEqual({ ok: true, email: "ana-own@gmail.test" });
    // A reconnect replaces the member's connection, never adds a second or touches the business's.
    await connectMember(t.db, cfg, f, ana, "ana-new@gmail.test");
    const rows = await t.db.select().from(calendarIntegrations).where(eq(calendarIntegrations.providerId, f.provider.id));
    expect(rows.map((r) => [r.staffId, r.googleEmail]).sort()).toEqual(
      [
        [null, "biz-own@gmail.test"],
        [ana.staffId, "ana-new@gmail.test"],
      ].sort(),
    );
    expect((await getCalendarOverview(t.db, f.provider.id))!.googleEmail).toBe("biz-own@gmail.test");

    // Sealed, and bound to the member: the member's tokens do not open as the business's.
    const grant = [...fake.state.grants.values()].find((g) => g.email === "ana-new@gmail.test")!;
    const raw = JSON.stringify(await queryRows(t.db, sql`select * from calendar_integrations where staff_id = ${ana.staffId}`));
    expect(raw).not.toContain(grant.refreshToken);
    const anaRow = (await connectionOf(f.provider.id, ana.staffId))!;
    expect(openTokens(anaRow).refresh_token).toBe(grant.refreshToken);
    expect(() => openTokens({ ...anaRow, staffId: null })).toThrow();

    // Ana's state finished by Ben (his session, his member) is refused and stores nothing for him.
    const started = await startConnect(t.db, { provider: f.provider, userId: ana.userId, staffId: ana.staffId, cfg });
    const query = await consent(started.authorizeUrl, { email: "ben-own@gmail.test" });
    const asBen = await finishConnect(t.db, { provider: f.provider, userId: ben.userId, staffId: ben.staffId, cfg, query, cookieValue: started.cookieValue });
    expect(asBen).toEqual({ ok: false, error: "state" });
    // …and the same state finished as the business's connection too.
    const asBusiness = await finishConnect(t.db, { provider: f.provider, userId: ana.userId, staffId: null, cfg, query, cookieValue: started.cookieValue });
    expect(asBusiness).toEqual({ ok: false, error: "state" });
    expect(await connectionOf(f.provider.id, ben.staffId)).toBeUndefined();
    expect((await connectionOf(f.provider.id, null))!.googleEmail).toBe("biz-own@gmail.test");

    // The provider sees each member: Ana connected and healthy, Ben not connected.
    const listed = await listStaffCalendars(t.db, f.provider.id);
    expect(listed.map((m) => [m.name, m.connection?.googleEmail ?? null, m.connection?.status ?? null])).toEqual([
      ["Ana", "ana-new@gmail.test", "active"],
      ["Ben", null, null],
    ]);
    expect(listed[0]!.connection).toMatchObject({ checksConflicts: true, problem: null });

    // A member of a FREE business cannot connect.
    const free = await team({ plan: "free" });
    const s2 = await startConnect(t.db, { provider: free.f.provider, userId: free.ana.userId, staffId: free.ana.staffId, cfg });
    const q2 = await consent(s2.authorizeUrl, { email: "free-ana@gmail.test" });
    expect(await finishConnect(t.db, { provider: free.f.provider, userId: free.ana.userId, staffId: free.ana.staffId, cfg, query: q2, cookieValue: s2.cookieValue })).toEqual({
      ok: false,
      error: "pro_required",
    });
    expect(await connectionOf(free.f.provider.id, free.ana.staffId)).toBeUndefined();
  });

  it("a member's appointment goes to their own calendar and the business's; a reassignment moves it; the business copy can be turned off", async () => {
    const { f, ana, ben } = await team();
    await connect(t.db, cfg, f, "biz-write@gmail.test");
    await connectMember(t.db, cfg, f, ana, "ana-write@gmail.test");
    await connectMember(t.db, cfg, f, ben, "ben-write@gmail.test");
    const a = await bookAndEnqueue(t.db, f, inDays(3), 30, ana.staffId);
    const own = await bookAndEnqueue(t.db, f, inDays(3, 13));
    const run = (id: string) => syncAppointment(t.db, id, { cfg });
    const ids = (email: string) => liveEvents(fake, email).map((e) => e.id).sort();

    // A Google outage on the first call: that calendar is retried, the other is written, and
    // after the retry each calendar holds exactly one event.
    fake.state.faults.push({ target: "calendar", status: 503, remaining: 1 });
    await expect(run(a.id)).rejects.toThrow(/will retry/);
    expect(await run(a.id)).toBe("synced");
    expect(await run(own.id)).toBe("synced");
    expect(ids("ana-write@gmail.test")).toEqual([eventIdFor(a.id)]);
    expect(ids("biz-write@gmail.test")).toEqual([eventIdFor(a.id), eventIdFor(own.id)].sort());
    expect(ids("ben-write@gmail.test")).toEqual([]);

    // Reassigned to Ben: the event leaves Ana's calendar and appears in Ben's, once.
    await updateAndEnqueue(t.db, a.id, { staffId: ben.staffId });
    expect(await run(a.id)).toBe("synced");
    expect(ids("ana-write@gmail.test")).toEqual([]);
    expect(ids("ben-write@gmail.test")).toEqual([eventIdFor(a.id)]);
    expect(ids("biz-write@gmail.test")).toEqual([eventIdFor(a.id), eventIdFor(own.id)].sort());

    // The business stops taking members' appointments: Ben's leaves it, the business's own stays.
    await setCopyStaffAppointments(t.db, f.provider.id, false);
    expect(await run(a.id)).toBe("synced");
    expect(await run(own.id)).toBe("synced");
    expect(ids("biz-write@gmail.test")).toEqual([eventIdFor(own.id)]);
    expect(ids("ben-write@gmail.test")).toEqual([eventIdFor(a.id)]);
    // A new member appointment now goes to the member only.
    const b = await bookAndEnqueue(t.db, f, inDays(4), 30, ana.staffId);
    expect(await run(b.id)).toBe("synced");
    expect(ids("ana-write@gmail.test")).toEqual([eventIdFor(b.id)]);
    expect(ids("biz-write@gmail.test")).toEqual([eventIdFor(own.id)]);

    // Back on: the business's calendar gets them again.
    await setCopyStaffAppointments(t.db, f.provider.id, true);
    for (const id of [a.id, b.id]) expect(await run(id)).toBe("synced");
    expect(ids("biz-write@gmail.test")).toEqual([eventIdFor(a.id), eventIdFor(b.id), eventIdFor(own.id)].sort());

    // Cancelled: gone from every calendar that held it.
    await updateAndEnqueue(t.db, a.id, { status: "cancelled" });
    expect(await run(a.id)).toBe("synced");
    expect(ids("ben-write@gmail.test")).toEqual([]);
    expect(ids("biz-write@gmail.test")).toEqual([eventIdFor(b.id), eventIdFor(own.id)].sort());
  });

  it("a member's busy time blocks that member only (mirror and live check): “any available” books a colleague; the business's busy times do not block members", async () => {
    const { f, ana, ben } = await team();
    await connect(t.db, cfg, f, "biz-busy@gmail.test");
    await connectMember(t.db, cfg, f, ana, "ana-busy@gmail.test");
    const book = (start: Date, staffId?: string) =>
      createBooking(t.db, { providerId: f.provider.id, serviceId: f.service.id, start, ...guestContact, ...(staffId ? { staffId } : {}), by: "guest" });
    const staffAt = async (start: Date) =>
      (await listSlots(t.db, { providerId: f.provider.id, serviceId: f.service.id, from: day(start), to: day(start) })).slots.find(
        (s) => s.start.toISOString() === start.toISOString(),
      )?.staffIds;

    // Just added in Ana's Google: the live check refuses Ana at once, before any sync.
    const now1 = inDays(3);
    await userEvent(fake, "ana-busy@gmail.test", { summary: "Ana's dentist", ...timed(now1, 60) });
    expect(await outcome(book(now1, ana.staffId))).toBe("SLOT_TAKEN");
    const { appointment } = await book(now1);
    expect(appointment.staffId).toBe(ben.staffId);

    // Mirrored: Ana leaves that time's staffIds, Ben stays; the intervals carry her id.
    const later = inDays(4);
    await userEvent(fake, "ana-busy@gmail.test", { summary: "Ana's course", ...timed(later, 60) });
    const anaConn = (await connectionOf(f.provider.id, ana.staffId))!;
    expect(await syncBusyTimes(t.db, anaConn.id, { cfg, backoff: fastBackoff })).toMatchObject({ result: "synced" });
    expect(await staffAt(later)).toEqual([ben.staffId]);
    const rows = await t.db.select().from(calendarBusyIntervals).where(eq(calendarBusyIntervals.integrationId, anaConn.id));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.staffId === ana.staffId)).toBe(true);
    // The JSON API's 409 for Ana then carries her other free times that day (not the busy hour).
    const body = { serviceId: f.service.id, staffId: ana.staffId, start: later.toISOString(), ...guestContact };
    const refusal = await bookingResponse(t.db, f.provider.slug, body).then(
      () => null,
      (e: unknown) => slotTakenAnswer(t.db, f.provider.slug, body, e),
    );
    const offered = refusal!.alternatives.map((a) => a.start);
    expect(offered).not.toContain(later.toISOString());
    expect(offered).not.toContain(plus(later, 30).toISOString());
    expect(offered).toContain(plus(later, 60).toISOString());
    expect(refusal!.alternatives.every((a) => a.staffIds.length === 1 && a.staffIds[0] === ana.staffId)).toBe(true);

    // The business's own calendar being busy blocks neither member.
    const third = inDays(5);
    await userEvent(fake, "biz-busy@gmail.test", { summary: "Owner's lunch", ...timed(third, 60) });
    const biz = (await connectionOf(f.provider.id, null))!;
    await syncBusyTimes(t.db, biz.id, { cfg, backoff: fastBackoff });
    expect((await staffAt(third))?.sort()).toEqual([ana.staffId, ben.staffId].sort());

    // Another provider cannot disconnect Ana; her business can, and only hers goes.
    const other = await proProvider(t.db);
    expect(await disconnectCalendar(t.db, { providerId: other.provider.id, staffId: ana.staffId }, cfg)).toEqual({ disconnected: false, revoked: false });
    expect(await connectionOf(f.provider.id, ana.staffId)).toBeDefined();
    expect((await disconnectCalendar(t.db, { providerId: f.provider.id, staffId: ana.staffId }, cfg)).disconnected).toBe(true);
    expect(await connectionOf(f.provider.id, ana.staffId)).toBeUndefined();
    expect(await t.db.select().from(calendarBusyIntervals).where(eq(calendarBusyIntervals.staffId, ana.staffId))).toEqual([]);
    expect(await connectionOf(f.provider.id, null)).toBeDefined();
    expect(await staffAt(later)).toContain(ana.staffId);
  });
});
