import { describe, expect, it } from "vitest";
import { addStaffMember, at, createAppointment } from "@/test/fixtures";
import { closedDates, providerHours, staffAvailability, staffServices } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpProviderFixture, setUpTestDb } from "@/test/hooks";
import { conflictsIf, listConflicts } from "@/lib/booking/schedule";
import { assertConflictsConfirmed } from "./conflicts";

// Monday 2 March 2026, 08:00 in Berlin; the appointments are on Wednesday 4 March (weekday 3).
const NOW = new Date("2026-03-02T07:00:00Z");
const WED = "2026-03-04";
const WEEK = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: "09:00", end: "17:00" }));

describe.each(testDrivers())("conflicts shown before hours or closed dates are saved, on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { plan: "pro" });

  it("names the appointments new hours, a closed date or a member's hours would leave outside working time; nothing else, and nothing is written", async () => {
    const { staff: sam } = await addStaffMember(t.db, f.provider.id, { name: "Sam", email: `sam-${kind}@staff.example` });
    await t.db.insert(staffServices).values({ staffId: sam.id, serviceId: f.service.id });
    await t.db.insert(staffAvailability).values(WEEK.map((h) => ({ staffId: sam.id, weekday: h.weekday, startTime: h.start, endTime: h.end })));
    const late = await createAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, staffId: sam.id, startsAt: at(f.provider, WED, "16:00"), clientName: "Lena Late" });
    await createAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, staffId: sam.id, startsAt: at(f.provider, WED, "10:00"), clientName: "Early Eve" });
    expect(await listConflicts(t.db, f.provider.id, NOW)).toEqual([]);
    const hoursBefore = await t.db.select().from(providerHours);

    // Wednesdays closing at 15:00 would leave Lena's 16:00 out; Eve's 10:00 stays in.
    const shorter = WEEK.map((h) => (h.weekday === 3 ? { ...h, end: "15:00" } : h));
    const byHours = await conflictsIf(t.db, f.provider.id, { kind: "hours", hours: shorter }, NOW);
    expect(byHours.map((c) => [c.id, c.clientName, c.staffName])).toEqual([[late.id, "Lena Late", "Sam"]]);
    await expect(assertConflictsConfirmed(t.db, f.provider.id, { kind: "hours", hours: shorter }, false, NOW)).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { confirmConflicts: [expect.stringMatching(/^1 booked appointment would fall outside working time: Lena Late, Wednesday 4 March 2026, 16:00–16:30 with Sam\./)] },
    });
    expect(await assertConflictsConfirmed(t.db, f.provider.id, { kind: "hours", hours: shorter }, true, NOW)).toEqual({ conflicts: 1 });
    // Checking writes nothing: the hours are as they were.
    expect(await t.db.select().from(providerHours)).toEqual(hoursBefore);

    // A closed Wednesday: both; a closed Thursday: none. Sam's own Wednesday ending at 12:00: Lena's.
    expect((await conflictsIf(t.db, f.provider.id, { kind: "closed", date: WED, reason: "Flood" }, NOW)).length).toBe(2);
    expect(await conflictsIf(t.db, f.provider.id, { kind: "closed", date: "2026-03-05", reason: "" }, NOW)).toEqual([]);
    const samShort = WEEK.map((h) => (h.weekday === 3 ? { ...h, end: "12:00" } : h));
    expect((await conflictsIf(t.db, f.provider.id, { kind: "staffHours", staffId: sam.id, hours: samShort }, NOW)).map((c) => c.id)).toEqual([late.id]);
    expect(await assertConflictsConfirmed(t.db, f.provider.id, { kind: "hours", hours: WEEK }, false, NOW)).toEqual({ conflicts: 0 });

    // An appointment already in conflict (the day closed since) is not named again.
    await t.db.insert(closedDates).values({ providerId: f.provider.id, date: WED, reason: "Flood" });
    expect(await conflictsIf(t.db, f.provider.id, { kind: "hours", hours: shorter }, NOW)).toEqual([]);
  });
});
