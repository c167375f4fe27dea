import { describe, expect, it } from "vitest";
import type { BookingMailContext } from "@/lib/booking/read";
import { bookingConfirmationMail, reminderMail, rescheduleClientMail } from "./mail-texts";

// Tuesday 10 March 2026, 09:30 in London; the business's window is 48 hours.
const c: BookingMailContext = {
  providerName: "Bloom Hair Studio",
  providerPhone: "+44 20 7946 0000",
  providerAddress: "12 Market Street, London",
  providerEmail: "hello@bloom.example",
  timezone: "Europe/London",
  serviceName: "Haircut",
  clientName: "Jane",
  clientEmail: "jane@example.com",
  clientPhone: "",
  notes: "",
  start: new Date("2026-03-10T09:30:00Z"),
  end: new Date("2026-03-10T10:00:00Z"),
  cancellationWindowHours: 48,
};
const link = "https://slotbook.example/bookings/abc";

describe("mails that offer changes state the cancellation window", () => {
  it("before the window closes: until when, then the link", () => {
    const { text } = bookingConfirmationMail(c, { manageUrl: link, now: new Date("2026-03-05T12:00:00Z") });
    expect(text).toContain("Free to cancel or change until Sunday 8 March 09:30 — 48 hours before.\nTo cancel or reschedule, use this private link");
    expect(text).toContain(link);
  });

  it("inside the window: call the business, no link that would only say no", () => {
    // Booked the evening before: already inside the 48 hours.
    const confirmation = bookingConfirmationMail(c, { manageUrl: link, now: new Date("2026-03-09T18:00:00Z") }).text;
    expect(confirmation).toContain(
      "It can no longer be cancelled or changed online (the limit is 48 hours before). To cancel or change it, call Bloom Hair Studio on +44 20 7946 0000.",
    );
    expect(confirmation).not.toContain("To cancel or reschedule");

    const reminder = reminderMail(c, { link, now: new Date("2026-03-09T09:30:00Z") }).text;
    expect(reminder).toContain("call Bloom Hair Studio on +44 20 7946 0000");
    expect(reminder).not.toContain(link);
    expect(reminder).not.toContain("To cancel or reschedule");

    const moved = rescheduleClientMail(c, { by: "provider", oldStart: c.start, oldEnd: c.end, manageUrl: link, now: new Date("2026-03-09T09:30:00Z") }).text;
    expect(moved).not.toContain("To cancel or reschedule");
    expect(moved).toContain("call Bloom Hair Studio");
  });

  it("a reminder sent before a short window closes still offers the link, with the deadline", () => {
    const reminder = reminderMail({ ...c, cancellationWindowHours: 12 }, { link, now: new Date("2026-03-09T09:30:00Z") }).text;
    expect(reminder).toContain("Free to cancel or change until Monday 9 March 21:30 — 12 hours before.");
    expect(reminder).toContain(`To cancel or reschedule: ${link}`);
  });
});
