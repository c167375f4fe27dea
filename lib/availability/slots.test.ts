import { describe, expect, it } from "vitest";
import { computeSlots, isBookableSlot } from "./slots";
import type { Slot, SlotInput, WeeklyInterval } from "./types";
import { zonedTime } from "./zoned";

// These run under TZ=Asia/Kathmandu (vitest.config.ts): every expectation is an absolute instant.

const MIN = 60_000;
const starts = (slots: Slot[]) => slots.map((s) => s.start.toISOString());
const localTimes = (slots: Slot[], tz: string) => slots.map((s) => zonedTime(s.start, tz));
const d = (iso: string) => new Date(iso);
const weekdays = (start: string, end: string, days = [1, 2, 3, 4, 5]): WeeklyInterval[] =>
  days.map((weekday) => ({ weekday, start, end }));
const everyDay = (start: string, end: string) => weekdays(start, end, [1, 2, 3, 4, 5, 6, 7]);

function input(overrides: Partial<SlotInput>): SlotInput {
  return {
    timezone: "Europe/Paris",
    weeklyHours: [],
    closedDates: [],
    busy: [],
    durationMinutes: 60,
    minNoticeMinutes: 0,
    horizonDays: 365,
    now: d("2026-01-01T00:00:00Z"),
    ...overrides,
  };
}

describe("computeSlots: weekly hours", () => {
  it("gives each open weekday its hourly grid in the provider's zone (Paris, UTC+1 in January)", () => {
    // 2026-01-12 is a Monday.
    const slots = computeSlots(input({ weeklyHours: weekdays("09:00", "12:00"), from: "2026-01-12", to: "2026-01-18" }));
    const expected = ["12", "13", "14", "15", "16"].flatMap((day) =>
      ["08", "09", "10"].map((h) => `2026-01-${day}T${h}:00:00.000Z`),
    );
    expect(starts(slots)).toEqual(expected);
    for (const s of slots) expect(s.end.getTime() - s.start.getTime()).toBe(60 * MIN);
  });

  it("steps by the service duration and never lets a slot run past closing", () => {
    const slots = computeSlots(input({ weeklyHours: weekdays("09:00", "12:00"), durationMinutes: 50, from: "2026-01-12", to: "2026-01-12" }));
    expect(starts(slots)).toEqual(["2026-01-12T08:00:00.000Z", "2026-01-12T08:50:00.000Z", "2026-01-12T09:40:00.000Z"]);
    expect(slots.at(-1)!.end.toISOString()).toBe("2026-01-12T10:30:00.000Z");
  });

  it("supports two intervals a day, each with its own grid, sorted even when given out of order", () => {
    const slots = computeSlots(
      input({
        weeklyHours: [
          { weekday: 1, start: "13:00", end: "17:00" },
          { weekday: 1, start: "09:00", end: "12:00" },
        ],
        durationMinutes: 90,
        from: "2026-01-12",
        to: "2026-01-13",
      }),
    );
    expect(localTimes(slots, "Europe/Paris")).toEqual(["09:00", "10:30", "13:00", "14:30"]);
    expect(starts(slots)).toEqual([
      "2026-01-12T08:00:00.000Z",
      "2026-01-12T09:30:00.000Z",
      "2026-01-12T12:00:00.000Z",
      "2026-01-12T13:30:00.000Z",
    ]);
  });

  it("merges the grids of overlapping intervals without duplicates", () => {
    const slots = computeSlots(
      input({
        weeklyHours: [
          { weekday: 1, start: "09:00", end: "11:00" },
          { weekday: 1, start: "10:00", end: "11:30" },
        ],
        from: "2026-01-12",
        to: "2026-01-12",
      }),
    );
    expect(localTimes(slots, "Europe/Paris")).toEqual(["09:00", "10:00"]);
  });

  it("accepts database times with seconds and 24:00 as the end of the day", () => {
    const slots = computeSlots(
      input({ weeklyHours: [{ weekday: 1, start: "22:00:00", end: "24:00" }], from: "2026-01-12", to: "2026-01-12" }),
    );
    expect(starts(slots)).toEqual(["2026-01-12T21:00:00.000Z", "2026-01-12T22:00:00.000Z"]);
  });

  it("refuses a non-positive duration instead of looping", () => {
    expect(() => computeSlots(input({ weeklyHours: weekdays("09:00", "12:00"), durationMinutes: 0 }))).toThrow(RangeError);
  });
});

