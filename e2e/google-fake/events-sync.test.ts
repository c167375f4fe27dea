import type { calendar_v3 } from "googleapis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { GoogleFake } from "./server";
import { control, failure, listAll, signIn, startFake, userEvent } from "./testing";

const timed = (day: string, from: string, to: string, extra: calendar_v3.Schema$Event = {}): calendar_v3.Schema$Event => ({
  start: { dateTime: `${day}T${from}:00+02:00`, timeZone: "Europe/Berlin" },
  end: { dateTime: `${day}T${to}:00+02:00`, timeZone: "Europe/Berlin" },
  ...extra,
});
const ids = (items: calendar_v3.Schema$Event[]) => items.map((e) => e.id!).sort();

describe("fake Google: events.list, full and incremental sync", () => {
  let fake: GoogleFake;
  let n = 0;
  // Each test gets its own account: tests read and change only their own calendar.
  const account = async () => {
    const email = `sync${++n}@gmail.test`;
    await control(fake, "/_control/accounts", { email, timeZone: "Europe/Berlin" });
    return { email, s: await signIn(fake, email) };
  };
  beforeAll(async () => {
    fake = await startFake();
  });
  afterEach(async () => {
    await control(fake, "/_control/page-size", { max: null });
  });
  afterAll(async () => {
    await fake.close();
  });

  it("pages a full list to a sync token; an incremental list then returns exactly the changes, deletions as cancelled", async () => {
    const { email, s } = await account();
    const cal = s.calendar;
    const ours: string[] = [];
    for (let i = 0; i < 3; i++) {
      const { data } = await cal.events.insert({ calendarId: "primary", requestBody: { id: `slotbook0000${i}`, summary: `Ours ${i}`, ...timed("2030-07-08", `0${i + 1}:00`, `0${i + 1}:30`) } });
      ours.push(data.id!);
    }
    const lunch = await userEvent(fake, email, { summary: "Lunch", ...timed("2030-07-09", "12:00", "13:00") });
    const trip = await userEvent(fake, email, { summary: "Trip", transparency: "transparent", start: { date: "2030-07-10" }, end: { date: "2030-07-12" } });

    await control(fake, "/_control/page-size", { max: 2 });
    const full = await listAll(cal, { calendarId: "primary", singleEvents: true, timeMin: "2030-07-01T00:00:00Z" });
    expect(full.pages).toBe(3);
    expect(ids(full.items)).toEqual([...ours, lunch, trip].sort());
    expect(full.nextSyncToken).toEqual(expect.any(String));
    const tripItem = full.items.find((e) => e.id === trip)!;
    expect(tripItem.start).toEqual({ date: "2030-07-10" });
    expect(tripItem.transparency).toBe("transparent");
    // Opaque is Google's default and is left out of answers.
    expect(full.items.find((e) => e.id === lunch)!.transparency).toBeUndefined();

    const quiet = await cal.events.list({ calendarId: "primary", singleEvents: true, syncToken: full.nextSyncToken! });
    expect(quiet.data.items).toEqual([]);
    expect(quiet.data.nextSyncToken).toEqual(expect.any(String));

    // The user adds a dentist appointment and edits and deletes in Google; the app patches and deletes its own.
    const dentist = await userEvent(fake, email, { summary: "Dentist", ...timed("2030-07-11", "09:00", "10:00") });
    await control(fake, "/_control/events/update", { email, eventId: lunch, changes: { summary: "Long lunch", end: { dateTime: "2030-07-09T14:00:00+02:00" } } });
    await control(fake, "/_control/events/delete", { email, eventId: trip });
    await cal.events.patch({ calendarId: "primary", eventId: ours[0]!, requestBody: { summary: "Ours 0 moved" } });
    await cal.events.delete({ calendarId: "primary", eventId: ours[1]! });

    const inc = await listAll(cal, { calendarId: "primary", singleEvents: true, syncToken: quiet.data.nextSyncToken! });
    expect(ids(inc.items)).toEqual([dentist, lunch, trip, ours[0]!, ours[1]!].sort());
    const byId = Object.fromEntries(inc.items.map((e) => [e.id, e]));
    expect(byId[lunch]!.summary).toBe("Long lunch");
    expect(byId[lunch]!.end).toEqual({ dateTime: "2030-07-09T14:00:00+02:00", timeZone: "Europe/Berlin" });
    expect(byId[ours[0]!]!.summary).toBe("Ours 0 moved");
    // A deleted event is only guaranteed to carry its id: the fake sends no more than Google promises.
    expect(byId[trip]).toEqual({ kind: "calendar#event", etag: expect.any(String), id: trip, status: "cancelled" });
    expect(byId[ours[1]!]!.status).toBe("cancelled");
    expect(byId[ours[1]!]!.start).toBeUndefined();

    const after = await cal.events.list({ calendarId: "primary", singleEvents: true, syncToken: inc.nextSyncToken! });
    expect(after.data.items).toEqual([]);
    // A full list leaves deleted events out unless showDeleted.
    const live = await listAll(cal, { calendarId: "primary", singleEvents: true });
    expect(ids(live.items)).toEqual([dentist, lunch, ours[0]!, ours[2]!].sort());
    const withDeleted = await listAll(cal, { calendarId: "primary", singleEvents: true, showDeleted: true });
    expect(withDeleted.items).toHaveLength(6);
  });

  it("delivers a change made while a client pages through a full list in the next incremental list", async () => {
    const { email, s } = await account();
    for (let i = 0; i < 3; i++) await userEvent(fake, email, timed("2030-07-08", `1${i}:00`, `1${i}:30`));
    await control(fake, "/_control/page-size", { max: 1 });
    const first = await s.calendar.events.list({ calendarId: "primary", singleEvents: true });
    expect(first.data.nextPageToken).toEqual(expect.any(String));
    const late = await userEvent(fake, email, { summary: "Late", ...timed("2030-07-08", "18:00", "19:00") });
    let page = first.data;
    while (page.nextPageToken) page = (await s.calendar.events.list({ calendarId: "primary", singleEvents: true, pageToken: page.nextPageToken })).data;
    const inc = await listAll(s.calendar, { calendarId: "primary", singleEvents: true, syncToken: page.nextSyncToken! });
    expect(inc.items.map((e) => e.id)).toContain(late);
  });

  it("answers 410 fullSyncRequired once the calendar's tokens are expired; a new full sync works again", async () => {
    const { email, s } = await account();
    await userEvent(fake, email, timed("2030-07-08", "09:00", "10:00"));
    const full = await listAll(s.calendar, { calendarId: "primary", singleEvents: true });
    await control(fake, "/_control/expire-sync-tokens", { email });
    const gone = await failure(s.calendar.events.list({ calendarId: "primary", singleEvents: true, syncToken: full.nextSyncToken! }));
    expect(gone.status).toBe(410);
    expect(gone.body.error.code).toBe(410);
    expect(gone.body.error.errors).toEqual([
      { domain: "calendar", reason: "fullSyncRequired", message: "Sync token is no longer valid, a full sync is required.", location: "syncToken", locationType: "parameter" },
    ]);
    const again = await listAll(s.calendar, { calendarId: "primary", singleEvents: true });
    expect(again.items).toHaveLength(1);
    const added = await userEvent(fake, email, timed("2030-07-08", "11:00", "12:00"));
    const inc = await s.calendar.events.list({ calendarId: "primary", singleEvents: true, syncToken: again.nextSyncToken! });
    expect(inc.data.items!.map((e) => e.id)).toEqual([added]);
  });

  it("refuses syncToken with the filters Google refuses with it (400), and a token issued for other singleEvents", async () => {
    const { s } = await account();
    const { nextSyncToken } = await listAll(s.calendar, { calendarId: "primary", singleEvents: true });
    const refused: calendar_v3.Params$Resource$Events$List[] = [
      { timeMin: "2030-07-01T00:00:00Z" },
      { timeMax: "2030-08-01T00:00:00Z" },
      { q: "dentist" },
      { orderBy: "startTime" },
      { privateExtendedProperty: ["slotbookAppointmentId=x"] },
      { updatedMin: "2030-07-01T00:00:00Z" },
      { iCalUID: "x@google.com" },
      { showDeleted: false },
    ];
    for (const extra of refused) {
      const f = await failure(s.calendar.events.list({ calendarId: "primary", singleEvents: true, syncToken: nextSyncToken!, ...extra }));
      expect(f.status, JSON.stringify(extra)).toBe(400);
      expect(f.body.error.errors[0]!.reason).toBe("syncTokenWithRequestRestrictions");
    }
    const ok = await s.calendar.events.list({ calendarId: "primary", singleEvents: true, showDeleted: true, maxResults: 10, syncToken: nextSyncToken! });
    expect(ok.status).toBe(200);
    expect((await failure(s.calendar.events.list({ calendarId: "primary", syncToken: nextSyncToken! }))).status).toBe(400);
    expect((await failure(s.calendar.events.list({ calendarId: "primary", syncToken: "not-a-token" }))).status).toBe(400);
  });

  it("selects by overlap with timeMin/timeMax (exclusive bounds), all-day days in the calendar's zone; refuses a time without offset", async () => {
    const { email, s } = await account();
    const nine = await userEvent(fake, email, timed("2030-07-08", "09:00", "10:00"));
    const ten = await userEvent(fake, email, timed("2030-07-08", "10:00", "11:00"));
    const day = await userEvent(fake, email, { start: { date: "2030-07-09" }, end: { date: "2030-07-10" } });
    const window = async (timeMin: string, timeMax: string) => ids((await listAll(s.calendar, { calendarId: "primary", singleEvents: true, timeMin, timeMax })).items);
    expect(await window("2030-07-08T10:00:00+02:00", "2030-07-08T12:00:00+02:00")).toEqual([ten]);
    expect(await window("2030-07-08T09:59:00+02:00", "2030-07-08T10:00:00+02:00")).toEqual([nine]);
    // 2030-07-09 in Berlin starts at 2030-07-08T22:00Z.
    expect(await window("2030-07-08T21:30:00Z", "2030-07-08T22:00:00Z")).toEqual([]);
    expect(await window("2030-07-08T21:30:00Z", "2030-07-08T22:30:00Z")).toEqual([day]);
    const noOffset = await failure(s.calendar.events.list({ calendarId: "primary", timeMin: "2030-07-08T10:00:00" }));
    expect(noOffset.status).toBe(400);
    const empty = await failure(s.calendar.events.list({ calendarId: "primary", timeMin: "2030-07-09T00:00:00Z", timeMax: "2030-07-08T00:00:00Z" }));
    expect(empty.body.error.errors[0]!.reason).toBe("timeRangeEmpty");
  });

  it("answers dateTime in the calendar's zone (or the request's timeZone) whatever offset it was written with", async () => {
    const { s } = await account();
    const { data } = await s.calendar.events.insert({
      calendarId: "primary",
      requestBody: { start: { dateTime: "2030-07-08T07:00:00.000Z", timeZone: "Europe/Berlin" }, end: { dateTime: "2030-07-08T07:30:00.000Z", timeZone: "Europe/Berlin" } },
    });
    expect(data.start).toEqual({ dateTime: "2030-07-08T09:00:00+02:00", timeZone: "Europe/Berlin" });
    const utc = await s.calendar.events.list({ calendarId: "primary", timeZone: "UTC" });
    expect(utc.data.items![0]!.start!.dateTime).toBe("2030-07-08T07:00:00Z");
    expect(utc.data.timeZone).toBe("Europe/Berlin");
    expect(utc.data.accessRole).toBe("owner");
  });

  it("shows the calendar's own attendee as self with its response; a response change is a change for sync", async () => {
    const { email, s } = await account();
    const meeting = await userEvent(fake, email, {
      summary: "Board meeting",
      ...timed("2030-07-08", "15:00", "16:00"),
      attendees: [{ email: "boss@corp.test", responseStatus: "accepted" }, { email }],
    });
    const { nextSyncToken } = await listAll(s.calendar, { calendarId: "primary", singleEvents: true });
    await control(fake, "/_control/events/respond", { email, eventId: meeting, responseStatus: "declined" });
    const inc = await s.calendar.events.list({ calendarId: "primary", singleEvents: true, syncToken: nextSyncToken! });
    expect(inc.data.items!.map((e) => e.id)).toEqual([meeting]);
    const attendees = inc.data.items![0]!.attendees!;
    expect(attendees.find((a) => a.self)).toEqual({ email, self: true, responseStatus: "declined" });
    expect(attendees.find((a) => a.email === "boss@corp.test")).toEqual({ email: "boss@corp.test", responseStatus: "accepted" });
  });

  it("expands recurring events with singleEvents (instance ids, recurringEventId, wall time kept across DST); a cancelled instance syncs as cancelled", async () => {
    const { email, s } = await account();
    const master = await userEvent(fake, email, {
      summary: "Physio",
      start: { dateTime: "2030-03-18T09:00:00", timeZone: "Europe/Berlin" },
      end: { dateTime: "2030-03-18T09:45:00", timeZone: "Europe/Berlin" },
      recurrence: ["RRULE:FREQ=WEEKLY;COUNT=3"],
    });
    const series = await listAll(s.calendar, { calendarId: "primary" });
    expect(series.items.map((e) => [e.id, e.recurrence])).toEqual([[master, ["RRULE:FREQ=WEEKLY;COUNT=3"]]]);
    const single = await listAll(s.calendar, { calendarId: "primary", singleEvents: true, orderBy: "startTime" });
    expect(single.items.map((e) => [e.id, e.start!.dateTime, e.recurringEventId])).toEqual([
      [`${master}_20300318T080000Z`, "2030-03-18T09:00:00+01:00", master],
      [`${master}_20300325T080000Z`, "2030-03-25T09:00:00+01:00", master],
      [`${master}_20300401T070000Z`, "2030-04-01T09:00:00+02:00", master],
    ]);
    await control(fake, "/_control/events/delete", { email, eventId: `${master}_20300325T080000Z` });
    const inc = await s.calendar.events.list({ calendarId: "primary", singleEvents: true, syncToken: single.nextSyncToken! });
    expect(inc.data.items).toEqual([
      {
        kind: "calendar#event",
        etag: expect.any(String),
        id: `${master}_20300325T080000Z`,
        status: "cancelled",
        recurringEventId: master,
        originalStartTime: { dateTime: "2030-03-25T09:00:00+01:00", timeZone: "Europe/Berlin" },
      },
    ]);
    const left = await listAll(s.calendar, { calendarId: "primary", singleEvents: true });
    expect(left.items).toHaveLength(2);
  });

  it("lists the app's own events like any other, findable by their private extended property", async () => {
    const { email, s } = await account();
    await userEvent(fake, email, timed("2030-07-08", "08:00", "09:00"));
    await s.calendar.events.insert({
      calendarId: "primary",
      requestBody: { id: "abc0123456789v", ...timed("2030-07-08", "10:00", "10:30"), extendedProperties: { private: { slotbookAppointmentId: "a1" } } },
    });
    const all = await listAll(s.calendar, { calendarId: "primary", singleEvents: true });
    expect(all.items).toHaveLength(2);
    const mine = all.items.find((e) => e.id === "abc0123456789v")!;
    expect(mine.extendedProperties).toEqual({ private: { slotbookAppointmentId: "a1" } });
    const found = await s.calendar.events.list({ calendarId: "primary", privateExtendedProperty: ["slotbookAppointmentId=a1"] });
    expect(found.data.items!.map((e) => e.id)).toEqual(["abc0123456789v"]);
  });
});
