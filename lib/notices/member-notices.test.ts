import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { addStaffMember, at, createAppointment } from "@/test/fixtures";
import { mailMessages, staffAvailability, staffServices } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { cancelAppointment, rescheduleAppointment } from "@/lib/booking/manage";
import { setUpProviderFixture, setUpTestDb } from "@/test/hooks";

// Monday 2 March 2026, 08:00 in Berlin; appointments on the following days.
const NOW = new Date("2026-03-02T07:00:00Z");

/*
 * A member hears of what happens to their appointments: a cancellation, a move to another time
 * (lib/notices). Handing one to another member is in reassign.test.ts.
 */
describe.each(testDrivers())("what a staff member is told on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { plan: "pro" });
  let n = 0;

  const member = async (name: string) => {
    const { staff } = await addStaffMember(t.db, f.provider.id, { name, email: `${name.toLowerCase()}-${kind}-${++n}@staff.example` });
    await t.db.insert(staffServices).values({ staffId: staff.id, serviceId: f.service.id });
    await t.db.insert(staffAvailability).values([1, 2, 3, 4, 5].map((weekday) => ({ staffId: staff.id, weekday, startTime: "09:00", endTime: "17:00" })));
    return staff;
  };
  const appointmentWith = (staffId: string, date: string, time: string) =>
    createAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, staffId, startsAt: at(f.provider, date, time), clientName: "Cleo Client" });
  const mailsTo = (to: string) => t.db.select({ subject: mailMessages.subject, text: mailMessages.text }).from(mailMessages).where(eq(mailMessages.to, to));
  const provider = () => ({ kind: "provider" as const, providerId: f.provider.id });

  it("a cancellation: the member's time is free again, with the reason", async () => {
    const ivy = await member("Ivy");
    const a = await appointmentWith(ivy.id, "2026-03-05", "14:00");
    await cancelAppointment(t.db, { appointmentId: a.id, actor: provider(), reason: "Flooded studio" }, NOW);
    const mails = await mailsTo(ivy.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Cancelled: Haircut, Thursday, 5 March 2026, 14:00/);
    expect(mails[0]!.text).toContain("your appointment with Cleo Client has been cancelled. The time is free again.");
    expect(mails[0]!.text).toContain("Reason: Flooded studio");
  });

  it("a move to another time with the same member: where it was and where it is now", async () => {
    const jo = await member("Jo");
    const a = await appointmentWith(jo.id, "2026-03-05", "10:00");
    await rescheduleAppointment(t.db, { appointmentId: a.id, actor: provider(), start: at(f.provider, "2026-03-06", "11:00") }, NOW);
    const mails = await mailsTo(jo.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toMatch(/^Moved: Haircut, now Friday, 6 March 2026, 11:00/);
    expect(mails[0]!.text).toContain("Was: Thursday, 5 March 2026, 10:00");
    expect(mails[0]!.text).toContain("Now: Friday, 6 March 2026, 11:00");
  });

  it("a member without an address is not mailed, and nobody else is told in their place", async () => {
    const { staff: kit } = await addStaffMember(t.db, f.provider.id, { name: "Kit", email: "" });
    await t.db.insert(staffServices).values({ staffId: kit.id, serviceId: f.service.id });
    const a = await appointmentWith(kit.id, "2026-03-09", "09:00");
    const subjects = async () => (await t.db.select({ subject: mailMessages.subject }).from(mailMessages)).map((m) => m.subject);
    const before = await subjects();
    await cancelAppointment(t.db, { appointmentId: a.id, actor: provider() }, NOW);
    const added = (await subjects()).slice(before.length);
    // The client's and the business's cancellation notices only: nothing for the member.
    expect(added).toHaveLength(2);
    expect(await mailsTo("")).toEqual([]);
  });
});
