import { describe, expect, it } from "vitest";
import { isSelectableTimeZone, timeZoneOptions, weekdayName, zoneLabel } from "./time";

describe("time primitives", () => {
  it("labels zones with their current short name", () => {
    expect(zoneLabel("Europe/London", new Date("2026-01-15T12:00:00Z"))).toBe("Europe/London (GMT)");
    expect(zoneLabel("America/New_York", new Date("2026-07-15T12:00:00Z"))).toBe("America/New_York (EDT)");
    expect(zoneLabel("Asia/Kolkata", new Date("2026-07-15T12:00:00Z"))).toBe("Asia/Kolkata (GMT+5:30)");
  });

  it("names ISO weekdays, Monday first", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(weekdayName)).toEqual(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]);
  });

  it("offers current zone names and UTC among the time-zone choices, once each", () => {
    const zones = timeZoneOptions();
    expect(zones).toEqual(expect.arrayContaining(["UTC", "Asia/Kathmandu", "Asia/Kolkata", "Europe/Kyiv", "America/New_York"]));
    expect(zones).not.toContain("Asia/Calcutta");
    expect(new Set(zones).size).toBe(zones.length);
    expect(isSelectableTimeZone("Asia/Calcutta")).toBe(false);
    expect(isSelectableTimeZone("Asia/Calcutta", "Asia/Calcutta")).toBe(true);
    expect(isSelectableTimeZone("Mars/Olympus", "Mars/Olympus")).toBe(false);
  });
});