describe("computeSlots: closed dates", () => {
  it("removes the whole local date and nothing else", () => {
    const slots = computeSlots(
      input({ weeklyHours: weekdays("09:00", "11:00"), closedDates: ["2026-01-14"], from: "2026-01-13", to: "2026-01-15" }),
    );
    expect(starts(slots)).toEqual([
      "2026-01-13T08:00:00.000Z",
      "2026-01-13T09:00:00.000Z",
      "2026-01-15T08:00:00.000Z",
      "2026-01-15T09:00:00.000Z",
    ]);
  });

  it("reads the closed date in the provider's zone, not in UTC (Auckland is UTC+13 in January)", () => {
    const slots = computeSlots(
      input({
        timezone: "Pacific/Auckland",
        weeklyHours: everyDay("09:00", "10:00"),
        closedDates: ["2026-01-14"],
        from: "2026-01-13",
        to: "2026-01-15",
      }),
    );
    // 09:00 on the 13th, 15th in Auckland are 20:00 UTC the day before.
    expect(starts(slots)).toEqual(["2026-01-12T20:00:00.000Z", "2026-01-14T20:00:00.000Z"]);
  });
});

describe("computeSlots: busy ranges", () => {
  const tz = "Europe/Paris";
  const base = input({ weeklyHours: weekdays("09:00", "17:00"), from: "2026-01-12", to: "2026-01-12" });

  it("blocks overlapping slots but allows back-to-back bookings (half-open ranges)", () => {
    const slots = computeSlots({
      ...base,
      busy: [
        { start: d("2026-01-12T14:00:00Z"), end: d("2026-01-12T15:00:00Z") }, // 15:00–16:00 nested pair, unsorted
        { start: d("2026-01-12T09:00:00Z"), end: d("2026-01-12T10:00:00Z") }, // exactly 10:00–11:00
        { start: d("2026-01-12T14:10:00Z"), end: d("2026-01-12T14:20:00Z") },
        { start: d("2026-01-12T11:30:00Z"), end: d("2026-01-12T11:45:00Z") }, // inside 12:00–13:00
        { start: d("2026-01-12T12:59:00Z"), end: d("2026-01-12T13:01:00Z") }, // straddles 14:00
        { start: d("2026-01-13T08:00:00Z"), end: d("2026-01-13T16:00:00Z") }, // another day
        { start: d("2026-01-12T08:30:00Z"), end: d("2026-01-12T08:30:00Z") }, // empty: blocks nothing
      ],
    });
    expect(localTimes(slots, tz)).toEqual(["09:00", "11:00", "16:00"]);
    expect(starts(slots)).toEqual(["2026-01-12T08:00:00.000Z", "2026-01-12T10:00:00.000Z", "2026-01-12T15:00:00.000Z"]);
  });

  it("matches a brute-force overlap check on many random appointments", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const origin = d("2026-01-12T00:00:00Z").getTime();
    const busy = Array.from({ length: 120 }, () => {
      const start = origin + Math.floor(random() * 14 * 24 * 4) * 15 * MIN + Math.floor(random() * 3) * 5 * MIN;
      return { start: new Date(start), end: new Date(start + (1 + Math.floor(random() * 8)) * 15 * MIN) };
    });
    const hours = [...everyDay("08:00", "12:00"), ...everyDay("13:00", "18:30")];
    const common = { weeklyHours: hours, durationMinutes: 30, from: "2026-01-12", to: "2026-01-25" };
    const free = computeSlots(input(common));
    const expected = free.filter((s) => !busy.some((b) => b.start < s.end && b.end > s.start));
    const actual = computeSlots(input({ ...common, busy }));
    expect(expected.length).toBeGreaterThan(50);
    expect(expected.length).toBeLessThan(free.length);
    expect(starts(actual)).toEqual(starts(expected));
  });
});

