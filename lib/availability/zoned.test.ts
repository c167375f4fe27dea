import { describe, expect, it } from "vitest";
import {
  addDays,
  isoWeekday,
  isValidLocalDate,
  isValidTimeZone,
  parseWallTime,
  zonedDate,
  zonedDateTimeToInstant,
  zonedTime,
} from "./zoned";

// Run under TZ=Asia/Kathmandu: none of these may depend on the process's zone.

describe("zonedDate / zonedTime", () => {
  it("reads an instant on the provider's clock, including half- and quarter-hour zones", () => {
    const instant = new Date("2026-01-12T18:40:00Z");
    expect([zonedDate(instant, "UTC"), zonedTime(instant, "UTC")]).toEqual(["2026-01-12", "18:40"]);
    expect([zonedDate(instant, "Asia/Kolkata"), zonedTime(instant, "Asia/Kolkata")]).toEqual(["2026-01-13", "00:10"]);
    expect([zonedDate(instant, "Asia/Kathmandu"), zonedTime(instant, "Asia/Kathmandu")]).toEqual(["2026-01-13", "00:25"]);
    expect([zonedDate(instant, "America/New_York"), zonedTime(instant, "America/New_York")]).toEqual(["2026-01-12", "13:40"]);
  });
});

describe("zonedDateTimeToInstant", () => {
  it("converts wall-clock times to instants in the given zone", () => {
    expect(zonedDateTimeToInstant("2026-01-12", "09:00", "Asia/Kolkata").toISOString()).toBe("2026-01-12T03:30:00.000Z");
    expect(zonedDateTimeToInstant("2026-01-12", "09:00", "Asia/Kathmandu").toISOString()).toBe("2026-01-12T03:15:00.000Z");
    expect(zonedDateTimeToInstant("2026-07-01", "09:00", "Europe/London").toISOString()).toBe("2026-07-01T08:00:00.000Z");
  });

  it("moves a time in the spring-forward gap forward and takes the first of a repeated time", () => {
    expect(zonedDateTimeToInstant("2026-03-08", "02:30", "America/New_York").toISOString()).toBe("2026-03-08T07:30:00.000Z");
    expect(zonedDateTimeToInstant("2026-11-01", "01:30", "America/New_York").toISOString()).toBe("2026-11-01T05:30:00.000Z");
    expect(zonedDateTimeToInstant("2026-03-29", "01:30", "Europe/London").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(zonedDateTimeToInstant("2026-10-25", "01:30", "Europe/London").toISOString()).toBe("2026-10-25T00:30:00.000Z");
  });

  it("round-trips with zonedDate/zonedTime", () => {
    const tz = "Australia/Adelaide"; // +10:30 in January
    const instant = zonedDateTimeToInstant("2026-01-31", "23:45", tz);
    expect(instant.toISOString()).toBe("2026-01-31T13:15:00.000Z");
    expect([zonedDate(instant, tz), zonedTime(instant, tz)]).toEqual(["2026-01-31", "23:45"]);
  });

  it("rejects malformed input", () => {
    expect(() => zonedDateTimeToInstant("2026-1-12", "09:00", "UTC")).toThrow(RangeError);
    expect(() => zonedDateTimeToInstant("2026-01-12", "9:00", "UTC")).toThrow(RangeError);
    expect(() => zonedDateTimeToInstant("2026-01-12", "09:00", "Mars/Olympus")).toThrow(RangeError);
  });
});

describe("small date helpers", () => {
  it("parses wall times strictly", () => {
    expect(parseWallTime("00:00")).toBe(0);
    expect(parseWallTime("17:30")).toBe(1050);
    expect(parseWallTime("17:30:00")).toBe(1050);
    expect(parseWallTime("24:00")).toBe(1440);
    for (const bad of ["24:30", "12:60", "7:00", "12:00:30", "noon", ""]) expect(() => parseWallTime(bad)).toThrow(RangeError);
  });

  it("names ISO weekdays and adds days across month and year ends", () => {
    expect(isoWeekday("2026-01-12")).toBe(1);
    expect(isoWeekday("2026-03-08")).toBe(7);
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });

  it("validates dates and zones", () => {
    expect(isValidLocalDate("2026-02-28")).toBe(true);
    expect(isValidLocalDate("2026-02-29")).toBe(false);
    expect(isValidLocalDate("2026-2-28")).toBe(false);
    expect(isValidTimeZone("Asia/Kathmandu")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
  });
});
