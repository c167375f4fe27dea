import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { addStaffMember, at, createAppointment } from "@/test/fixtures";
import { calendarBusyIntervals, calendarIntegrations, mailMessages, staffAvailability, staffServices } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { getAppointmentByToken } from "@/lib/booking/read";
import { listConflicts, loadSchedule, scheduleDay } from "@/lib/booking/schedule";
import { clientHistory } from "@/lib/provider/appointments";
import { addTimeOff, timeOffSchema } from "./availability";
import { askClientToReschedule, keepConflict } from "./conflicts";

// Monday 2 March 2026, 08:00 in Berlin; the appointments are on Wednesday 4 March.
const NOW = new Date("2026-03-02T07:00:00Z");

describe.each(testDrivers())("the team schedule and its conflicts on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { plan: "pro" });
  let n = 0;

  const member = async (name: string) => {
    const { staff } = await addStaffMember(t.db, f.provider.id, { name, email: `${name.toLowerCase()}-${kind}-${++n}@staff.example`, displayOrder: n });
    await t.db.insert(staffServices).values({ staffId: staff.id, serviceId: f.service.id });
    await t.db.insert(staffAvailability).values([1, 2, 3, 4, 5].map((weekday) => ({ staffId: staff.id, weekday, startTime: "09:00", endTime: "17:00" })));
    return staff;
  };
  const booking = (staffId: string, time: string, email = `client-${++n}@example.com`) =>
    createAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, staffId, startsAt: at(f.provider, "2026-03-04", time), clientEmail: email, clientName: `Client ${n}` });

  it("draws a column per active member with that day's appointments and the free cells between them", async () => {
    const sam = await member("Sam");
    const kim = await member("Kim");
    const a = await booking(sam.id, "13:00");
    const data = (await loadSchedule(t.db, f.provider.id, "2026-03-04", "2026-03-04"))!;
    const day = scheduleDay(data, "2026-03-04", NOW);
    expect(day.columns.map((c) => c.name).slice(-2)).toEqual(["Sam", "Kim"]);
    expect(day.columns[0]!.blocks.map((b) => b.id)).toEqual([a.id]);
    expect(day.columns[0]!.blocks[0]).toMatchObject({ start: 13 * 60, end: 13 * 60 + 30, conflict: false });
    // 13:00 is taken for Sam, free for Kim; the day runs from opening to closing.
    expect(day.columns[0]!.free).not.toContain(13 * 60);
    expect(day.columns[1]!.free).toContain(13 * 60);
    expect([day.dayStart, day.dayEnd]).toEqual([9 * 60, 17 * 60]);
    expect(day.columns[1]!.id).toBe(kim.id);
  });

  it("shades the busy times of a member's own Google Calendar in that member's column only, and offers no free cell there", async () => {
    const sam = await member("Sam");
    const kim = await member("Kim");
    const [integration] = await t.db
      .insert(calendarIntegrations)
      .values({ providerId: f.provider.id, staffId: sam.id, googleEmail: `sam-${kind}@gmail.test`, accessTokenEnc: "sealed", refreshTokenEnc: "sealed", scopes: "" })
      .returning();
    const busy = (eventId: string, start: Date, minutes: number) =>
      t.db.insert(calendarBusyIntervals).values({
        integrationId: integration!.id,
        providerId: f.provider.id,
        staffId: sam.id,
        calendarId: "primary",
        eventId,
        startsAt: start,
        endsAt: new Date(start.getTime() + minutes * 60_000),
      });
    await busy("dentist", at(f.provider, "2026-03-04", "10:00"), 60);
    await busy("overnight", at(f.provider, "2026-03-03", "22:00"), 10 * 60); // ends 08:00 on the 4th, before opening
    await busy("next-day", at(f.provider, "2026-03-05", "10:00"), 60);

    const day = scheduleDay((await loadSchedule(t.db, f.provider.id, "2026-03-04", "2026-03-04", { busy: true }))!, "2026-03-04", NOW);
    const samColumn = day.columns.find((c) => c.id === sam.id)!;
    const kimColumn = day.columns.find((c) => c.id === kim.id)!;
    expect(samColumn.busy).toEqual([
      { start: 0, end: 8 * 60 },
      { start: 10 * 60, end: 11 * 60 },
    ]);
    expect(samColumn.free).not.toContain(10 * 60);
    expect(samColumn.free).not.toContain(10 * 60 + 30);
    expect(samColumn.free).toContain(11 * 60);
    expect(kimColumn.busy).toEqual([]);
    expect(kimColumn.free).toContain(10 * 60);
    // The conflict lists load no busy times; nor does a schedule that does not ask for them.
    const plain = scheduleDay((await loadSchedule(t.db, f.provider.id, "2026-03-04", "2026-03-04"))!, "2026-03-04", NOW);
    expect(plain.columns.find((c) => c.id === sam.id)!.busy).toEqual([]);
  });

  it("names the booked appointments before time off is saved, marks them as conflicts after, until reassigned, asked or kept", async () => {
    const sam = await member("Sam");
    const a = await booking(sam.id, "13:00", "ann@example.com");
    const input = timeOffSchema.parse({ startDate: "2026-03-04", reason: "Sick" });

    await expect(addTimeOff(t.db, f.provider.id, sam.id, input, NOW)).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { confirmConflicts: [expect.stringContaining("Client")] },
    });
    expect(await listConflicts(t.db, f.provider.id, NOW)).toEqual([]);

    expect(await addTimeOff(t.db, f.provider.id, sam.id, { ...input, confirmConflicts: true }, NOW)).toEqual({ conflicts: 1 });
    const conflicts = await listConflicts(t.db, f.provider.id, NOW, { staffId: sam.id });
    expect(conflicts.map((c) => [c.id, c.staffName])).toEqual([[a.id, "Sam"]]);
    const day = scheduleDay((await loadSchedule(t.db, f.provider.id, "2026-03-04", "2026-03-04"))!, "2026-03-04", NOW);
    const column = day.columns.find((c) => c.id === sam.id)!;
    expect(column).toMatchObject({ off: { kind: "time_off", reason: "Sick" }, free: [] });
    expect(column.blocks.map((b) => [b.id, b.conflict])).toEqual([[a.id, true]]);

    // Asking the client: a mail with a second private manage link that opens this appointment.
    await askClientToReschedule(t.db, f.provider.id, a.id, NOW);
    const [mail] = await t.db.select().from(mailMessages).where(eq(mailMessages.to, "ann@example.com"));
    expect(mail!.subject).toMatch(/^Please choose a new time: Haircut at /);
    const token = mail!.text.match(/\/bookings\/([A-Za-z0-9_-]{43})/)?.[1];
    expect((await getAppointmentByToken(t.db, token!, NOW))?.id).toBe(a.id);
    // Another provider cannot ask or keep it.
    await expect(askClientToReschedule(t.db, crypto.randomUUID(), a.id, NOW)).rejects.toMatchObject({ code: "NOT_FOUND" });

    await keepConflict(t.db, f.provider.id, a.id, NOW);
    expect(await listConflicts(t.db, f.provider.id, NOW)).toEqual([]);
  });

  it("counts a client's visits, no-shows and cancellations at this business by email, whatever its case", async () => {
    const sam = await member("Sam");
    const past = (date: string, status: "completed" | "no_show" | "cancelled", email: string) =>
      createAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, staffId: sam.id, startsAt: at(f.provider, date, "10:00"), clientEmail: email, status });
    await past("2026-02-02", "completed", "Hist@Example.com");
    await past("2026-02-09", "completed", "hist@example.com");
    await past("2026-02-16", "no_show", "hist@example.com");
    await past("2026-02-17", "cancelled", "hist@example.com");
    await past("2026-02-18", "completed", "someone-else@example.com");
    const h = await clientHistory(t.db, { providerId: f.provider.id, clientUserId: null, clientEmail: "hist@example.com" }, NOW);
    expect(h).toMatchObject({ visits: 2, noShows: 1, cancelled: 1, upcoming: 0 });
    expect(h.lastVisit).toEqual(at(f.provider, "2026-02-09", "10:00"));
  });
});
