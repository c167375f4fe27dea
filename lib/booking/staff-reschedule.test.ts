import { beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { addStaffMember, at, createUser, guestContact } from "@/test/fixtures";
import { appointmentChanges, appointments, mailMessages, staffAvailability, staffServices } from "@/db/schema";
import { countWrites, testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { createBooking } from "./create";
import { rescheduleAppointment } from "./manage";
import { rescheduleScope } from "./picker-slots";
import { listSlots } from "./slots";

// Monday 2 March 2026, 08:00 in Berlin. Ana works Wednesdays 09:00–12:00, Ben 13:00–17:00.
const NOW = new Date("2026-03-02T07:00:00Z");
const WED = "2026-03-04";

describe.each(testDrivers())("rescheduling a staff booking on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { plan: "pro", provider: { guestBookingLimit: 20 } });
  let ana: string;
  let ben: string;
  beforeAll(async () => {
    const member = async (name: string, start: string, end: string, displayOrder: number) => {
      const { staff } = await addStaffMember(t.db, f.provider.id, { name, displayOrder });
      await t.db.insert(staffServices).values({ staffId: staff.id, serviceId: f.service.id });
      await t.db.insert(staffAvailability).values([1, 2, 3, 4, 5].map((weekday) => ({ staffId: staff.id, weekday, startTime: start, endTime: end })));
      return staff.id;
    };
    ana = await member("Ana", "09:00", "12:00", 0);
    ben = await member("Ben", "13:00", "17:00", 1);
  });

  const book = (start: Date, staffId?: string, extra: { by?: "guest" | "client"; clientUserId?: string; email?: string } = {}) =>
    createBooking(
      t.db,
      { providerId: f.provider.id, serviceId: f.service.id, staffId, start, ...guestContact, email: extra.email ?? guestContact.email, by: extra.by ?? "guest", clientUserId: extra.clientUserId },
      NOW,
    );
  const changes = (id: string) =>
    t.db.select().from(appointmentChanges).where(eq(appointmentChanges.appointmentId, id)).orderBy(asc(appointmentChanges.createdAt));

  it("records how the member was assigned", async () => {
    const any = await book(at(f.provider, WED, "09:00"));
    const chosen = await book(at(f.provider, WED, "13:00"), ben);
    const [a] = await t.db.select().from(appointments).where(eq(appointments.id, any.appointment.id));
    const [b] = await t.db.select().from(appointments).where(eq(appointments.id, chosen.appointment.id));
    expect(a).toMatchObject({ staffId: ana, staffAssignedBy: "any" });
    expect(b).toMatchObject({ staffId: ben, staffAssignedBy: "client" });
  });

  it("an 'any available' booking is offered every qualified member's free times and moves to whoever is free then", async () => {
    const { appointment, manageToken } = await book(at(f.provider, WED, "10:00"));
    expect(appointment.staffId).toBe(ana);
    const view = { id: appointment.id, provider: { id: f.provider.id }, service: { id: f.service.id }, staffId: ana, staffAssignedBy: "any" };
    const scope = rescheduleScope(view);
    expect(scope.staffId).toBeNull();
    const listing = await listSlots(t.db, { ...scope, from: WED, to: WED }, NOW);
    const offered = listing.slots.map((s) => s.start.getTime());
    // Ana's morning and Ben's afternoon (the union), the booking's own 10:00 included.
    expect(offered).toContain(at(f.provider, WED, "10:00").getTime());
    expect(offered).toContain(at(f.provider, WED, "14:00").getTime());

    const moved = await rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token: manageToken }, start: at(f.provider, WED, "14:00") }, NOW);
    expect(moved).toMatchObject({ staffId: ben, staffAssignedBy: "any", startsAt: at(f.provider, WED, "14:00") });
    const [, change] = await changes(appointment.id);
    expect(change).toMatchObject({ kind: "rescheduled", previousStaffId: ana, staffId: ben, previousStartsAt: at(f.provider, WED, "10:00") });
  });

  it("a client's 'any' booking moves in the portal too, to the first free member in fair order", async () => {
    const client = await createUser(t.db, { role: "client", email: `portal-${kind}@example.com`, emailVerifiedAt: new Date() });
    const { appointment } = await book(at(f.provider, "2026-03-05", "14:00"), undefined, { by: "client", clientUserId: client.id, email: client.email });
    expect(appointment.staffId).toBe(ben);
    const moved = await rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "client", userId: client.id }, start: at(f.provider, "2026-03-05", "09:30") }, NOW);
    expect(moved.staffId).toBe(ana);
  });

  it("a booking with a chosen member keeps that member: their times only, and a time outside their hours is refused without a write", async () => {
    const { appointment, manageToken } = await book(at(f.provider, "2026-03-06", "09:00"), ana);
    const view = { id: appointment.id, provider: { id: f.provider.id }, service: { id: f.service.id }, staffId: ana, staffAssignedBy: "client" };
    const listing = await listSlots(t.db, { ...rescheduleScope(view), from: "2026-03-06", to: "2026-03-06" }, NOW);
    expect(listing.slots.every((s) => s.staffIds.length === 1 && s.staffIds[0] === ana)).toBe(true);
    expect(listing.slots.some((s) => s.start.getTime() === at(f.provider, "2026-03-06", "14:00").getTime())).toBe(false);

    const before = await countWrites(t.db);
    await expect(
      rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token: manageToken }, start: at(f.provider, "2026-03-06", "14:00") }, NOW),
    ).rejects.toMatchObject({ code: "OUTSIDE_HOURS" });
    expect(await countWrites(t.db)).toEqual(before);

    const moved = await rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token: manageToken }, start: at(f.provider, "2026-03-06", "11:00") }, NOW);
    expect(moved).toMatchObject({ staffId: ana, startsAt: at(f.provider, "2026-03-06", "11:00") });
    const [, change] = await changes(appointment.id);
    expect(change).toMatchObject({ kind: "rescheduled", previousStaffId: ana, staffId: ana });
  });

  it("an 'any' booking whose new time nobody qualified has free is SLOT_TAKEN and stays put", async () => {
    const day = "2026-03-09";
    await book(at(f.provider, day, "15:00"), ben, { email: "other@example.com" });
    const { appointment, manageToken } = await book(at(f.provider, day, "10:00"));
    await expect(
      rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token: manageToken }, start: at(f.provider, day, "15:00") }, NOW),
    ).rejects.toMatchObject({ code: "SLOT_TAKEN" });
    const [row] = await t.db.select().from(appointments).where(eq(appointments.id, appointment.id));
    expect(row).toMatchObject({ staffId: ana, startsAt: at(f.provider, day, "10:00") });
  });

  it("the provider moves any appointment to a new time and a member they choose; the client is told; a guest cannot choose a member", async () => {
    const day = "2026-03-10";
    const email = `moved-${kind}@example.com`;
    const { appointment, manageToken } = await book(at(f.provider, day, "09:00"), ana, { email });
    const before = await countWrites(t.db);
    // Only the provider picks the member: the guest's attempt is refused before anything is written.
    await expect(
      rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token: manageToken }, start: at(f.provider, day, "14:00"), staffId: ben }, NOW),
    ).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await countWrites(t.db)).toEqual(before);
    // Another provider's id finds nothing.
    await expect(
      rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "provider", providerId: "00000000-0000-4000-8000-000000000000" }, start: at(f.provider, day, "14:00"), staffId: ben }, NOW),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Ana does not work at 14:00, Ben does: the provider moves it to Ben then.
    const moved = await rescheduleAppointment(
      t.db,
      { appointmentId: appointment.id, actor: { kind: "provider", providerId: f.provider.id }, start: at(f.provider, day, "14:00"), staffId: ben },
      NOW,
    );
    expect(moved).toMatchObject({ staffId: ben, staffAssignedBy: "provider", startsAt: at(f.provider, day, "14:00") });
    const [, change] = await changes(appointment.id);
    expect(change).toMatchObject({ kind: "rescheduled", actorKind: "provider", previousStaffId: ana, staffId: ben });
    const told = await t.db.select({ subject: mailMessages.subject }).from(mailMessages).where(eq(mailMessages.to, email));
    expect(told.map((m) => m.subject)).toEqual(expect.arrayContaining([expect.stringMatching(/moved|rescheduled|new time/i)]));
    // A member who does not work then is refused, and the appointment stays.
    await expect(
      rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "provider", providerId: f.provider.id }, start: at(f.provider, day, "16:30"), staffId: ana }, NOW),
    ).rejects.toMatchObject({ code: "OUTSIDE_HOURS" });
    const [row] = await t.db.select().from(appointments).where(eq(appointments.id, appointment.id));
    expect(row).toMatchObject({ staffId: ben, startsAt: at(f.provider, day, "14:00") });
  });
});
