import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db";
import { calendarBusyIntervals, calendarConflictCalendars, calendarIntegrations, pageVersions, staffServices } from "@/db/schema";
import type { GoogleFake } from "@/e2e/google-fake/server";
import { control, userEvent } from "@/e2e/google-fake/testing";
import { wireLiveBusyCheck } from "@/lib/booking/live-busy";
import { createBooking } from "@/lib/booking/create";
import { listSlots } from "@/lib/booking/slots";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { outcome } from "@/test/expect-app-error";
import { connect, connectMember, day, fastBackoff, inDays, plus, proProvider, startFakeWithConfig, timed } from "@/test/calendar";
import { testDrivers } from "@/test/db";
import { addStaffMember, guestContact } from "@/test/fixtures";
import { setUpTestDb } from "@/test/hooks";
import { syncBusyTimes } from "./busy";
import type { GoogleConfig } from "./config";
import { getConflictChoice, LIST_UNREACHABLE, NO_CALENDAR_CHOSEN, NOT_IN_LIST, setConflictCalendars } from "./conflict-calendars";
import { checkLiveBusy } from "./live-check";
import { business, type ConnectionOwner } from "./owner";

/*
 * "Check these calendars for conflicts" against the fake Google over HTTP, on the real
 * database: the owner's choice from the account's calendarList decides which calendars' events
 * keep clients from booking, in the mirror and in the live check at booking time.
 */

