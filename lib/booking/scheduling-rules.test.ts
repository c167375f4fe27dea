import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { providers, services, staffAvailability, staffServices } from "@/db/schema";
import { zonedTime } from "@/lib/availability";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { addService, addStaffMember, at, createProviderFixture, guestContact, type ProviderFixture } from "@/test/fixtures";
import { createBooking } from "./create";
import { rescheduleAppointment } from "./manage";
import { listSlots } from "./slots";

// Monday 2 March 2026, 09:00 in Berlin. Tuesday 3 March is the day booked.
const NOW = new Date("2026-03-02T08:00:00Z");
const TUE = "2026-03-03";

describe.each(testDrivers())("scheduling rules on %s", (kind) => {
  const t = setUpTestDb(kind);
  const times = (f: ProviderFixture, slots: { start: Date }[]) => slots.map((s) => zonedTime(s.start, f.provider.timezone));
  const open = (opts: Parameters<typeof createProviderFixture>[1] = {}) =>
    createProviderFixture(t.db, { hours: [{ weekday: 2, start: "09:00", end: "12:00" }, { weekday: 3, start: "09:00", end: "12:00" }], ...opts });
  const book = (f: ProviderFixture, serviceId: string, date: string, time: string, staffId?: string) =>
    createBooking(t.db, { providerId: f.provider.id, serviceId, staffId, start: at(f.provider, date, time), ...guestContact, by: "guest" }, NOW);
  const slotsOf = async (f: ProviderFixture, serviceId: string, date = TUE) =>
    times(f, (await listSlots(t.db, { providerId: f.provider.id, serviceId, from: date, to: date }, NOW)).slots);

  it("a business's 30-minute interval and 15-minute buffer shape the slots and the bookings", async () => {
    const f = await open({
      provider: { slotIntervalMinutes: 30, bufferAfterMinutes: 15 },
      service: { name: "Blow-dry", durationMinutes: 45 },
    });
    // Without an interval a 45-minute service would start at 09:00, 09:45, 10:30 …
    expect(await slotsOf(f, f.service.id)).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00"]);

    await book(f, f.service.id, TUE, "09:30"); // 09:30–10:15, kept free until 10:30
    expect(await slotsOf(f, f.service.id)).toEqual(["10:30", "11:00"]);

    // A service of its own with a 15-minute grid: 10:15 does not overlap, but eats the buffer.
    const trim = await addService(t.db, f.provider.id, { name: "Trim", durationMinutes: 15, slotIntervalMinutes: 15, bufferAfterMinutes: 0 });
    expect(await slotsOf(f, trim.id)).toEqual(["09:00", "09:15", "10:30", "10:45", "11:00", "11:15", "11:30", "11:45"]);
    await expect(book(f, trim.id, TUE, "10:15")).rejects.toMatchObject({
      code: "OUTSIDE_HOURS",
      message: "That time is too close to another appointment. Please pick one of the offered times.",
    });
    // The business's grid: 09:45 is no start for a Blow-dry.
    await expect(book(f, f.service.id, TUE, "09:45")).rejects.toMatchObject({ code: "OUTSIDE_HOURS" });
    await expect(book(f, trim.id, TUE, "10:30")).resolves.toBeTruthy();
  });

  it("a service's own notice and booking window win over the business's", async () => {
    const f = await open({ provider: { minNoticeMinutes: 0, bookingHorizonDays: 60 } });
    const soon = await addService(t.db, f.provider.id, { name: "Soon only", bookingHorizonDays: 1 });
    const planned = await addService(t.db, f.provider.id, { name: "Planned", minNoticeMinutes: 3 * 1440 });
    expect(await slotsOf(f, soon.id, TUE)).toHaveLength(6);
    expect(await slotsOf(f, soon.id, "2026-03-04")).toEqual([]);
    await expect(book(f, soon.id, "2026-03-04", "09:00")).rejects.toMatchObject({
      message: "Bookings can be made at most 1 day ahead.",
    });
    expect(await slotsOf(f, planned.id, TUE)).toEqual([]);
    await expect(book(f, planned.id, TUE, "09:00")).rejects.toMatchObject({
      message: "Bookings need at least 3 days notice. Please pick a later time.",
    });
    // The business's default for the others.
    expect(await slotsOf(f, f.service.id, "2026-03-04")).toHaveLength(6);
  });

  it("a daily cap closes the day once reached, but a booking may still move within it", async () => {
    const f = await open({ provider: { dailyCapPerMember: 1 } });
    const { appointment, manageToken } = await book(f, f.service.id, TUE, "09:00");
    expect(await slotsOf(f, f.service.id)).toEqual([]);
    expect(await slotsOf(f, f.service.id, "2026-03-04")).toHaveLength(6);
    await expect(book(f, f.service.id, TUE, "10:00")).rejects.toMatchObject({ message: "That day is fully booked. Please pick another day." });
    const moved = await rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token: manageToken }, start: at(f.provider, TUE, "11:00") }, NOW);
    expect(zonedTime(moved.startsAt, f.provider.timezone)).toBe("11:00");
    // Raising the cap on the service reopens the day for it.
    await t.db.update(services).set({ dailyCapPerMember: 2 }).where(eq(services.id, f.service.id));
    expect(await slotsOf(f, f.service.id)).toEqual(["09:00", "09:30", "10:00", "10:30", "11:30"]);
  });

  it("“any available” gives each member their own cap and buffers", async () => {
    const f = await open({ plan: "pro", provider: { dailyCapPerMember: 1, bufferBeforeMinutes: 30 } });
    const member = async (name: string, displayOrder: number) => {
      const { staff } = await addStaffMember(t.db, f.provider.id, { name, displayOrder });
      await t.db.insert(staffServices).values({ staffId: staff.id, serviceId: f.service.id });
      await t.db.insert(staffAvailability).values([{ staffId: staff.id, weekday: 2, startTime: "09:00", endTime: "12:00" }]);
      return staff.id;
    };
    const ana = await member("Ana", 0);
    const ben = await member("Ben", 1);
    const first = await book(f, f.service.id, TUE, "10:00");
    const second = await book(f, f.service.id, TUE, "10:00");
    expect(new Set([first.appointment.staffId, second.appointment.staffId])).toEqual(new Set([ana, ben]));
    // Both members have reached their cap of one a day.
    expect(await slotsOf(f, f.service.id)).toEqual([]);
    await expect(book(f, f.service.id, TUE, "11:00")).rejects.toMatchObject({ code: "SLOT_TAKEN" });
    await t.db.update(providers).set({ dailyCapPerMember: 0 }).where(eq(providers.id, f.provider.id));
    // Without the cap: 30 minutes kept free before each member's 10:00–10:30 appointment, and
    // before the new one (10:30 would need 10:00–10:30 free).
    expect(await slotsOf(f, f.service.id)).toEqual(["09:00", "11:00", "11:30"]);
  });
});