describe("computeSlots: minimum notice, horizon, from/to", () => {
  const hours = weekdays("09:00", "12:00");

  it("drops slots starting sooner than the minimum notice and stays on the grid", () => {
    // Monday 09:10 in Paris, 60 minutes' notice → nothing before 10:10.
    const now = d("2026-01-12T08:10:00Z");
    const hourly = computeSlots(input({ weeklyHours: hours, now, minNoticeMinutes: 60, to: "2026-01-12" }));
    expect(starts(hourly)).toEqual(["2026-01-12T10:00:00.000Z"]);
    const quarterly = computeSlots(input({ weeklyHours: hours, now, minNoticeMinutes: 60, durationMinutes: 45, to: "2026-01-12" }));
    expect(localTimes(quarterly, "Europe/Paris")).toEqual(["10:30", "11:15"]);
  });

  it("keeps a slot starting exactly at now + notice", () => {
    const slots = computeSlots(input({ weeklyHours: hours, now: d("2026-01-12T08:00:00Z"), minNoticeMinutes: 60, to: "2026-01-12" }));
    expect(starts(slots)).toEqual(["2026-01-12T09:00:00.000Z", "2026-01-12T10:00:00.000Z"]);
  });

  it("offers days up to today + horizonDays, counted in the provider's zone", () => {
    // 12:00 UTC on the 12th is already 01:00 on the 13th in Auckland.
    const slots = computeSlots(
      input({ timezone: "Pacific/Auckland", weeklyHours: everyDay("09:00", "10:00"), now: d("2026-01-12T12:00:00Z"), horizonDays: 1 }),
    );
    // Today there is the 13th: its 09:00 (2026-01-12T20:00Z) and the 14th's; not the 15th's.
    expect(starts(slots)).toEqual(["2026-01-12T20:00:00.000Z", "2026-01-13T20:00:00.000Z"]);
    const withToday = computeSlots(
      input({ timezone: "Pacific/Auckland", weeklyHours: everyDay("09:00", "10:00"), now: d("2026-01-12T12:00:00Z"), horizonDays: 0 }),
    );
    expect(starts(withToday)).toEqual(["2026-01-12T20:00:00.000Z"]);
  });

  it("limits the days computed to from/to, clamped to today and the horizon", () => {
    const now = d("2026-01-12T06:00:00Z");
    const week = computeSlots(input({ weeklyHours: weekdays("09:00", "10:00"), now, horizonDays: 3, from: "2026-01-13", to: "2026-01-30" }));
    expect(starts(week)).toEqual(["2026-01-13T08:00:00.000Z", "2026-01-14T08:00:00.000Z", "2026-01-15T08:00:00.000Z"]);
    const past = computeSlots(input({ weeklyHours: weekdays("09:00", "10:00"), now, from: "2026-01-01", to: "2026-01-12" }));
    expect(starts(past)).toEqual(["2026-01-12T08:00:00.000Z"]);
    expect(computeSlots(input({ weeklyHours: hours, from: "2026-01-14", to: "2026-01-13" }))).toEqual([]);
  });

  it("rejects a malformed from/to date", () => {
    expect(() => computeSlots(input({ weeklyHours: hours, from: "2026-02-30" }))).toThrow(RangeError);
  });
});

