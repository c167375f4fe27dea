import { describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { addService, addStaffMember, at, createAppointment, createProviderFixture } from "@/test/fixtures";
import { appointmentChanges, appointments, calendarBusyIntervals, calendarIntegrations, mailMessages, staffAvailability, staffServices } from "@/db/schema";
import { countWrites, testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { deleteStaff, setStaffActive } from "./members";
import { NOBODY_FREE_REASON, reassignAppointment, reassignOptions, resolveMemberAppointments } from "./reassign";

// Monday 2 March 2026, 08:00 in Berlin; appointments on the following days.
const NOW = new Date("2026-03-02T07:00:00Z");

describe.each(testDrivers())("reassigning staff appointments on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { plan: "pro" });
  let n = 0;

  /** A member who provides the service and works weekdays between `start` and `end`. */
  const member = async (name: string, start = "09:00", end = "17:00", serviceId = f.service.id) => {
    const { staff } = await addStaffMember(t.db, f.provider.id, { name, email: `${name.toLowerCase()}-${kind}-${++n}@staff.example`, displayOrder: n });
    await t.db.insert(staffServices).values({ staffId: staff.id, serviceId });
    await t.db.insert(staffAvailability).values([1, 2, 3, 4, 5].map((weekday) => ({ staffId: staff.id, weekday, startTime: start, endTime: end })));
    return staff;
  };
  const appointmentWith = (staffId: string, date: string, time: string, email = `client-${++n}@example.com`) =>
    createAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, staffId, startsAt: at(f.provider, date, time), clientEmail: email });
  const mailsTo = async (to: string) =>
    (await t.db.select({ subject: mailMessages.subject, text: mailMessages.text }).from(mailMessages).where(eq(mailMessages.to, to)));

  it("offers only qualified members free then, and moves the appointment through the write path, telling the client, the new member and the former one once", async () => {
    const ana = await member("Ana");
    const ben = await member("Ben");
    await member("Cy", "13:00", "17:00"); // not working at 10:00
    const busy = await member("Dee");
    await member("Eve", "09:00", "17:00", (await addService(t.db, f.provider.id, { name: "Massage" })).id); // other service
    await appointmentWith(busy.id, "2026-03-03", "10:00");
    const a = await appointmentWith(ana.id, "2026-03-03", "10:00", "moved@example.com");

    const options = await reassignOptions(t.db, f.provider.id, a.id, NOW);
    expect(options.map((o) => o.name)).toContain("Ben");
    expect(options.map((o) => o.name)).not.toContain("Ana");
    expect(options.map((o) => o.name)).not.toContain("Cy");
    expect(options.map((o) => o.name)).not.toContain("Dee");
    expect(options.map((o) => o.name)).not.toContain("Eve");

    await reassignAppointment(t.db, f.provider.id, a.id, ben.id, NOW);
    const [row] = await t.db.select().from(appointments).where(eq(appointments.id, a.id));
    expect(row).toMatchObject({ staffId: ben.id, startsAt: a.startsAt });
    const changes = await t.db.select().from(appointmentChanges).where(eq(appointmentChanges.appointmentId, a.id)).orderBy(asc(appointmentChanges.createdAt));
    expect(changes.at(-1)).toMatchObject({ kind: "reassigned", actorKind: "provider", previousStaffId: ana.id, staffId: ben.id });

    const client = await mailsTo("moved@example.com");
    expect(client).toHaveLength(1);
    expect(client[0]!.subject).toMatch(/^Update: Haircut at /);
    expect(client[0]!.text).toContain("is now with Ben. The time stays the same.");
    const toBen = await mailsTo(ben.email);
    expect(toBen).toHaveLength(1);
    expect(toBen[0]!.subject).toMatch(/^New appointment for you: Haircut, Tuesday, 3 March 2026, 10:00/);
    // Ana, whose appointment it was, is told it is no longer hers, and with whom it is now.
    const toAna = await mailsTo(ana.email);
    expect(toAna).toHaveLength(1);
    expect(toAna[0]!.subject).toMatch(/^No longer yours: Haircut, Tuesday, 3 March 2026, 10:00/);
    expect(toAna[0]!.text).toContain("has moved this appointment to Ben. You no longer have it.");
  });

  it("refuses a member who is busy, unqualified or another provider's, and another provider's appointment, writing nothing", async () => {
    const fay = await member("Fay");
    const gus = await member("Gus");
    await appointmentWith(gus.id, "2026-03-04", "11:00");
    const a = await appointmentWith(fay.id, "2026-03-04", "11:00");
    const other = await createProviderFixture(t.db, { plan: "pro" });
    const { staff: foreign } = await addStaffMember(t.db, other.provider.id, { name: "Zed" });
    const before = await countWrites(t.db);
    await expect(reassignAppointment(t.db, f.provider.id, a.id, gus.id, NOW)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(reassignAppointment(t.db, f.provider.id, a.id, foreign.id, NOW)).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(reassignAppointment(t.db, other.provider.id, a.id, foreign.id, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reassignOptions(t.db, other.provider.id, a.id, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await countWrites(t.db)).toEqual(before);
  });

  it("does not offer a member whose own Google Calendar is busy then, and refuses them", async () => {
    const ana = await member("Ana");
    const ben = await member("Ben");
    const cal = await member("Cal");
    const a = await appointmentWith(ana.id, "2026-03-04", "10:00");
    // Ben's own calendar (his connection, not the business's) holds a dentist's appointment at 10:00-11:00.
    const [integration] = await t.db
      .insert(calendarIntegrations)
      .values({ providerId: f.provider.id, staffId: ben.id, googleEmail: "ben@gmail.test", accessTokenEnc: "sealed", refreshTokenEnc: "sealed", scopes: "" })
      .returning();
    const dentist = at(f.provider, "2026-03-04", "10:00");
    await t.db.insert(calendarBusyIntervals).values({
      integrationId: integration!.id,
      providerId: f.provider.id,
      staffId: ben.id,
      calendarId: "primary",
      eventId: "dentist",
      startsAt: dentist,
      endsAt: new Date(dentist.getTime() + 60 * 60_000),
    });

    const offered = (await reassignOptions(t.db, f.provider.id, a.id, NOW)).map((o) => o.id);
    expect(offered).toContain(cal.id);
    expect(offered).not.toContain(ben.id);
    await expect(reassignAppointment(t.db, f.provider.id, a.id, ben.id, NOW)).rejects.toMatchObject({ code: "VALIDATION" });
    const [row] = await t.db.select().from(appointments).where(eq(appointments.id, a.id));
    expect(row!.staffId).toBe(ana.id);
    await reassignAppointment(t.db, f.provider.id, a.id, cal.id, NOW);
  });

  it("a member with future appointments is deactivated only once they are resolved: reassigned where someone is free, cancelled with a notice otherwise", async () => {
    const leaving = await member("Leaving");
    const early = await member("Early", "09:00", "12:00");
    // Tuesday 10 March: Early is free at 09:00, nobody else but Leaving works at 15:00 (Early stops at 12:00,
    // and every other member is busy or off then).
    const day = "2026-03-10";
    const others = await t.db.select({ id: staffServices.staffId }).from(staffServices).where(eq(staffServices.serviceId, f.service.id));
    for (const o of others) if (o.id !== leaving.id && o.id !== early.id) await appointmentWith(o.id, day, "15:00");
    const morning = await appointmentWith(leaving.id, day, "09:00", "morning@example.com");
    const afternoon = await appointmentWith(leaving.id, day, "15:00", "afternoon@example.com");

    await expect(setStaffActive(t.db, f.provider.id, leaving.id, false, NOW)).rejects.toMatchObject({ code: "IN_USE" });
    await expect(deleteStaff(t.db, f.provider.id, leaving.id, NOW)).rejects.toMatchObject({ code: "IN_USE" });

    expect(await resolveMemberAppointments(t.db, f.provider.id, leaving.id, NOW)).toEqual({ reassigned: 1, cancelled: 1 });
    const [m] = await t.db.select().from(appointments).where(eq(appointments.id, morning.id));
    const [a] = await t.db.select().from(appointments).where(eq(appointments.id, afternoon.id));
    expect(m).toMatchObject({ staffId: early.id, status: "confirmed" });
    expect(a).toMatchObject({ staffId: leaving.id, status: "cancelled", cancellationReason: NOBODY_FREE_REASON });
    expect((await mailsTo("morning@example.com"))[0]!.text).toContain("is now with Early.");
    expect((await mailsTo("afternoon@example.com"))[0]!.text).toContain(NOBODY_FREE_REASON);

    await setStaffActive(t.db, f.provider.id, leaving.id, false, NOW);
  });
});
