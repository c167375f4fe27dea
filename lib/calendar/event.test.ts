import { describe, expect, it } from "vitest";
import { buildEvent } from "./event";
import { base32hex, eventIdFor, isValidEventId } from "./event-id";

describe("event ids", () => {
  it("encode base32hex per RFC 4648", () => {
    expect(base32hex(Buffer.from("f"))).toBe("co");
    expect(base32hex(Buffer.from("foobar"))).toBe("cpnmuoj1e8");
  });
  it("derive a stable, valid id from the appointment id", () => {
    const id = eventIdFor("3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b");
    expect(id).toBe(eventIdFor("3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b"));
    expect(isValidEventId(id)).toBe(true);
    expect(id).not.toBe(eventIdFor("3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5c"));
  });
});

describe("buildEvent", () => {
  const base = {
    appointmentId: "3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b",
    status: "confirmed" as const,
    startsAt: new Date("2026-03-29T00:30:00Z"),
    endsAt: new Date("2026-03-29T01:30:00Z"),
    timezone: "Europe/London",
    serviceName: "Massage",
    clientName: "Ana Pérez",
    clientEmail: "ana@example.com",
    clientPhone: "+44 20 7946 0958",
    notes: "Left shoulder",
    staffName: "Sam",
    businessName: "Northside",
  };
  it("says service and client, the details, in the provider's zone, with reminders and the appointment id", () => {
    const ev = buildEvent(base);
    expect(ev.summary).toBe("Massage – Ana Pérez");
    expect(ev.description).toContain("Phone: +44 20 7946 0958");
    expect(ev.description).toContain("Staff: Sam");
    expect(ev.description).toContain("Notes: Left shoulder");
    expect(ev.start).toEqual({ dateTime: "2026-03-29T00:30:00.000Z", timeZone: "Europe/London" });
    expect(ev.reminders?.overrides).toEqual([
      { method: "email", minutes: 1440 },
      { method: "popup", minutes: 60 },
    ]);
    expect(ev.extendedProperties?.private).toEqual({ slotbookAppointmentId: base.appointmentId });
  });
  it("marks a booking request as tentative", () => {
    const ev = buildEvent({ ...base, status: "pending", staffName: null, notes: "" });
    expect(ev.status).toBe("tentative");
    expect(ev.summary).toBe("Request: Massage – Ana Pérez");
    expect(ev.description).not.toContain("Staff:");
    expect(ev.description).not.toContain("Notes:");
  });
});