describe("computeSlots across DST changes", () => {
  const ny = "America/New_York";
  const london = "Europe/London";
  const day = (tz: string, date: string, start: string, end: string, durationMinutes = 60) =>
    computeSlots(input({ timezone: tz, weeklyHours: [{ weekday: 7, start, end }], durationMinutes, from: date, to: date }));

  it("New York spring forward (2026-03-08): 01:00–04:00 is two real hours", () => {
    const slots = day(ny, "2026-03-08", "01:00", "04:00");
    expect(starts(slots)).toEqual(["2026-03-08T06:00:00.000Z", "2026-03-08T07:00:00.000Z"]);
    expect(localTimes(slots, ny)).toEqual(["01:00", "03:00"]);
    const halfHours = day(ny, "2026-03-08", "01:00", "04:00", 30);
    expect(localTimes(halfHours, ny)).toEqual(["01:00", "01:30", "03:00", "03:30"]);
  });

  it("New York spring forward: an interval starting in the skipped hour starts after it", () => {
    // 02:30 does not exist that night; "compatible" reads it as 03:30 EDT.
    expect(starts(day(ny, "2026-03-08", "02:30", "05:00"))).toEqual(["2026-03-08T07:30:00.000Z"]);
  });

  it("New York fall back (2026-11-01): 01:00–04:00 is four real hours and 01:00 comes twice", () => {
    const slots = day(ny, "2026-11-01", "01:00", "04:00");
    expect(starts(slots)).toEqual([
      "2026-11-01T05:00:00.000Z", // 01:00 EDT
      "2026-11-01T06:00:00.000Z", // 01:00 EST
      "2026-11-01T07:00:00.000Z",
      "2026-11-01T08:00:00.000Z",
    ]);
    expect(localTimes(slots, ny)).toEqual(["01:00", "01:00", "02:00", "03:00"]);
  });

  it("New York: ordinary 09:00–17:00 hours keep their local grid on both change days", () => {
    const hourly = (date: string, utcFirst: number) =>
      Array.from({ length: 8 }, (_, i) => `${date}T${String(utcFirst + i).padStart(2, "0")}:00:00.000Z`);
    const march1 = day(ny, "2026-03-01", "09:00", "17:00");
    const march8 = day(ny, "2026-03-08", "09:00", "17:00");
    const nov1 = day(ny, "2026-11-01", "09:00", "17:00");
    expect(starts(march1)).toEqual(hourly("2026-03-01", 14)); // EST, UTC−5
    expect(starts(march8)).toEqual(hourly("2026-03-08", 13)); // EDT, UTC−4
    expect(starts(nov1)).toEqual(hourly("2026-11-01", 14)); // EST again
    const nineToFour = ["09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00"];
    for (const slots of [march1, march8, nov1]) expect(localTimes(slots, ny)).toEqual(nineToFour);
  });

  it("London spring forward (2026-03-29): 00:30–03:00 is 1.5 real hours", () => {
    const slots = day(london, "2026-03-29", "00:30", "03:00", 30);
    expect(starts(slots)).toEqual(["2026-03-29T00:30:00.000Z", "2026-03-29T01:00:00.000Z", "2026-03-29T01:30:00.000Z"]);
    expect(localTimes(slots, london)).toEqual(["00:30", "02:00", "02:30"]);
    expect(starts(day(london, "2026-03-29", "09:00", "11:00"))).toEqual(["2026-03-29T08:00:00.000Z", "2026-03-29T09:00:00.000Z"]);
  });

  it("London fall back (2026-10-25): 00:30–03:00 is 3.5 real hours, starting the evening before in UTC", () => {
    const slots = day(london, "2026-10-25", "00:30", "03:00");
    expect(starts(slots)).toEqual(["2026-10-24T23:30:00.000Z", "2026-10-25T00:30:00.000Z", "2026-10-25T01:30:00.000Z"]);
    expect(localTimes(slots, london)).toEqual(["00:30", "01:30", "01:30"]);
    expect(starts(day(london, "2026-10-25", "09:00", "11:00"))).toEqual(["2026-10-25T09:00:00.000Z", "2026-10-25T10:00:00.000Z"]);
  });
});

