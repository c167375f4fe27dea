import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db";
import { testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { appointmentReminders, appointments, mailMessages, smsMessages, type Appointment } from "@/db/schema";
import { createBooking } from "@/lib/booking/create";
import { addDays } from "@/lib/availability";
import { at, createUser, guestContact } from "@/test/fixtures";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { savePreferences } from "./preferences";
import { REMINDER_LEAD_MS, sendReminderIfDue, sweepDueReminders, syncReminder } from "./reminders";

const now = new Date("2026-03-02T08:00:00Z");
const minute = 60_000;

describe.each(testDrivers())("reminders on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t);
  let day = 0;

  async function book(opts: { clientUserId?: string; email?: string; phone?: string } = {}): Promise<Appointment> {
    // Four days apart, so moving one by up to three days never meets the next.
    const date = addDays("2026-03-04", 4 * day++);
    const { appointment } = await createBooking(
      t.db,
      {
        providerId: f.provider.id,
        serviceId: f.service.id,
        start: at(f.provider, date, "10:00"),
        ...guestContact,
        email: opts.email ?? guestContact.email,
        phone: opts.phone ?? guestContact.phone,
        by: opts.clientUserId ? "client" : "guest",
        clientUserId: opts.clientUserId,
      },
      now,
    );
    await t.db.transaction((tx) => syncReminder(tx, appointment, now));
    return appointment;
  }
  const due = (a: Pick<Appointment, "startsAt">) => new Date(a.startsAt.getTime() - REMINDER_LEAD_MS);
  const reminderMails = async (to: string) =>
    (await t.db.select().from(mailMessages).where(eq(mailMessages.to, to))).filter((m) => m.subject.startsWith("Reminder:"));

  it("is scheduled on the durable queue for 24 hours before, and sent once when due", async () => {
    const email = "remind-once@example.com";
    const a = await book({ email });
    const [row] = await t.db.select().from(appointmentReminders).where(eq(appointmentReminders.appointmentId, a.id));
    expect(row!.dueAt.toISOString()).toBe(due(a).toISOString());
    const jobs = await queryRows<{ start_after: Date }>(
      t.db,
      sql`select start_after from pgboss.job where name = ${QUEUES.reminder} and data->>'appointmentId' = ${a.id}`,
    );
    expect(jobs.map((j) => new Date(j.start_after).toISOString())).toEqual([due(a).toISOString()]);

    expect(await sendReminderIfDue(t.db, a.id, new Date(due(a).getTime() - minute))).toBe(false);
    expect(await reminderMails(email)).toHaveLength(0);
    expect(await sendReminderIfDue(t.db, a.id, new Date(due(a).getTime() + minute))).toBe(true);
    expect(await sendReminderIfDue(t.db, a.id, new Date(due(a).getTime() + 2 * minute))).toBe(false);
    expect(await sweepDueReminders(t.db, new Date(due(a).getTime() + 3 * minute))).toBe(0);
    const mails = await reminderMails(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.text).toContain("10:00–10:30 (Europe/Berlin)");
  });

  it("is not sent for a cancelled appointment", async () => {
    const email = "remind-cancelled@example.com";
    const a = await book({ email });
    await t.db.update(appointments).set({ status: "cancelled" }).where(eq(appointments.id, a.id));
    // Even before the write path drops the reminder, the send checks the appointment.
    expect(await sendReminderIfDue(t.db, a.id, new Date(due(a).getTime() + minute))).toBe(false);
    await t.db.transaction((tx) => syncReminder(tx, { ...a, status: "cancelled" }, now));
    expect(await t.db.select().from(appointmentReminders).where(eq(appointmentReminders.appointmentId, a.id))).toHaveLength(0);
    expect(await sweepDueReminders(t.db, new Date(due(a).getTime() + minute))).toBe(0);
    expect(await reminderMails(email)).toHaveLength(0);
  });

  it("is re-timed when the appointment moves, and due again after a move if already sent", async () => {
    const email = "remind-moved@example.com";
    const a = await book({ email });
    const moved = { ...a, startsAt: new Date(a.startsAt.getTime() + 2 * 24 * 3600_000) };
    await t.db.update(appointments).set({ startsAt: moved.startsAt, endsAt: new Date(moved.startsAt.getTime() + 30 * minute) }).where(eq(appointments.id, a.id));
    await t.db.transaction((tx) => syncReminder(tx, moved, now));
    // The job for the old time finds nothing due.
    expect(await sendReminderIfDue(t.db, a.id, new Date(due(a).getTime() + minute))).toBe(false);
    expect(await sendReminderIfDue(t.db, a.id, new Date(due(moved).getTime() + minute))).toBe(true);

    const again = { ...moved, startsAt: new Date(moved.startsAt.getTime() + 24 * 3600_000) };
    await t.db.update(appointments).set({ startsAt: again.startsAt, endsAt: new Date(again.startsAt.getTime() + 30 * minute) }).where(eq(appointments.id, a.id));
    await t.db.transaction((tx) => syncReminder(tx, again, new Date(due(moved).getTime() + 2 * minute)));
    expect(await sendReminderIfDue(t.db, a.id, new Date(due(again).getTime() + minute))).toBe(true);
    expect(await reminderMails(email)).toHaveLength(2);
  });

  it("catches up at start-up on reminders missed while down, only for appointments still ahead", async () => {
    const past = await book({ email: "remind-past@example.com" });
    const ahead = await book({ email: "remind-ahead@example.com" });
    // Down from before either reminder was due until after `past` has started and `ahead`'s reminder is due.
    const restart = new Date(due(ahead).getTime() + minute);
    expect(restart < ahead.startsAt && restart > due(ahead)).toBe(true);
    expect(restart > past.startsAt).toBe(true);
    expect(await sweepDueReminders(t.db, restart)).toBeGreaterThanOrEqual(1);
    expect(await reminderMails("remind-ahead@example.com")).toHaveLength(1);
    expect(await reminderMails("remind-past@example.com")).toHaveLength(0);
  });

  it("makes no reminder for an appointment written less than 24 hours ahead", async () => {
    const a = await book({ email: "remind-soon@example.com" });
    await t.db.delete(appointmentReminders).where(eq(appointmentReminders.appointmentId, a.id));
    await t.db.transaction((tx) => syncReminder(tx, a, new Date(due(a).getTime() + minute)));
    expect(await t.db.select().from(appointmentReminders).where(eq(appointmentReminders.appointmentId, a.id))).toHaveLength(0);
  });

  it("texts a client who turned SMS on and has a phone; respects reminders off", async () => {
    const texter = await createUser(t.db, { role: "client", phone: "+44 7700 900123" });
    await savePreferences(t.db, texter.id, { smsEnabled: true });
    const a = await book({ clientUserId: texter.id, email: texter.email });
    expect(await sendReminderIfDue(t.db, a.id, new Date(due(a).getTime() + minute))).toBe(true);
    // The booking's own confirmation was texted too; the reminder is the other one.
    const texts = (await t.db.select().from(smsMessages).where(eq(smsMessages.to, "+447700900123"))).filter((m) => m.text.startsWith("Reminder:"));
    expect(texts).toHaveLength(1);
    expect(texts[0]!.text).toMatch(/^Reminder: Haircut at Studio/);
    expect(texts[0]!.text).toContain(`/account/appointments/${a.id}`);

    const quiet = await createUser(t.db, { role: "client", phone: "+44 7700 900456" });
    await savePreferences(t.db, quiet.id, { smsEnabled: true, reminders: false, remindersSms: false });
    const b = await book({ clientUserId: quiet.id, email: quiet.email });
    expect(await sendReminderIfDue(t.db, b.id, new Date(due(b).getTime() + minute))).toBe(true);
    expect(await reminderMails(quiet.email)).toHaveLength(0);
    expect((await t.db.select().from(smsMessages).where(eq(smsMessages.to, "+447700900456"))).filter((m) => m.text.startsWith("Reminder:"))).toHaveLength(0);
  });
});