describe.each(testDrivers())("calendars checked for conflicts on %s", (kind) => {
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

  const secondary = async (owner: string, summary: string) => (await control<{ id: string }>(fake, "/_control/calendars", { owner, summary })).id;
  const integrationOf = async (owner: ConnectionOwner) =>
    (
      await t.db
        .select()
        .from(calendarIntegrations)
        .where(
          and(
            eq(calendarIntegrations.providerId, owner.providerId),
            owner.staffId ? eq(calendarIntegrations.staffId, owner.staffId) : sql`${calendarIntegrations.staffId} is null`,
          ),
        )
    )[0]!;
  const chosen = async (owner: ConnectionOwner) =>
    (
      await t.db
        .select({ id: calendarConflictCalendars.calendarId })
        .from(calendarConflictCalendars)
        .where(eq(calendarConflictCalendars.integrationId, (await integrationOf(owner)).id))
    )
      .map((r) => r.id)
      .sort();
  const sync = async (owner: ConnectionOwner) => syncBusyTimes(t.db, (await integrationOf(owner)).id, { cfg, backoff: fastBackoff });
  const save = (owner: ConnectionOwner, ids: string[]) => setConflictCalendars(t.db, owner, ids, { cfg });
  const slotStarts = async (providerId: string, serviceId: string, d: Date) =>
    (await listSlots(t.db, { providerId, serviceId, from: day(d), to: day(d) })).slots.map((s) => s.start.toISOString());
  const version = async (providerId: string) =>
    Number((await t.db.select().from(pageVersions).where(eq(pageVersions.scope, `provider:${providerId}`)))[0]?.version ?? 0);

  it("choosing a secondary calendar makes its events block; unticking primary stops the primary's events blocking at once", async () => {
    const f = await proProvider(t.db);
    const email = "choose@gmail.test";
    await connect(t.db, cfg, f, email);
    const family = await secondary(email, "Family");
    const owner = business(f.provider.id);
    const atPrimary = inDays(3);
    const atFamily = plus(atPrimary, 120);
    await userEvent(fake, email, { summary: "Dentist", ...timed(atPrimary, 60) });
    await userEvent(fake, email, { summary: "School run", ...timed(atFamily, 60) }, family);

    // The form's list: the account's calendars, primary first and checked by default.
    const choice = await getConflictChoice(t.db, owner, { cfg });
    expect(choice).toEqual({
      chosen: ["primary"],
      calendars: [
        { id: "primary", summary: email, primary: true },
        { id: family, summary: "Family", primary: false },
      ],
    });
    await sync(owner);
    let slots = await slotStarts(f.provider.id, f.service.id, atPrimary);
    expect(slots).not.toContain(atPrimary.toISOString());
    expect(slots).toContain(atFamily.toISOString());

    const before = await version(f.provider.id);
    const integ = await integrationOf(owner);
    const busyJobs = () => queryRows(t.db, sql`select id from pgboss.job where name = ${QUEUES.calendarBusy} and data->>'integrationId' = ${integ.id}`);
    // The connect's own sync was queued (no worker runs here): it is done with, as if it ran.
    await queryRows(t.db, sql`delete from pgboss.job where name = ${QUEUES.calendarBusy} and data->>'integrationId' = ${integ.id}`);
    expect(await save(owner, [family])).toEqual({ added: 1, removed: 1 });
    expect(await chosen(owner)).toEqual([family]);
    // The primary's busy time stops blocking at once, before any sync, and cached pages change.
    expect(await slotStarts(f.provider.id, f.service.id, atPrimary)).toContain(atPrimary.toISOString());
    expect(await version(f.provider.id)).toBeGreaterThan(before);
    // A sync of this connection is queued at once.
    expect(await busyJobs()).toHaveLength(1);

    // The sync reads the chosen calendar only, and does not bring primary back.
    await sync(owner);
    expect(await chosen(owner)).toEqual([family]);
    slots = await slotStarts(f.provider.id, f.service.id, atPrimary);
    expect(slots).toContain(atPrimary.toISOString());
    expect(slots).not.toContain(atFamily.toISOString());

    // The live check at booking asks the chosen calendar: an event just added there refuses
    // its time before any sync, and the primary's busy time no longer refuses a booking.
    const later = plus(atPrimary, 300);
    await userEvent(fake, email, { summary: "Parents' evening", ...timed(later, 60) }, family);
    const book = (start: Date) => createBooking(t.db, { providerId: f.provider.id, serviceId: f.service.id, start, ...guestContact, by: "guest" });
    expect(await outcome(book(later))).toBe("SLOT_TAKEN");
    const { appointment } = await book(atPrimary);
    expect(appointment.startsAt.toISOString()).toBe(atPrimary.toISOString());

    // Both again: the primary's event blocks after the next sync.
    expect(await save(owner, ["primary", family])).toEqual({ added: 1, removed: 0 });
    await sync(owner);
    expect(await t.db.select().from(calendarBusyIntervals).where(and(eq(calendarBusyIntervals.integrationId, integ.id), eq(calendarBusyIntervals.calendarId, "primary")))).toHaveLength(1);
  });

  it("a chosen calendar deleted in Google since stops being checked; the others still sync", async () => {
    const f = await proProvider(t.db);
    const email = "deleted-cal@gmail.test";
    await connect(t.db, cfg, f, email);
    const owner = business(f.provider.id);
    const start = inDays(3);
    await userEvent(fake, email, { summary: "Dentist", ...timed(start, 60) });
    const integ = await integrationOf(owner);
    // Chosen while it existed; Google now answers 404 for it.
    const gone = "gone-since@group.calendar.google.com";
    await t.db.insert(calendarConflictCalendars).values([
      { integrationId: integ.id, calendarId: "primary" },
      { integrationId: integ.id, calendarId: gone },
    ]);
    await t.db.insert(calendarBusyIntervals).values({
      integrationId: integ.id,
      providerId: f.provider.id,
      calendarId: gone,
      eventId: "old-event",
      startsAt: plus(start, 180),
      endsAt: plus(start, 240),
    });
    expect(await sync(owner)).toMatchObject({ result: "synced" });
    expect(await chosen(owner)).toEqual(["primary"]);
    const slots = await slotStarts(f.provider.id, f.service.id, start);
    expect(slots).not.toContain(start.toISOString());
    expect(slots).toContain(plus(start, 180).toISOString());
  });

  it("refuses a calendar the account's list does not hold, and an empty choice, writing nothing", async () => {
    const f = await proProvider(t.db);
    const email = "refuse@gmail.test";
    await connect(t.db, cfg, f, email);
    const owner = business(f.provider.id);
    const strangers = await secondary("stranger@gmail.test", "Not yours");
    await sync(owner);
    expect(await chosen(owner)).toEqual(["primary"]);

    await expect(save(owner, ["primary", strangers])).rejects.toMatchObject({ code: "VALIDATION", message: NOT_IN_LIST });
    await expect(save(owner, ["made-up@group.calendar.google.com"])).rejects.toMatchObject({ code: "VALIDATION", message: NOT_IN_LIST });
    await expect(save(owner, [])).rejects.toMatchObject({ code: "VALIDATION", message: NO_CALENDAR_CHOSEN });
    expect(await chosen(owner)).toEqual(["primary"]);

    // The primary named by its address is the primary, stored once.
    expect(await save(owner, [email])).toEqual({ added: 0, removed: 0 });
    expect(await chosen(owner)).toEqual(["primary"]);
  });

  it("when Google cannot be reached, the form shows the saved choice without a list, and saving changes nothing", async () => {
    const f = await proProvider(t.db);
    const email = "offline@gmail.test";
    await connect(t.db, cfg, f, email);
    const owner = business(f.provider.id);
    const work = await secondary(email, "Work");
    await save(owner, ["primary", work]);

    await control(fake, "/_control/faults", { method: "calendarList.list", email, delayMs: 3_000, count: 5 });
    expect(await getConflictChoice(t.db, owner, { cfg, timeoutMs: 200 })).toEqual({ chosen: [work, "primary"].sort(), calendars: null });
    await control(fake, "/_control/reset-faults", { email });
    await control(fake, "/_control/faults", { method: "calendarList.list", email, status: 503, count: 5 });
    expect(await getConflictChoice(t.db, owner, { cfg })).toEqual({ chosen: [work, "primary"].sort(), calendars: null });
    await expect(save(owner, ["primary"])).rejects.toMatchObject({ code: "UNAVAILABLE", message: LIST_UNREACHABLE });
    expect(await chosen(owner)).toEqual([work, "primary"].sort());
    await control(fake, "/_control/reset-faults", { email });
  });

  it("an owner changes only their own connection's choice: not another provider's, nor another member's", async () => {
    const a = await proProvider(t.db);
    const b = await proProvider(t.db);
    await connect(t.db, cfg, a, "owner-a@gmail.test");
    await connect(t.db, cfg, b, "owner-b@gmail.test");
    const { staff: ana, user: anaUser } = await addStaffMember(t.db, a.provider.id, { name: "Ana", login: {} });
    const { staff: ben, user: benUser } = await addStaffMember(t.db, a.provider.id, { name: "Ben", login: {} });
    await t.db.insert(staffServices).values({ staffId: ana.id, serviceId: a.service.id });
    await connectMember(t.db, cfg, a, { staffId: ana.id, userId: anaUser!.id }, "ana-own@gmail.test");
    await connectMember(t.db, cfg, a, { staffId: ben.id, userId: benUser!.id }, "ben-own@gmail.test");
    const anaGym = await secondary("ana-own@gmail.test", "Gym");
    const benGym = await secondary("ben-own@gmail.test", "Gym");
    const asAna: ConnectionOwner = { providerId: a.provider.id, staffId: ana.id };
    const asBen: ConnectionOwner = { providerId: a.provider.id, staffId: ben.id };
    await save(asAna, [anaGym]);

    // Another provider naming A's member reaches no connection.
    await expect(save({ providerId: b.provider.id, staffId: ana.id }, ["primary"])).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Another member, or a business, cannot pick a calendar of Ana's account: not in their list.
    await expect(save(asBen, [anaGym])).rejects.toMatchObject({ code: "VALIDATION", message: NOT_IN_LIST });
    await expect(save(business(b.provider.id), [anaGym])).rejects.toMatchObject({ code: "VALIDATION", message: NOT_IN_LIST });
    // Saving Ben's own and the businesses' own leaves Ana's untouched.
    await save(asBen, ["primary", benGym]);
    await save(business(a.provider.id), ["primary"]);
    await save(business(b.provider.id), ["primary"]);
    expect(await chosen(asAna)).toEqual([anaGym]);
    expect(await chosen(asBen)).toEqual(["primary", benGym].sort());
    // What each owner's form shows is their own account's list.
    expect((await getConflictChoice(t.db, asBen, { cfg }))?.calendars?.map((c) => c.id)).toEqual(["primary", benGym]);
    expect(await getConflictChoice(t.db, { providerId: b.provider.id, staffId: ana.id }, { cfg })).toBeNull();
  });
});