describe("computeSlots in half- and quarter-hour zones", () => {
  it("Asia/Kolkata (UTC+05:30)", () => {
    const slots = computeSlots(
      input({ timezone: "Asia/Kolkata", weeklyHours: weekdays("09:00", "11:00"), durationMinutes: 30, from: "2026-01-12", to: "2026-01-12" }),
    );
    expect(starts(slots)).toEqual([
      "2026-01-12T03:30:00.000Z",
      "2026-01-12T04:00:00.000Z",
      "2026-01-12T04:30:00.000Z",
      "2026-01-12T05:00:00.000Z",
    ]);
  });

  it("Asia/Kathmandu (UTC+05:45), where local today starts 5:45 before UTC's", () => {
    // 18:20 UTC on the 11th is 00:05 on Monday the 12th in Kathmandu.
    const slots = computeSlots(
      input({
        timezone: "Asia/Kathmandu",
        weeklyHours: everyDay("09:00", "10:00"),
        durationMinutes: 15,
        now: d("2026-01-11T18:20:00Z"),
        horizonDays: 0,
      }),
    );
    expect(starts(slots)).toEqual([
      "2026-01-12T03:15:00.000Z",
      "2026-01-12T03:30:00.000Z",
      "2026-01-12T03:45:00.000Z",
      "2026-01-12T04:00:00.000Z",
    ]);
  });
});

describe("isBookableSlot", () => {
  const base = input({
    weeklyHours: [...weekdays("09:00", "12:00"), ...weekdays("13:00", "17:00")],
    durationMinutes: 45,
    minNoticeMinutes: 120,
    horizonDays: 14,
    now: d("2026-01-12T07:00:00Z"), // Monday 08:00 Paris
    closedDates: ["2026-01-14"],
    busy: [{ start: d("2026-01-13T12:00:00Z"), end: d("2026-01-13T13:00:00Z") }], // Tue 13:00–14:00 Paris
  });

  it("accepts starts on the grid of either interval", () => {
    expect(isBookableSlot(base, d("2026-01-12T10:15:00Z"))).toBe(true); // Mon 11:15–12:00, the last of the morning
    expect(isBookableSlot(base, d("2026-01-13T08:45:00Z"))).toBe(true); // Tue 09:45
    expect(isBookableSlot(base, d("2026-01-13T14:15:00Z"))).toBe(true); // Tue 15:15, second interval's grid
  });

  it("rejects off-grid, past, too-soon, outside-hours, busy, closed and beyond-horizon starts", () => {
    expect(isBookableSlot(base, d("2026-01-13T08:15:00Z"))).toBe(false); // 09:15: off the 45-min grid
    expect(isBookableSlot(base, d("2026-01-13T12:00:00Z"))).toBe(false); // 13:00: busy
    expect(isBookableSlot(base, d("2026-01-13T12:45:00Z"))).toBe(false); // 13:45: overlaps the busy end
    expect(isBookableSlot(base, d("2026-01-13T11:00:00Z"))).toBe(false); // 12:00: on the step but would end 12:45, after closing
    expect(isBookableSlot(base, d("2026-01-13T17:00:00Z"))).toBe(false); // 18:00: after closing
    expect(isBookableSlot(base, d("2026-01-17T08:00:00Z"))).toBe(false); // Saturday: no hours
    expect(isBookableSlot(base, d("2026-01-11T08:00:00Z"))).toBe(false); // yesterday
    expect(isBookableSlot(base, d("2026-01-12T08:00:00Z"))).toBe(false); // 09:00 today: inside the 2 h notice
    expect(isBookableSlot(base, d("2026-01-14T08:00:00Z"))).toBe(false); // closed date
    expect(isBookableSlot(base, d("2026-01-27T08:00:00Z"))).toBe(false); // 15 days ahead
    expect(isBookableSlot(base, new Date(Number.NaN))).toBe(false);
  });

  it("agrees with computeSlots on every quarter hour of two weeks", () => {
    const listed = new Set(starts(computeSlots(base)));
    expect(listed.size).toBeGreaterThan(80);
    const from = d("2026-01-11T00:00:00Z").getTime();
    for (let t = from; t < from + 16 * 24 * 60 * MIN; t += 15 * MIN) {
      const start = new Date(t);
      expect(isBookableSlot(base, start), start.toISOString()).toBe(listed.has(start.toISOString()));
    }
  });

  it("accepts the second 01:00 of a New York fall-back night", () => {
    const ny = input({ timezone: "America/New_York", weeklyHours: [{ weekday: 7, start: "01:00", end: "04:00" }] });
    expect(isBookableSlot(ny, d("2026-11-01T05:00:00Z"))).toBe(true);
    expect(isBookableSlot(ny, d("2026-11-01T06:00:00Z"))).toBe(true);
    expect(isBookableSlot(ny, d("2026-11-01T09:00:00Z"))).toBe(false);
  });
});

