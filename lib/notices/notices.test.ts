import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { appointmentReminders, mailMessages, notificationPreferences, smsMessages } from "@/db/schema";
import { addDays, zonedDate } from "@/lib/availability";
import { createBooking } from "@/lib/booking/create";
import { cancelAppointment, rescheduleAppointment } from "@/lib/booking/manage";
import { at, createProviderFixture, createUser, guestContact } from "@/test/fixtures";
import { applyAppointmentAction } from "@/lib/provider/appointments";
import { REMINDER_LEAD_MS } from "./reminders";
import { getPreferences, savePreferences, type Preferences } from "./preferences";
import { unsubscribeWithToken } from "./unsubscribe";

/*
 * The write path's notice decision point with client preferences plugged in: every change
 * (create, cancel, reschedule, approval) by every actor, each switch, and the reminder seam.
 * Runs on the real clock (the reminder follow-up times itself from now), on days ahead.
 */

describe.each(testDrivers())("notices through the write path on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { provider: { cancellationWindowHours: 0, bookingHorizonDays: 120 } });
  let slot = 0;
  const now = new Date();

  /** A fresh start: 3 days ahead and on, every half hour from 09:00 to 16:30, then the next day. */
  function nextStart(): Date {
    const i = slot++;
    const date = addDays(zonedDate(now, f.provider.timezone), 3 + Math.floor(i / 16));
    const minutes = 9 * 60 + 30 * (i % 16);
    return at(f.provider, date, `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`);
  }

  async function client(prefs: Partial<Preferences> = {}, phone: string | null = null) {
    const user = await createUser(t.db, { role: "client", phone });
    if (Object.keys(prefs).length) await savePreferences(t.db, user.id, prefs);
    return user;
  }

  async function book(user: { id: string; email: string } | null, email = user?.email ?? guestContact.email) {
    return createBooking(
      t.db,
      { providerId: f.provider.id, serviceId: f.service.id, start: nextStart(), ...guestContact, email, by: user ? "client" : "guest", clientUserId: user?.id },
      now,
    );
  }

  const subjects = async (to: string) => (await t.db.select().from(mailMessages).where(eq(mailMessages.to, to))).map((m) => m.subject).sort();
  const texts = async (to: string) => (await t.db.select().from(smsMessages).where(eq(smsMessages.to, to))).map((s) => s.text);

  it("sends confirmations by default, with an unsubscribe link to accounts and none to guests", async () => {
    const me = await client();
    await book(me);
    const [mail] = await t.db.select().from(mailMessages).where(eq(mailMessages.to, me.email));
    expect(mail!.subject).toMatch(/^Booking confirmed/);
    expect(mail!.headers).toMatchObject({ "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" });
    expect(mail!.text).toMatch(/Stop getting booking confirmations by email: http.*\/unsubscribe\//);

    const guestEmail = "guest-default@example.com";
    await book(null, guestEmail);
    const [guestMail] = await t.db.select().from(mailMessages).where(eq(mailMessages.to, guestEmail));
    expect(guestMail!.subject).toMatch(/^Booking confirmed/);
    expect(guestMail!.headers).toEqual({});
  });

  it("with confirmations off by email and by text, none is sent, but the business still hears of the booking", async () => {
    const me = await client({ bookingConfirmations: false, bookingConfirmationsSms: false, smsEnabled: true }, "+44 7700 900001");
    const before = (await subjects(f.provider.email)).length;
    await book(me);
    expect(await subjects(me.email)).toEqual([]);
    expect(await texts("+447700900001")).toEqual([]);
    expect((await subjects(f.provider.email)).length).toBe(before + 1);
  });

  it("with cancellation updates off, neither a cancellation nor a move is sent to the client; the business gets both", async () => {
    const me = await client({ cancellationUpdates: false });
    const { appointment: a } = await book(me);
    const { appointment: b } = await book(me);
    await rescheduleAppointment(t.db, { appointmentId: a.id, actor: { kind: "client", userId: me.id }, start: nextStart() }, now);
    await cancelAppointment(t.db, { appointmentId: b.id, actor: { kind: "provider", providerId: f.provider.id }, reason: "Closed" }, now);
    expect((await subjects(me.email)).filter((s) => !s.startsWith("Booking confirmed"))).toEqual([]);
    const provider = await subjects(f.provider.email);
    expect(provider.some((s) => s.startsWith("Rescheduled: Haircut"))).toBe(true);
    expect(provider.some((s) => s.startsWith("Cancelled: Haircut"))).toBe(true);
  });

  it("with email off, no email of any kind reaches the client", async () => {
    const me = await client({ emailEnabled: false });
    const { appointment: a } = await book(me);
    await rescheduleAppointment(t.db, { appointmentId: a.id, actor: { kind: "client", userId: me.id }, start: nextStart() }, now);
    await cancelAppointment(t.db, { appointmentId: a.id, actor: { kind: "client", userId: me.id } }, now);
    expect(await subjects(me.email)).toEqual([]);
  });

  it("texts confirmations and changes when SMS is on and there is a phone", async () => {
    const me = await client({ smsEnabled: true }, "+44 7700 900002");
    const { appointment: a } = await book(me);
    await rescheduleAppointment(t.db, { appointmentId: a.id, actor: { kind: "client", userId: me.id }, start: nextStart() }, now);
    await cancelAppointment(t.db, { appointmentId: a.id, actor: { kind: "client", userId: me.id } }, now);
    const sent = await texts("+447700900002");
    expect(sent).toHaveLength(3);
    expect(sent[0]).toMatch(/^Booked: Haircut at Studio .*\(Europe\/Berlin\)\./);
    expect(sent[1]).toMatch(/^Moved: Haircut at Studio .*, now .* \(was .*\)\./);
    expect(sent[2]).toMatch(/^Cancelled: Haircut/);
  });

  it("a confirmation mail's unsubscribe link stops confirmation mails only: the next booking is still texted", async () => {
    const me = await client({ smsEnabled: true }, "+44 7700 900003");
    await book(me);
    const [mail] = await t.db.select().from(mailMessages).where(eq(mailMessages.to, me.email));
    const token = mail!.text.match(/Stop getting booking confirmations by email: http\S*\/unsubscribe\/([A-Za-z0-9_-]+)/)![1]!;
    expect(await unsubscribeWithToken(t.db, token)).toEqual({ topic: "booking_confirmations" });

    const { appointment: a } = await book(me);
    expect(await subjects(me.email)).toEqual([mail!.subject]);
    const sent = await texts("+447700900003");
    expect(sent).toHaveLength(2);
    expect(sent[1]).toMatch(/^Booked: Haircut at Studio/);
    // Other topics' mail is untouched.
    await cancelAppointment(t.db, { appointmentId: a.id, actor: { kind: "client", userId: me.id } }, now);
    expect((await subjects(me.email)).some((s) => s.startsWith("Cancelled"))).toBe(true);
  });

  it("confirmation texts off: the mail still comes, no text", async () => {
    const me = await client({ smsEnabled: true, bookingConfirmationsSms: false }, "+44 7700 900004");
    await book(me);
    expect((await subjects(me.email)).map((s) => s.split(":")[0])).toEqual(["Booking confirmed"]);
    expect(await texts("+447700900004")).toEqual([]);
  });

  it.each(["guest", "client", "provider"] as const)(
    "a change by the %s tells both the client and the business, with the old and new times",
    async (actorKind) => {
      const me = actorKind === "client" ? await client() : null;
      const email = me?.email ?? `both-${actorKind}@example.com`;
      const { appointment: a, manageToken } = await book(me, email);
      const actor =
        actorKind === "guest"
          ? ({ kind: "guest", token: manageToken } as const)
          : actorKind === "client"
            ? ({ kind: "client", userId: me!.id } as const)
            : ({ kind: "provider", providerId: f.provider.id } as const);
      const providerBefore = await subjects(f.provider.email);
      await rescheduleAppointment(t.db, { appointmentId: a.id, actor, start: nextStart() }, now);
      await cancelAppointment(t.db, { appointmentId: a.id, actor, reason: "Changed plans" }, now);
      const mails = await t.db.select().from(mailMessages).where(eq(mailMessages.to, email));
      const moved = mails.find((m) => m.subject.startsWith("Rescheduled"));
      expect(moved!.text).toMatch(/Was: /);
      expect(moved!.text).toMatch(/Now: /);
      expect(mails.some((m) => m.subject.startsWith("Cancelled"))).toBe(true);
      const providerNew = (await subjects(f.provider.email)).filter((s) => !providerBefore.includes(s) || s.startsWith("Cancelled"));
      expect(providerNew.some((s) => s.startsWith("Rescheduled"))).toBe(true);
      expect(providerNew.some((s) => s.startsWith("Cancelled"))).toBe(true);
    },
  );

  it("registers the reminder in the write path: timed 24 h before, re-timed on a move, dropped on a cancel", async () => {
    const me = await client();
    const { appointment: a } = await book(me);
    const reminder = async () =>
      (await t.db.select().from(appointmentReminders).where(eq(appointmentReminders.appointmentId, a.id)))[0];
    expect((await reminder())!.dueAt.toISOString()).toBe(new Date(a.startsAt.getTime() - REMINDER_LEAD_MS).toISOString());
    const moved = await rescheduleAppointment(t.db, { appointmentId: a.id, actor: { kind: "client", userId: me.id }, start: nextStart() }, now);
    expect((await reminder())!.dueAt.toISOString()).toBe(new Date(moved.startsAt.getTime() - REMINDER_LEAD_MS).toISOString());
    await cancelAppointment(t.db, { appointmentId: a.id, actor: { kind: "client", userId: me.id } }, now);
    expect(await reminder()).toBeUndefined();
  });

  it("approval by the business counts as a confirmation for the switch", async () => {
    const approving = await createProviderFixture(t.db, { provider: { requireApproval: true, bookingHorizonDays: 120 } });
    const me = await client({ bookingConfirmations: false });
    const start = at(approving.provider, addDays(zonedDate(now, approving.provider.timezone), 5), "10:00");
    const { appointment } = await createBooking(
      t.db,
      { providerId: approving.provider.id, serviceId: approving.service.id, start, ...guestContact, email: me.email, by: "client", clientUserId: me.id },
      now,
    );
    await applyAppointmentAction(t.db, { providerId: approving.provider.id, appointmentId: appointment.id, action: "confirm" }, now);
    expect(await subjects(me.email)).toEqual([]);
  });
});

