import { describe, expect, it } from "vitest";
import { formatPrice } from "@/lib/provider/money";
import { changePolicy, contactBusiness, formatDayLabel, formatDayParts, formatDuration, formatLongDate, formatWhen } from "./format";

describe("booking formats", () => {
  it("names a day in full, whatever the server's zone", () => {
    expect(formatDayLabel("2025-12-07")).toBe("Sunday 7 December");
    expect(formatDayLabel("2025-12-08")).toBe("Monday 8 December");
    expect(formatLongDate("2026-01-01")).toBe("Thursday 1 January 2026");
    expect(formatDayParts("2025-12-08")).toEqual({ weekday: "Mon", day: "8", month: "Dec" });
  });

  it("writes an appointment's time on the provider's clock", () => {
    const start = new Date("2025-12-07T23:30:00Z");
    const end = new Date("2025-12-08T00:15:00Z");
    expect(formatWhen(start, end, "Europe/London")).toBe("Sunday 7 December 2025, 23:30–Monday 8 December 00:15");
    expect(formatWhen(start, end, "Asia/Kolkata")).toBe("Monday 8 December 2025, 05:00–05:45");
  });

  it("writes durations and prices", () => {
    expect(formatDuration(30)).toBe("30 min");
    expect(formatDuration(60)).toBe("1 h");
    expect(formatDuration(90)).toBe("1 h 30 min");
    expect(formatPrice(0)).toBe("Free");
    expect(formatPrice(1250)).toBe("12.50");
    expect(formatPrice(1250, "GBP")).toBe("£12.50");
    expect(formatPrice(123456, "EUR")).toBe("€1,234.56");
    expect(formatPrice(4000, "USD")).toBe("US$40.00");
    expect(formatPrice(0, "GBP")).toBe("Free");
  });
});

describe("changePolicy", () => {
  // Tuesday 10 March 2026, 09:30 in London (GMT).
  const start = new Date("2026-03-10T09:30:00Z");
  const tz = "Europe/London";
  it("says until when it is free to cancel or change, on the business's clock", () => {
    expect(changePolicy({ start, windowHours: 48, timezone: tz, now: new Date("2026-03-07T12:00:00Z") })).toEqual({
      open: true,
      text: "Free to cancel or change until Sunday 8 March 09:30 — 48 hours before.",
    });
    expect(changePolicy({ start, windowHours: 1, timezone: "Europe/Berlin", now: new Date("2026-03-07T12:00:00Z") }).text).toBe(
      "Free to cancel or change until Tuesday 10 March 09:30 — 1 hour before.",
    );
    expect(changePolicy({ start, windowHours: 0, timezone: tz, now: new Date("2026-03-10T09:00:00Z") }).text).toBe(
      "Free to cancel or change online until it starts.",
    );
  });

  it("says it is too late inside the window, and who to call", () => {
    expect(changePolicy({ start, windowHours: 48, timezone: tz, now: new Date("2026-03-08T09:30:00Z") })).toEqual({
      open: false,
      text: "It can no longer be cancelled or changed online (the limit is 48 hours before).",
    });
    expect(contactBusiness({ businessName: "Bloom", phone: "+44 20 7946 0000", email: "a@b.c" })).toBe(
      "To cancel or change it, call Bloom on +44 20 7946 0000.",
    );
    expect(contactBusiness({ businessName: "Bloom", phone: "", email: "a@b.c" })).toBe("To cancel or change it, contact Bloom at a@b.c.");
  });
});
