import { describe, expect, it } from "vitest";
import { formatLocalDate, formatSlotDateTime, formatSlotTime, groupSlotsByDate, timeZoneOptions, weekdayName, zoneLabel } from "./format";

// ICU separates "9:00" and "AM" with a narrow no-break space; compare with plain spaces.
const plain = (s: string) => s.replace(/\s/g, " ");

describe("formatting on the provider's clock", () => {
  it("formats slot times in the provider's zone, with the zone name when asked", () => {
    expect(plain(formatSlotTime(new Date("2026-01-12T03:30:00Z"), "Asia/Kolkata"))).toBe("9:00 AM");
    expect(formatSlotTime(new Date("2026-01-12T13:30:00Z"), "Asia/Kolkata", "en-GB")).toBe("19:00");
    // The two 01:00s of New York's fall-back night.
    expect(plain(formatSlotTime(new Date("2026-11-01T05:00:00Z"), "America/New_York", "en-US", { withZone: true }))).toBe("1:00 AM EDT");
    expect(plain(formatSlotTime(new Date("2026-11-01T06:00:00Z"), "America/New_York", "en-US", { withZone: true }))).toBe("1:00 AM EST");
    expect(plain(formatSlotDateTime(new Date("2026-03-08T07:00:00Z"), "America/New_York"))).toBe("Sun, Mar 8, 2026, 3:00 AM EDT");
  });

  it("labels zones with their current short name", () => {
    expect(zoneLabel("Europe/London", new Date("2026-01-15T12:00:00Z"))).toBe("Europe/London (GMT)");
    expect(zoneLabel("America/New_York", new Date("2026-07-15T12:00:00Z"))).toBe("America/New_York (EDT)");
    expect(zoneLabel("Asia/Kolkata", new Date("2026-07-15T12:00:00Z"))).toBe("Asia/Kolkata (GMT+5:30)");
  });

  it("names weekdays and local dates without shifting them through the server's zone", () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((w) => weekdayName(w, "en-US", "short"))).toEqual(["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]);
    expect(weekdayName(7)).toBe("Sunday");
    expect(formatLocalDate("2026-03-08")).toBe("Sunday, March 8");
    expect(formatLocalDate("2026-01-01", "en-US", "short")).toBe("Thu, Jan 1");
  });

  it("groups slots by their local date, not their UTC date", () => {
    const slots = ["2026-10-24T22:30:00Z", "2026-10-24T23:30:00Z", "2026-10-25T09:00:00Z", "2026-10-26T09:00:00Z"].map((s) => ({
      start: new Date(s),
    }));
    const groups = groupSlotsByDate(slots, "Europe/London");
    expect(groups.map((g) => [g.date, g.slots.map((s) => s.start.toISOString())])).toEqual([
      ["2026-10-24", ["2026-10-24T22:30:00.000Z"]],
      ["2026-10-25", ["2026-10-24T23:30:00.000Z", "2026-10-25T09:00:00.000Z"]],
      ["2026-10-26", ["2026-10-26T09:00:00.000Z"]],
    ]);
  });

  it("offers current zone names and UTC among the time-zone choices", () => {
    const zones = timeZoneOptions();
    expect(zones).toEqual(expect.arrayContaining(["UTC", "Asia/Kathmandu", "Asia/Kolkata", "Europe/Kyiv", "America/New_York"]));
    expect(zones).not.toContain("Asia/Calcutta");
    expect(new Set(zones).size).toBe(zones.length);
  });
});