describe.each(testDrivers())("per-channel preferences migration on %s", (kind) => {
  const t = setUpTestDb(kind);

  /** The data step of the migration that split each topic's switch into email and text. */
  function backfill() {
    const dir = path.join(process.cwd(), "drizzle");
    const file = readdirSync(dir).find((n) => n.endsWith("_per_channel_preferences.sql"))!;
    const update = readFileSync(path.join(dir, file), "utf8")
      .split("--> statement-breakpoint")
      .find((s) => /^\s*UPDATE/m.test(s))!;
    return t.db.execute(sql.raw(update));
  }

  it("keeps a topic a client had turned off, off for texts too", async () => {
    const [quiet, chatty] = [await createUser(t.db, { role: "client" }), await createUser(t.db, { role: "client" })];
    // As the rows stood when the text columns were added: their defaults, whatever the topic said.
    await t.db.insert(notificationPreferences).values([
      { userId: quiet.id, smsEnabled: true, reminders: false, bookingConfirmations: false },
      { userId: chatty.id, smsEnabled: true },
    ]);
    await backfill();
    expect(await getPreferences(t.db, quiet.id)).toMatchObject({
      reminders: false,
      remindersSms: false,
      bookingConfirmations: false,
      bookingConfirmationsSms: false,
      cancellationUpdates: true,
      cancellationUpdatesSms: true,
    });
    expect(await getPreferences(t.db, chatty.id)).toMatchObject({ remindersSms: true, bookingConfirmationsSms: true, cancellationUpdatesSms: true });
  });
});
