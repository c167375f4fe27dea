import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointments, providers, staffAvailability, staffTimeOff } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { outcome, rejection } from "@/test/expect-app-error";
import { at, createProviderFixture, guestContact, type ProviderFixture } from "@/test/fixtures";
import { setUpTestDb } from "@/test/hooks";
import { createStaff } from "@/lib/staff/members";
import { createBooking } from "./create";
import { listSlots } from "./slots";

/*
 * Guards that a hand-made mutation test could delete with every test green, each proven here
 * on the database through the public entry points (createBooking, listSlots):
 * - usesStaff's isPro (lib/booking/staff-calendars.ts): a FREE or lapsed provider's staff are not booked;
 * - staff time off loaded from staff_time_off (lib/booking/staff-load.ts);
 * - the minimum-notice boundary at booking time (isBookableSlot via assertBookableOrThrow).
 */

// Monday 2 March 2026, 08:00 in Berlin; Tuesday is the 3rd.
const NOW = new Date("2026-03-02T07:00:00Z");

describe.each(testDrivers())("booking guards on %s", (kind) => {
  const t = setUpTestDb(kind);

  const withStaff = async (plan: { plan: "free" | "pro"; proUntil: Date | null }): Promise<ProviderFixture & { staffId: string }> => {
    const f = await createProviderFixture(t.db, { provider: plan });
    const staffId = await createStaff(t.db, f.provider.id, { name: "Ana", email: "", phone: "", bio: "", active: true, serviceIds: [f.service.id] });
    await t.db.insert(staffAvailability).values([1, 2, 3, 4, 5].map((weekday) => ({ staffId, weekday, startTime: "09:00", endTime: "17:00" })));
    return { ...f, staffId };
  };
  const guest = (f: ProviderFixture, start: Date, email = guestContact.email) =>
    createBooking(t.db, { providerId: f.provider.id, serviceId: f.service.id, start, ...guestContact, email, by: "guest" }, NOW);

  it("a PRO provider's booking goes to a member; after the plan lapses or on FREE, bookings take no member", async () => {
    const pro = await withStaff({ plan: "pro", proUntil: new Date(NOW.getTime() + 30 * 86_400_000) });
    expect((await guest(pro, at(pro.provider, "2026-03-03", "10:00"))).appointment.staffId).toBe(pro.staffId);

    // Lapsed: plan still says pro, but pro_until has passed.
    const lapsed = await withStaff({ plan: "pro", proUntil: new Date(NOW.getTime() - 1000) });
    const a = await guest(lapsed, at(lapsed.provider, "2026-03-03", "10:00"));
    expect(a.appointment.staffId).toBeNull();
    const slots = await listSlots(t.db, { providerId: lapsed.provider.id, serviceId: lapsed.service.id, from: "2026-03-03", to: "2026-03-03" }, NOW);
    expect(slots.slots[0]!.staffIds).toEqual([]);
    // Choosing the member explicitly is refused: staff choice is off.
    const chosen = await rejection(
      createBooking(t.db, { providerId: lapsed.provider.id, serviceId: lapsed.service.id, staffId: lapsed.staffId, start: at(lapsed.provider, "2026-03-03", "11:00"), ...guestContact, email: "chooser@example.com", by: "guest" }, NOW),
    );
    expect(chosen.code).toBe("VALIDATION");

    const free = await withStaff({ plan: "free", proUntil: null });
    expect((await guest(free, at(free.provider, "2026-03-03", "10:00"))).appointment.staffId).toBeNull();
    // A downgrade takes effect at once.
    await t.db.update(providers).set({ plan: "free", proUntil: null }).where(eq(providers.id, pro.provider.id));
    expect((await guest(pro, at(pro.provider, "2026-03-03", "11:00"), "after-downgrade@example.com")).appointment.staffId).toBeNull();
  });

  it("a member's time off stored in the database keeps them out of slots and bookings on those days", async () => {
    const f = await withStaff({ plan: "pro", proUntil: new Date(NOW.getTime() + 30 * 86_400_000) });
    await t.db.insert(staffTimeOff).values({ staffId: f.staffId, startDate: "2026-03-03", endDate: "2026-03-03", reason: "Dentist" });
    const tuesday = await listSlots(t.db, { providerId: f.provider.id, serviceId: f.service.id, from: "2026-03-03", to: "2026-03-03" }, NOW);
    expect(tuesday.slots).toEqual([]);
    expect(await outcome(guest(f, at(f.provider, "2026-03-03", "10:00")))).not.toBe("ok");
    expect(await outcome(createBooking(t.db, { providerId: f.provider.id, serviceId: f.service.id, staffId: f.staffId, start: at(f.provider, "2026-03-03", "11:00"), ...guestContact, by: "guest" }, NOW))).not.toBe("ok");
    expect(await t.db.select().from(appointments).where(eq(appointments.providerId, f.provider.id))).toEqual([]);
    // The day after, the member is back.
    expect((await guest(f, at(f.provider, "2026-03-04", "10:00"))).appointment.staffId).toBe(f.staffId);
  });

  it("minimum notice at booking time: a start exactly the notice away is bookable, one slot earlier is OUTSIDE_HOURS", async () => {
    // 10:00 Berlin on a day open 09:00–17:00: with 60 minutes' notice, 11:00 is the first bookable start.
    const tenAm = new Date("2026-03-02T09:00:00Z");
    const book = (p: ProviderFixture, time: string, by: "guest" | "provider" = "guest") =>
      createBooking(t.db, { providerId: p.provider.id, serviceId: p.service.id, start: at(p.provider, "2026-03-02", time), ...guestContact, by, source: by === "provider" ? "walk_in" : undefined }, tenAm);
    const f = await createProviderFixture(t.db, { provider: { minNoticeMinutes: 60 } });
    expect((await rejection(book(f, "10:30"))).code).toBe("OUTSIDE_HOURS");
    const longer = await createProviderFixture(t.db, { provider: { minNoticeMinutes: 61 } });
    expect((await rejection(book(longer, "11:00"))).code).toBe("OUTSIDE_HOURS");
    await expect(book(f, "11:00")).resolves.toBeDefined();
    // The provider's own walk-in is not bound by notice.
    await expect(book(f, "10:30", "provider")).resolves.toBeDefined();
  });
});
