import { beforeAll, describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { staffAvailability } from "@/db/schema";
import { createBooking } from "./create";
import { listSlots } from "./slots";
import { addService, at, createProviderFixture, guestContact } from "@/test/fixtures";
import { countWrites } from "@/test/db";
import { AppError } from "@/lib/infra/errors";
import { outcome } from "@/test/expect-app-error";
import { createStaff } from "@/lib/staff/members";

// Monday 2 March 2026, 08:00 in Berlin; bookings on Tuesday 3 March.
const NOW = new Date("2026-03-02T07:00:00Z");

describe.each(testDrivers())("booking with staff on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { provider: { plan: "pro" } });
  let team: string[];
  beforeAll(async () => {
    team = [];
    for (const name of ["Ana", "Ben", "Cy"]) {
      const id = await createStaff(t.db, f.provider.id, { name, email: "", phone: "", bio: "", active: true, serviceIds: [f.service.id] });
      await t.db.insert(staffAvailability).values([1, 2, 3, 4, 5].map((weekday) => ({ staffId: id, weekday, startTime: "09:00", endTime: "17:00" })));
      team.push(id);
    }
  });

  const book = (start: Date, staffId?: string, email = guestContact.email) =>
    createBooking(t.db, { providerId: f.provider.id, serviceId: f.service.id, staffId, start, ...guestContact, email, by: "guest" }, NOW);

  it("lists a slot for any available while a member is free, naming who is", async () => {
    const listing = await listSlots(t.db, { providerId: f.provider.id, serviceId: f.service.id, from: "2026-03-03", to: "2026-03-03" }, NOW);
    expect(listing.slots[0]).toMatchObject({ start: at(f.provider, "2026-03-03", "09:00"), staffIds: team });
  });

  it("k free members: k concurrent any-available bookings succeed with different members, the next gets SLOT_TAKEN", async () => {
    const start = at(f.provider, "2026-03-03", "10:00");
    const results = await Promise.allSettled(Array.from({ length: team.length + 1 }, (_, i) => book(start, undefined, `racer${i}@example.com`)));
    const ok = results.flatMap((r) => (r.status === "fulfilled" ? [r.value.appointment.staffId] : []));
    const failed = results.flatMap((r) => (r.status === "rejected" ? [r.reason] : []));
    expect(ok.sort()).toEqual([...team].sort());
    expect(failed).toHaveLength(1);
    expect(failed[0]).toBeInstanceOf(AppError);
    expect((failed[0] as AppError).code).toBe("SLOT_TAKEN");
    const after = await listSlots(t.db, { providerId: f.provider.id, serviceId: f.service.id, from: "2026-03-03", to: "2026-03-03" }, NOW);
    expect(after.slots.find((s) => s.start.getTime() === start.getTime())).toBeUndefined();
  });

  it("assigns any available to the member with the fewest appointments that day, then display order", async () => {
    // Tuesday: everyone has one (10:00). Book Ana at 11:00; the next any goes to Ben (fewest, then order).
    await book(at(f.provider, "2026-03-03", "11:00"), team[0]);
    const { appointment } = await book(at(f.provider, "2026-03-03", "12:00"));
    expect(appointment.staffId).toBe(team[1]);
  });

  it("refuses a member who is foreign, inactive or does not provide the service, writing nothing", async () => {
    const other = await createProviderFixture(t.db, { provider: { plan: "pro" } });
    const foreign = await createStaff(t.db, other.provider.id, { name: "Zed", email: "", phone: "", bio: "", active: true, serviceIds: [other.service.id] });
    const inactive = await createStaff(t.db, f.provider.id, { name: "Off", email: "", phone: "", bio: "", active: false, serviceIds: [f.service.id] });
    const massage = await addService(t.db, f.provider.id, { name: "Massage" });
    const unqualified = await createStaff(t.db, f.provider.id, { name: "Mo", email: "", phone: "", bio: "", active: true, serviceIds: [massage.id] });
    const before = await countWrites(t.db);
    const start = at(f.provider, "2026-03-04", "09:00");
    expect(await outcome(book(start, foreign))).toBe("NOT_FOUND");
    expect(await outcome(book(start, inactive))).toBe("NOT_FOUND");
    expect(await outcome(book(start, unqualified))).toBe("VALIDATION");
    await expect(listSlots(t.db, { providerId: f.provider.id, serviceId: f.service.id, staffId: unqualified, from: "2026-03-04", to: "2026-03-04" }, NOW)).rejects.toMatchObject({
      code: "VALIDATION",
    });
    expect(await countWrites(t.db)).toEqual(before);
  });

  it("books a chosen member only inside their own hours", async () => {
    // The business opens on Saturdays; the team works Monday to Friday.
    expect(await outcome(book(at(f.provider, "2026-03-07", "10:00"), team[2]))).toBe("OUTSIDE_HOURS");
    expect(await outcome(book(at(f.provider, "2026-03-07", "10:00")))).toBe("OUTSIDE_HOURS");
    const { appointment } = await book(at(f.provider, "2026-03-04", "16:30"), team[2]);
    expect(appointment.staffId).toBe(team[2]);
  });
});
