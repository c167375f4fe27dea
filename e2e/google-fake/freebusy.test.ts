import type { calendar_v3 } from "googleapis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GoogleFake } from "./server";
import { control, failure, SCOPE, signIn, startFake, userEvent, type Session } from "./testing";

const EMAIL = "busy@gmail.test";
const berlin = (day: string, from: string, to: string, extra: calendar_v3.Schema$Event = {}): calendar_v3.Schema$Event => ({
  start: { dateTime: `${day}T${from}:00+02:00` },
  end: { dateTime: `${day}T${to}:00+02:00` },
  ...extra,
});
const WEEK = { timeMin: "2030-07-10T00:00:00+02:00", timeMax: "2030-07-16T00:00:00+02:00" };

describe("fake Google: freeBusy.query", () => {
  let fake: GoogleFake;
  let s: Session;
  let opaque: string;
  beforeAll(async () => {
    fake = await startFake();
    await control(fake, "/_control/accounts", { email: EMAIL, timeZone: "Europe/Berlin" });
    s = await signIn(fake, EMAIL);
    opaque = await userEvent(fake, EMAIL, berlin("2030-07-10", "09:00", "10:00", { summary: "Dentist" }));
    await userEvent(fake, EMAIL, berlin("2030-07-10", "09:30", "10:15", { summary: "Overlaps the dentist" }));
    await userEvent(fake, EMAIL, berlin("2030-07-10", "10:15", "10:30", { summary: "Touches it" }));
    await userEvent(fake, EMAIL, berlin("2030-07-10", "11:00", "12:00", { summary: "Marked free", transparency: "transparent" }));
    const declined = [{ email: "boss@corp.test", responseStatus: "accepted" }, { email: EMAIL, responseStatus: "declined" }];
    await userEvent(fake, EMAIL, berlin("2030-07-10", "12:00", "13:00", { summary: "Declined", attendees: declined }));
    const unanswered = [{ email: "boss@corp.test", responseStatus: "accepted" }, { email: EMAIL }];
    await userEvent(fake, EMAIL, berlin("2030-07-10", "14:00", "14:30", { summary: "Not answered yet", attendees: unanswered }));
    await userEvent(fake, EMAIL, berlin("2030-07-10", "15:00", "15:30", { summary: "Tentative", status: "tentative" }));
    const cancelled = await userEvent(fake, EMAIL, berlin("2030-07-10", "16:00", "17:00", { summary: "Cancelled" }));
    await control(fake, "/_control/events/delete", { email: EMAIL, eventId: cancelled });
    await userEvent(fake, EMAIL, { summary: "Holiday", start: { date: "2030-07-11" }, end: { date: "2030-07-12" } });
    await userEvent(fake, EMAIL, { summary: "Birthday", transparency: "transparent", start: { date: "2030-07-12" }, end: { date: "2030-07-13" } });
    await userEvent(fake, EMAIL, {
      summary: "Gym",
      start: { dateTime: "2030-07-13T08:00:00", timeZone: "Europe/Berlin" },
      end: { dateTime: "2030-07-13T08:30:00", timeZone: "Europe/Berlin" },
      recurrence: ["RRULE:FREQ=DAILY;COUNT=5", "EXDATE;TZID=Europe/Berlin:20300714T080000"],
    });
  });
  afterAll(async () => {
    await fake.close();
  });

  const query = async (body: calendar_v3.Schema$FreeBusyRequest, session = s) => (await session.calendar.freebusy.query({ requestBody: body })).data;

  it("counts opaque, tentative and unanswered events and all-day days; not free, declined or cancelled ones; merges and clips", async () => {
    const data = await query({ ...WEEK, items: [{ id: "primary" }, { id: EMAIL }, { id: "nobody@gmail.test" }] });
    expect(data.kind).toBe("calendar#freeBusy");
    expect(data.timeMin).toBe("2030-07-09T22:00:00.000Z");
    expect(data.calendars!.primary!.busy).toEqual([
      { start: "2030-07-10T07:00:00Z", end: "2030-07-10T08:30:00Z" },
      { start: "2030-07-10T12:00:00Z", end: "2030-07-10T12:30:00Z" },
      { start: "2030-07-10T13:00:00Z", end: "2030-07-10T13:30:00Z" },
      // The all-day holiday: midnight to midnight in the calendar's zone (Berlin, UTC+2 in July).
      { start: "2030-07-10T22:00:00Z", end: "2030-07-11T22:00:00Z" },
      // The daily gym series: 13th, 15th (14th excluded by EXDATE); the 16th is after timeMax.
      { start: "2030-07-13T06:00:00Z", end: "2030-07-13T06:30:00Z" },
      { start: "2030-07-15T06:00:00Z", end: "2030-07-15T06:30:00Z" },
    ]);
    expect(data.calendars!.primary!.errors).toBeUndefined();
    expect(data.calendars![EMAIL]!.busy).toEqual(data.calendars!.primary!.busy);
    expect(data.calendars!["nobody@gmail.test"]).toEqual({ errors: [{ domain: "global", reason: "notFound" }], busy: [] });
  });

  it("answers in the request's time zone and clips to the window", async () => {
    const data = await query({ timeMin: "2030-07-10T09:30:00+02:00", timeMax: "2030-07-10T10:00:00+02:00", timeZone: "Europe/Berlin", items: [{ id: "primary" }] });
    expect(data.calendars!.primary!.busy).toEqual([{ start: "2030-07-10T09:30:00+02:00", end: "2030-07-10T10:00:00+02:00" }]);
  });

  it("follows the user's changes: marking an event free in Google frees its time", async () => {
    const window = { timeMin: "2030-07-10T08:00:00+02:00", timeMax: "2030-07-10T12:00:00+02:00", items: [{ id: "primary" }] };
    expect((await query(window)).calendars!.primary!.busy).toEqual([{ start: "2030-07-10T07:00:00Z", end: "2030-07-10T08:30:00Z" }]);
    await control(fake, "/_control/events/update", { email: EMAIL, eventId: opaque, changes: { transparency: "transparent" } });
    expect((await query(window)).calendars!.primary!.busy).toEqual([{ start: "2030-07-10T07:30:00Z", end: "2030-07-10T08:30:00Z" }]);
    await control(fake, "/_control/events/update", { email: EMAIL, eventId: opaque, changes: { transparency: "opaque" } });
  });

  it("needs a free/busy scope: calendar.events.owned or calendar.events.readonly alone get 403", async () => {
    for (const scopes of [[SCOPE.owned], [SCOPE.eventsReadonly]]) {
      const narrow = await signIn(fake, EMAIL, scopes);
      const f = await failure(query({ ...WEEK, items: [{ id: "primary" }] }, narrow));
      expect(f.status).toBe(403);
      expect(f.body.error.errors[0]!.reason).toBe("insufficientPermissions");
      expect(f.body.error.details![0]!.metadata!.method).toBe("calendar.v3.Freebusy.Query");
    }
    const fb = await signIn(fake, EMAIL, [SCOPE.freebusyOnly]);
    expect((await query({ ...WEEK, items: [{ id: "primary" }] }, fb)).calendars!.primary!.busy).toHaveLength(6);
  });

  it("sees a calendar shared as free/busy only, and refuses an empty or reversed window", async () => {
    const other = await control<{ id: string }>(fake, "/_control/calendars", {
      owner: "partner@gmail.test",
      summary: "Partner",
      timeZone: "Europe/Berlin",
      shareWith: [{ email: EMAIL, role: "freeBusyReader" }],
    });
    await userEvent(fake, "partner@gmail.test", berlin("2030-07-10", "18:00", "19:00", { summary: "Private dinner" }), other.id);
    const data = await query({ ...WEEK, items: [{ id: other.id }] });
    expect(data.calendars![other.id]!.busy).toEqual([{ start: "2030-07-10T16:00:00Z", end: "2030-07-10T17:00:00Z" }]);
    // events.list on it shows when, never what.
    const { data: list } = await s.calendar.events.list({ calendarId: other.id });
    expect(list.accessRole).toBe("freeBusyReader");
    expect(list.items).toHaveLength(1);
    expect(list.items![0]!.summary).toBeUndefined();
    expect(list.items![0]!.start!.dateTime).toBe("2030-07-10T18:00:00+02:00");

    const f = await failure(query({ timeMin: WEEK.timeMax, timeMax: WEEK.timeMin, items: [{ id: "primary" }] }));
    expect(f.status).toBe(400);
    expect(f.body.error.errors[0]!.reason).toBe("timeRangeEmpty");
  });
});
