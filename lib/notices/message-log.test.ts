import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpProviderFixture, setUpTestDb } from "@/test/hooks";
import { appointmentReminders, mailMessages } from "@/db/schema";
import { addDays, zonedDate } from "@/lib/availability";
import { createBooking } from "@/lib/booking/create";
import { cancelAppointment } from "@/lib/booking/manage";
import { deliverMail, PermanentMailError } from "@/lib/infra/outbox/mail";
import { at, createProviderFixture, createUser, guestContact } from "@/test/fixtures";
import { appointmentMessageLog } from "./message-log";
import { savePreferences, type Preferences } from "./preferences";
import { sendReminderIfDue } from "./reminders";
import { unsubscribeWithToken } from "./unsubscribe";

/*
 * The message log of an appointment, as its provider reads it: what each change (and the
 * reminder) sent to whom, on which channel, and what became of it — sent, failed, or skipped by
 * the client's preferences or an unsubscribe link.
 */

describe.each(testDrivers())("the message log on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { provider: { cancellationWindowHours: 0, bookingHorizonDays: 120, guestBookingLimit: 20 } });
  const now = new Date();
  let slot = 0;
  const nextStart = () => {
    const i = slot++;
    return at(f.provider, addDays(zonedDate(now, f.provider.timezone), 3 + Math.floor(i / 8)), `${String(9 + (i % 8)).padStart(2, "0")}:00`);
  };
  const client = async (prefs: Partial<Preferences> = {}, phone: string | null = null) => {
    const user = await createUser(t.db, { role: "client", phone });
    if (Object.keys(prefs).length) await savePreferences(t.db, user.id, prefs);
    return user;
  };
  const book = (user: { id: string; email: string } | null, email = user?.email ?? guestContact.email) =>
    createBooking(t.db, { providerId: f.provider.id, serviceId: f.service.id, start: nextStart(), ...guestContact, email, by: user ? "client" : "guest", clientUserId: user?.id }, now);
  const log = async (id: string) =>
    (await appointmentMessageLog(t.db, f.provider.id, id)).map((m) => ({ kind: m.kind, recipient: m.recipient, channel: m.channel, state: m.state, skipped: m.skipped }));

  it("records each message a change queues, and what became of it: sent, or failed with the error", async () => {
    const { appointment } = await book(null, "log-guest@example.com");
    expect(await log(appointment.id)).toEqual([
      { kind: "booking_confirmed", recipient: "client", channel: "email", state: "queued", skipped: null },
      { kind: "provider_new_booking", recipient: "provider", channel: "email", state: "queued", skipped: null },
    ]);
    const [confirmation] = await t.db.select().from(mailMessages).where(eq(mailMessages.to, "log-guest@example.com"));
    await deliverMail(t.db, confirmation!.id, async () => {
      throw new PermanentMailError("550 mailbox unavailable");
    });
    await cancelAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "provider", providerId: f.provider.id }, reason: "Closed" }, now);
    const entries = await appointmentMessageLog(t.db, f.provider.id, appointment.id);
    expect(entries[0]).toMatchObject({ kind: "booking_confirmed", state: "failed", error: "550 mailbox unavailable", to: "log-guest@example.com" });
    expect(entries.map((e) => e.kind)).toContain("cancelled");
    const [cancelMail] = (await t.db.select().from(mailMessages).where(eq(mailMessages.to, "log-guest@example.com"))).filter((m) => m.id !== confirmation!.id);
    await deliverMail(t.db, cancelMail!.id); // no transport: captured, which counts as sent
    expect((await appointmentMessageLog(t.db, f.provider.id, appointment.id)).find((e) => e.kind === "cancelled" && e.recipient === "client")).toMatchObject({ state: "sent" });
  });

  it("records what the client's preferences kept back, and says when an unsubscribe link did it", async () => {
    // Switched off on the preferences page; texts wanted but the topic's texts are off too.
    const quiet = await client({ bookingConfirmations: false, bookingConfirmationsSms: false, smsEnabled: true }, "+44 7700 900123");
    const { appointment: a } = await book(quiet);
    expect((await log(a.id)).filter((m) => m.recipient === "client")).toEqual([
      { kind: "booking_confirmed", recipient: "client", channel: "email", state: "skipped", skipped: "preferences" },
      { kind: "booking_confirmed", recipient: "client", channel: "sms", state: "skipped", skipped: "preferences" },
    ]);
    // Each channel has its own switch: the topic's mail off, its text still goes.
    const textsOnly = await client({ bookingConfirmations: false, smsEnabled: true }, "+44 7700 900124");
    const { appointment: c } = await book(textsOnly);
    expect((await log(c.id)).filter((m) => m.recipient === "client")).toEqual([
      { kind: "booking_confirmed", recipient: "client", channel: "sms", state: "queued", skipped: null },
      { kind: "booking_confirmed", recipient: "client", channel: "email", state: "skipped", skipped: "preferences" },
    ]);

    // Turned off through the link in a confirmation: the next one is skipped as "unsubscribed".
    const me = await client();
    await book(me);
    const [mail] = await t.db.select().from(mailMessages).where(eq(mailMessages.to, me.email));
    const token = /\/unsubscribe\/([A-Za-z0-9_-]+)/.exec(mail!.text)![1]!;
    expect(await unsubscribeWithToken(t.db, token)).toMatchObject({ topic: "booking_confirmations" });
    const { appointment: b } = await book(me);
    expect((await log(b.id)).filter((m) => m.recipient === "client")).toEqual([
      { kind: "booking_confirmed", recipient: "client", channel: "email", state: "skipped", skipped: "unsubscribed" },
    ]);
  });

  it("records a reminder the client switched off, and a sent one", async () => {
    const off = await client({ reminders: false });
    const on = await client();
    const { appointment: a } = await book(off);
    const { appointment: b } = await book(on);
    for (const id of [a.id, b.id]) {
      const [r] = await t.db.select().from(appointmentReminders).where(eq(appointmentReminders.appointmentId, id));
      expect(await sendReminderIfDue(t.db, id, r!.dueAt)).toBe(true);
    }
    expect((await log(a.id)).filter((m) => m.kind === "reminder")).toEqual([{ kind: "reminder", recipient: "client", channel: "email", state: "skipped", skipped: "preferences" }]);
    expect((await log(b.id)).filter((m) => m.kind === "reminder")).toEqual([{ kind: "reminder", recipient: "client", channel: "email", state: "queued", skipped: null }]);
  });

  it("shows another provider nothing of it", async () => {
    const { appointment } = await book(null, "log-private@example.com");
    const other = await createProviderFixture(t.db);
    expect(await appointmentMessageLog(t.db, other.provider.id, appointment.id)).toEqual([]);
    expect(await appointmentMessageLog(t.db, f.provider.id, "not-a-uuid")).toEqual([]);
    expect((await appointmentMessageLog(t.db, f.provider.id, appointment.id)).length).toBeGreaterThan(0);
  });
});
