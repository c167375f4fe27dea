import { describe, expect, it } from "vitest";
import { bookingHref, bookingStep, hrefWith, parseBookingParams, parseInstant, pickerTimes, pickerWindow } from "./picker";

const serviceId = "5b0b8a4e-3c5e-4f5e-9a57-6c1c2f0d9b11";

describe("parseBookingParams", () => {
  it("reads each step's choice from the query", () => {
    const p = parseBookingParams({ serviceId, date: "2025-12-07", start: "2025-12-07T09:30:00+00:00" });
    expect(p).toEqual({ serviceId, date: "2025-12-07", start: "2025-12-07T09:30:00.000Z" });
    expect(bookingStep(p)).toBe("details");
    expect(bookingStep({ serviceId, date: "2025-12-07" })).toBe("time");
    expect(bookingStep({ serviceId })).toBe("day");
    expect(bookingStep({})).toBe("service");
  });

  it("drops malformed values instead of failing", () => {
    expect(parseBookingParams({ serviceId, date: "2025-02-30", start: "tomorrow", from: "x" })).toEqual({ serviceId });
    expect(parseBookingParams({ serviceId: "not-a-uuid", date: "2025-12-07" })).toEqual({});
  });

  it("takes the first of repeated parameters", () => {
    expect(parseBookingParams({ serviceId: [serviceId, "x"], date: ["2025-12-07", "2025-12-08"] })).toEqual({
      serviceId,
      date: "2025-12-07",
    });
  });

  it("refuses a start without an offset (a bare local time is ambiguous)", () => {
    expect(parseInstant("2025-12-07T09:30:00")).toBeUndefined();
    expect(parseInstant("2025-12-07T09:30:00+05:45")).toBe("2025-12-07T03:45:00.000Z");
  });
});

describe("bookingHref", () => {
  it("round-trips through the parser", () => {
    const p = { serviceId, from: "2025-12-08", date: "2025-12-09", start: "2025-12-09T10:00:00.000Z" };
    const url = new URL(bookingHref("anna's salon", p), "http://x");
    expect(url.pathname).toBe("/p/anna's%20salon/book");
    expect(parseBookingParams(Object.fromEntries(url.searchParams))).toEqual(p);
  });

  it("leaves out empty choices and adds an anchor", () => {
    expect(hrefWith("/bookings/t", { reschedule: "1", date: undefined, start: null }, "times")).toBe(
      "/bookings/t?reschedule=1#times",
    );
    expect(bookingHref("s", {})).toBe("/p/s/book");
  });
});

describe("slot picker state", () => {
  // 20:00 UTC on 6 December is already 7 December in Kolkata (UTC+5:30): the picker's "today".
  const now = new Date("2025-12-06T20:00:00Z");
  const tz = "Asia/Kolkata";

  it("starts at the provider's today, with no earlier days and a later window", () => {
    const w = pickerWindow(now, tz, 60, {});
    expect(w.today).toBe("2025-12-07");
    expect(w.from).toBeUndefined();
    expect(w.window.days[0]).toBe("2025-12-07");
    expect(w.window.days).toHaveLength(14);
    expect(w.earlierFrom).toBeNull();
    expect(w.laterFrom).toBe("2025-12-14");
    expect(w.date).toBeUndefined();
  });

  it("goes back to today (no `from`) from the second window", () => {
    const w = pickerWindow(now, tz, 60, { from: "2025-12-14" });
    expect(w.from).toBe("2025-12-14");
    expect(w.earlierFrom).toBeUndefined();
  });

  it("shows the chosen day even when a hand-edited `from` would hide it", () => {
    const w = pickerWindow(now, tz, 60, { from: "2025-12-07", date: "2026-01-20" });
    expect(w.window.days).toContain("2026-01-20");
    expect(w.date).toBe("2026-01-20");
  });

  it("takes the day of a chosen start on the provider's clock and stops at the horizon", () => {
    const w = pickerWindow(now, tz, 10, { start: "2025-12-08T19:00:00.000Z" });
    expect(w.date).toBe("2025-12-09");
    expect(w.window.days.at(-1)).toBe("2025-12-17");
    expect(w.laterFrom).toBeNull();
  });

  it("lists the chosen day's times and tells whether the chosen time is still free", () => {
    const slots = [{ start: new Date("2025-12-08T03:30:00Z") }, { start: new Date("2025-12-08T04:30:00Z") }];
    const w = pickerWindow(now, tz, 60, { date: "2025-12-08" });
    const free = pickerTimes(slots, tz, w, "2025-12-08T04:30:00.000Z");
    expect(free.counts).toEqual({ "2025-12-08": 2 });
    expect(free.times.map((t) => t.label)).toEqual(["09:00", "10:00"]);
    expect(free.chosen?.label).toBe("10:00");
    expect(free.gone).toBe(false);
    const taken = pickerTimes(slots.slice(0, 1), tz, w, "2025-12-08T04:30:00.000Z");
    expect(taken.chosen).toBeUndefined();
    expect(taken.gone).toBe(true);
    expect(pickerTimes(slots, tz, pickerWindow(now, tz, 60, {}), undefined).times).toEqual([]);
  });
});