describe("computeSlots: scheduling rules", () => {
  // Monday 5 January 2026 in Paris (UTC+1), open 09:00–11:00.
  const day = { from: "2026-01-05", to: "2026-01-05", weeklyHours: weekdays("09:00", "11:00") };
  const times = (i: Partial<SlotInput>) => localTimes(computeSlots(input({ ...day, ...i })), "Europe/Paris");

  it("steps by the slot interval, not the duration, and keeps each slot inside the hours", () => {
    expect(times({ durationMinutes: 45 })).toEqual(["09:00", "09:45"]);
    expect(times({ durationMinutes: 45, intervalMinutes: 15 })).toEqual(["09:00", "09:15", "09:30", "09:45", "10:00", "10:15"]);
    expect(times({ durationMinutes: 45, intervalMinutes: 30 })).toEqual(["09:00", "09:30", "10:00"]);
    expect(times({ durationMinutes: 45, intervalMinutes: 0 })).toEqual(["09:00", "09:45"]);
  });

  it("keeps the buffers of both sides free around a busy range", () => {
    // An appointment 10:00–10:30 whose own buffer after is 15 minutes: busy 10:00–10:45.
    const busy = [{ start: d("2026-01-05T09:00:00Z"), end: d("2026-01-05T09:45:00Z") }];
    expect(times({ durationMinutes: 30, intervalMinutes: 15, busy })).toEqual(["09:00", "09:15", "09:30"]);
    // The new one needs 15 minutes before and after it too.
    expect(times({ durationMinutes: 30, intervalMinutes: 15, busy, bufferBeforeMinutes: 15, bufferAfterMinutes: 15 })).toEqual([
      "09:00",
      "09:15",
    ]);
    const start = d("2026-01-05T08:30:00Z"); // 09:30
    expect(isBookableSlot(input({ ...day, durationMinutes: 30, intervalMinutes: 15, busy }), start)).toBe(true);
    expect(isBookableSlot(input({ ...day, durationMinutes: 30, intervalMinutes: 15, busy, bufferAfterMinutes: 15 }), start)).toBe(false);
  });

  it("closes a day that already holds the daily cap of appointments", () => {
    const appointmentStarts = [d("2026-01-05T08:00:00Z"), d("2026-01-06T08:00:00Z")];
    expect(times({ durationMinutes: 60, dailyCap: 2, appointmentStarts })).toEqual(["09:00", "10:00"]);
    expect(times({ durationMinutes: 60, dailyCap: 1, appointmentStarts })).toEqual([]);
    expect(isBookableSlot(input({ ...day, durationMinutes: 60, dailyCap: 1, appointmentStarts }), d("2026-01-05T09:00:00Z"))).toBe(false);
    expect(times({ durationMinutes: 60, dailyCap: 0, appointmentStarts })).toEqual(["09:00", "10:00"]);
  });
});
