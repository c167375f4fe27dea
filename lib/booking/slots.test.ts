import { beforeAll, describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { eq } from "drizzle-orm";
import { appointments, providers, staffAvailability, staffServices } from "@/db/schema";
import { zonedTime } from "@/lib/availability";
import { AppError } from "@/lib/infra/errors";
import { createBooking } from "./create";
import { cancelAppointment } from "./manage";
import { listSlots } from "./slots";
import { addClosedDate, addService, addStaffMember, at, createProviderFixture, guestContact, type ProviderFixture } from "@/test/fixtures";
import { newTokenWithHash } from "@/lib/infra/tokens";

// Monday 2 March 2026, 09:00 in Berlin (UTC+1).
const now = new Date("2026-03-02T08:00:00Z");

describe.each(testDrivers())("listSlots on %s", (kind) => {
  const t = setUpTestDb(kind);
  let f: ProviderFixture;
  const times = (slots: { start: Date }[]) => slots.map((s) => zonedTime(s.start, f.provider.timezone));

  beforeAll(async () => {
    f = await createProviderFixture(t.db, {
      hours: [
        { weekday: 2, start: "09:00", end: "11:00" }, // Tuesday
        { weekday: 3, start: "09:00", end: "11:00" }, // Wednesday
      ],
    });
  });

  const args = (over: Partial<Parameters<typeof listSlots>[1]> = {}) => ({
    providerId: f.provider.id,
    serviceId: f.service.id,
    from: "2026-03-03",
    to: "2026-03-03",
    ...over,
  });

  it("lists the service's slots in the provider's zone, leaving out booked times and offering cancelled ones again", async () => {
    const empty = await listSlots(t.db, args(), now);
    expect(empty.timezone).toBe("Europe/Berlin");
    expect(times(empty.slots)).toEqual(["09:00", "09:30", "10:00", "10:30"]);
    expect(empty.slots[0]!.start.toISOString()).toBe("2026-03-03T08:00:00.000Z");
    expect(empty.slots[0]!.end.toISOString()).toBe("2026-03-03T08:30:00.000Z");
    expect(empty.slots[0]!.staffIds).toEqual([]);

    const { appointment, manageToken } = await createBooking(
      t.db,
      { providerId: f.provider.id, serviceId: f.service.id, start: at(f.provider, "2026-03-03", "09:30"), ...guestContact, by: "guest" },
      now,
    );
    expect(times((await listSlots(t.db, args(), now)).slots)).toEqual(["09:00", "10:00", "10:30"]);

    await cancelAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token: manageToken } }, now);
    expect(times((await listSlots(t.db, args(), now)).slots)).toEqual(["09:00", "09:30", "10:00", "10:30"]);
  });

  it("blocks every slot a longer service would overlap", async () => {
    const long = await addService(t.db, f.provider.id, { name: "Long", durationMinutes: 60 });
    await createBooking(
      t.db,
      { providerId: f.provider.id, serviceId: f.service.id, start: at(f.provider, "2026-03-04", "10:00"), ...guestContact, by: "guest" },
      now,
    );
    const slots = await listSlots(t.db, args({ serviceId: long.id, from: "2026-03-04", to: "2026-03-04" }), now);
    expect(times(slots.slots)).toEqual(["09:00"]);
  });

  it("ignores appointments held by a staff member when listing the provider's own calendar", async () => {
    const staffId = (await addStaffMember(t.db, f.provider.id, { name: "Alex" })).staff.id;
    // A FREE provider offers no choice of staff.
    await expect(listSlots(t.db, args({ staffId, from: "2026-03-10", to: "2026-03-10" }), now)).rejects.toMatchObject({ code: "VALIDATION" });
    await t.db.insert(appointments).values({
      providerId: f.provider.id,
      serviceId: f.service.id,
      staffId,
      clientName: "Staff client",
      clientEmail: "s@example.com",
      startsAt: at(f.provider, "2026-03-10", "09:00"),
      endsAt: at(f.provider, "2026-03-10", "09:30"),
      manageTokenHash: newTokenWithHash().hash,
    });
    const own = await listSlots(t.db, args({ from: "2026-03-10", to: "2026-03-10" }), now);
    expect(times(own.slots)).toContain("09:00");
    // PRO with the member providing the service all week: bookings go to the staff calendars.
    await t.db.update(providers).set({ plan: "pro" }).where(eq(providers.id, f.provider.id));
    await t.db.insert(staffServices).values({ staffId, serviceId: f.service.id });
    await t.db.insert(staffAvailability).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ staffId, weekday, startTime: "00:00", endTime: "23:59" })));
    const staff = await listSlots(t.db, args({ staffId, from: "2026-03-10", to: "2026-03-10" }), now);
    expect(times(staff.slots)).not.toContain("09:00");
    expect(staff.slots[0]!.staffIds).toEqual([staffId]);
    await t.db.update(providers).set({ plan: "free" }).where(eq(providers.id, f.provider.id));
  });

  it("has no slots on closed dates or days without hours, and respects notice and range", async () => {
    await addClosedDate(t.db, f.provider.id, "2026-03-17");
    const week = await listSlots(t.db, args({ from: "2026-03-16", to: "2026-03-22" }), now);
    const days = new Set(week.slots.map((s) => s.start.toISOString().slice(0, 10)));
    expect([...days]).toEqual(["2026-03-18"]); // Tue 17 closed, only Tue/Wed open
    // On the day itself, minimum notice (60 min) removes the slots before 10:00.
    const tuesdayMorning = new Date("2026-03-03T08:00:00Z"); // 09:00 in Berlin
    expect(times((await listSlots(t.db, args(), tuesdayMorning)).slots)).toEqual(["10:00", "10:30"]);
  });

  it("answers NOT_FOUND for an unknown, inactive or foreign service, a foreign staff member, an unknown provider", async () => {
    const inactive = await addService(t.db, f.provider.id, { active: false });
    const g = await createProviderFixture(t.db);
    const foreignStaff = (await addStaffMember(t.db, g.provider.id, { name: "Alex" })).staff.id;
    const cases = [
      args({ serviceId: "00000000-0000-4000-8000-000000000000" }),
      args({ serviceId: inactive.id }),
      args({ serviceId: g.service.id }),
      args({ staffId: foreignStaff }),
      args({ providerId: "00000000-0000-4000-8000-000000000000" }),
    ];
    for (const c of cases) {
      await expect(listSlots(t.db, c, now)).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
  });

  it("refuses an invalid or too long date range", async () => {
    for (const range of [
      { from: "2026-03-10", to: "2026-03-09" },
      { from: "2026-03-01", to: "2026-05-02" },
      { from: "2026-02-30", to: "2026-03-02" },
    ]) {
      const e = await listSlots(t.db, args(range), now).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe("VALIDATION");
    }
    await expect(listSlots(t.db, args({ from: "2026-03-01", to: "2026-05-01" }), now)).resolves.toBeDefined();
  });
});
