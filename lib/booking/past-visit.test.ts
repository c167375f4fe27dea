import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointmentChanges, appointmentReminders, appointments } from "@/db/schema";
import { countWrites, testDrivers } from "@/test/db";
import { setUpProviderFixture, setUpTestDb } from "@/test/hooks";
import { addStaffMember, at, createProviderFixture, guestContact } from "@/test/fixtures";
import { recordPastVisit } from "./create";

// Monday 2 March 2026, 09:00 in Berlin (UTC+1).
const NOW = new Date("2026-03-02T08:00:00Z");

describe.each(testDrivers())("recording a visit that already happened on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { plan: "pro" });

  it("is saved as completed at the time it took place, with the member, and nobody is mailed or reminded", async () => {
    const { staff } = await addStaffMember(t.db, f.provider.id, { name: "Ana" });
    const before = await countWrites(t.db);
    // Sunday: the business is closed, but a visit that happened is recorded as it was.
    const visit = await recordPastVisit(t.db, { providerId: f.provider.id, serviceId: f.service.id, staffId: staff.id, start: at(f.provider, "2026-03-01", "16:00"), ...guestContact, source: "walk_in" }, NOW);
    expect(visit).toMatchObject({ status: "completed", staffId: staff.id, staffAssignedBy: "provider", source: "walk_in", startsAt: at(f.provider, "2026-03-01", "16:00") });
    const after = await countWrites(t.db);
    expect(after.appointments).toBe(before.appointments + 1);
    expect(after.mails).toBe(before.mails);
    expect(await t.db.select().from(appointmentReminders).where(eq(appointmentReminders.appointmentId, visit.id))).toEqual([]);
    const [change] = await t.db.select().from(appointmentChanges).where(eq(appointmentChanges.appointmentId, visit.id));
    expect(change).toMatchObject({ kind: "created", actorKind: "provider" });
  });

  it("refuses a time that has not happened yet, or too long ago, and another provider's member, writing nothing", async () => {
    const other = await createProviderFixture(t.db);
    const { staff: theirs } = await addStaffMember(t.db, other.provider.id, { name: "Not yours" });
    const before = await countWrites(t.db);
    const input = { providerId: f.provider.id, serviceId: f.service.id, ...guestContact };
    await expect(recordPastVisit(t.db, { ...input, start: new Date(NOW.getTime() + 60_000) }, NOW)).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { time: ["A visit that already happened must start before now."] },
    });
    await expect(recordPastVisit(t.db, { ...input, start: new Date(NOW.getTime() - 400 * 86_400_000) }, NOW)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(recordPastVisit(t.db, { ...input, staffId: theirs.id, start: new Date(NOW.getTime() - 3_600_000) }, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(recordPastVisit(t.db, { ...input, email: "not-an-email", start: new Date(NOW.getTime() - 3_600_000) }, NOW)).rejects.toMatchObject({ code: "VALIDATION" });
    expect(await countWrites(t.db)).toEqual(before);
    expect(await t.db.select().from(appointments).where(eq(appointments.staffId, theirs.id))).toEqual([]);
  });
});
