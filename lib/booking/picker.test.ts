import { describe, expect, it } from "vitest";
import { bookingHref, bookingStep, hrefWith, parseBookingParams, parseInstant } from "./picker";

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
