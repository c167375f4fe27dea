import { describe, expect, it } from "vitest";
import { zonedDateTimeToInstant } from "@/lib/availability";
import { computeStaffSlots, expandDateRanges, fairOrder, intersectWeekly, type BusinessRules, type StaffResource } from "./staff-resources";

const ZONE = "America/New_York";
const at = (date: string, time: string) => zonedDateTimeToInstant(date, time, ZONE);
// 2030-03-04 is a Monday.
const rules: BusinessRules = {
  timezone: ZONE,
  weeklyHours: [
    { weekday: 1, start: "08:00", end: "12:00" },
    { weekday: 1, start: "13:00", end: "18:00" },
    { weekday: 2, start: "08:00", end: "18:00" },
  ],
  closedDates: [],
  durationMinutes: 60,
  minNoticeMinutes: 0,
  horizonDays: 60,
  now: at("2030-03-03", "12:00"),
  from: "2030-03-04",
  to: "2030-03-05",
};
const member = (id: string, displayOrder: number, extra: Partial<StaffResource> = {}): StaffResource => ({
  id,
  displayOrder,
  weeklyHours: [
    { weekday: 1, start: "10:00", end: "15:00" },
    { weekday: 2, start: "10:00", end: "12:00" },
  ],
  timeOff: [],
  busy: [],
  ...extra,
});
const times = (slots: { start: Date }[]) => slots.map((s) => s.start.toISOString());

describe("staff as bookable resources", () => {
  it("intersects a member's hours with the business's, per weekday", () => {
    expect(intersectWeekly(member("a", 0).weeklyHours, rules.weeklyHours)).toEqual([
      { weekday: 1, start: "10:00", end: "12:00" },
      { weekday: 1, start: "13:00", end: "15:00" },
      { weekday: 2, start: "10:00", end: "12:00" },
    ]);
  });

  it("expands time-off ranges inside the window", () => {
    expect(expandDateRanges([{ startDate: "2030-02-27", endDate: "2030-03-02" }], "2030-03-01", "2030-03-10").sort()).toEqual(["2030-03-01", "2030-03-02"]);
  });

  it("offers a member's time inside opening hours, minus their appointments and time off", () => {
    const busy = [{ start: at("2030-03-04", "10:00"), end: at("2030-03-04", "11:00") }];
    const a = member("a", 0, { busy, timeOff: [{ startDate: "2030-03-05", endDate: "2030-03-05" }] });
    expect(times(computeStaffSlots(rules, [a]))).toEqual(
      [at("2030-03-04", "11:00"), at("2030-03-04", "13:00"), at("2030-03-04", "14:00")].map((d) => d.toISOString()),
    );
  });

  it("for any available, offers a slot while one member is free and names who is", () => {
    const a = member("a", 0, { busy: [{ start: at("2030-03-04", "10:00"), end: at("2030-03-04", "11:00") }] });
    const b = member("b", 1, { weeklyHours: [{ weekday: 1, start: "10:00", end: "11:00" }] });
    const slots = computeStaffSlots({ ...rules, to: "2030-03-04" }, [b, a]);
    expect(slots.map((s) => [s.start.toISOString(), s.staffIds])).toEqual([
      [at("2030-03-04", "10:00").toISOString(), ["b"]],
      [at("2030-03-04", "11:00").toISOString(), ["a"]],
      [at("2030-03-04", "13:00").toISOString(), ["a"]],
      [at("2030-03-04", "14:00").toISOString(), ["a"]],
    ]);
    const both = computeStaffSlots({ ...rules, to: "2030-03-04" }, [a, member("c", 2)]);
    expect(both.find((s) => s.start.getTime() === at("2030-03-04", "11:00").getTime())?.staffIds).toEqual(["a", "c"]);
  });

  it("orders candidates by fewest appointments that day, then display order", () => {
    const start = at("2030-03-04", "15:00");
    const busyDay = [{ start: at("2030-03-04", "09:00") }];
    const otherDay = [{ start: at("2030-03-05", "09:00") }, { start: at("2030-03-05", "10:00") }];
    expect(
      fairOrder(
        [
          { id: "first-but-busy", displayOrder: 0, busy: busyDay },
          { id: "second", displayOrder: 1, busy: otherDay },
          { id: "third", displayOrder: 2, busy: [] },
        ],
        start,
        ZONE,
      ),
    ).toEqual(["second", "third", "first-but-busy"]);
  });
});
