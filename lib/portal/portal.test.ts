import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import {
  appointments,
  favorites,
  mailMessages,
  notificationPreferences,
  smsMessages,
  unsubscribeTokens,
  users,
} from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { createBooking } from "@/lib/booking/create";
import { cancelAppointment, rescheduleAppointment } from "@/lib/booking/manage";
import { at, createUser, guestContact } from "@/test/fixtures";
import { rejection } from "@/test/expect-app-error";
import { deliverSms, PermanentSmsError } from "@/lib/infra/outbox/sms";
import { listSms } from "@/lib/infra/outbox/mailbox";
import { changePassword, deleteAccount, updateProfile } from "./account";
import { getOwnAppointment, ownAppointmentIcsOrNull } from "./appointment";
import { listClientAppointments, PAST_PAGE_SIZE } from "./appointments";
import { sendClientMessage } from "@/lib/notices/client-notices";
import { addFavorite, isFavorite, listFavorites, removeFavorite } from "./favorites";
import { DEFAULT_PREFERENCES, getPreferences, savePreferences } from "@/lib/notices/preferences";
import { rebookAppointment } from "./rebook";
import { findUnsubscribeToken, issueUnsubscribeToken, unsubscribeWithToken } from "@/lib/notices/unsubscribe";

// Monday 2 March 2026, 09:00 in Berlin.
const now = new Date("2026-03-02T08:00:00Z");

describe.each(testDrivers())("client portal on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { provider: { cancellationWindowHours: 24, guestBookingLimit: 20 } });
  let day = 3;

  const client = (values: Partial<typeof users.$inferInsert> = {}) => createUser(t.db, { role: "client", ...values });
  async function book(clientUserId: string | null, opts: { date?: string; time?: string } = {}) {
    const date = opts.date ?? `2026-03-${String(day++).padStart(2, "0")}`;
    const { appointment } = await createBooking(
      t.db,
      {
        providerId: f.provider.id,
        serviceId: f.service.id,
        start: at(f.provider, date, opts.time ?? "10:00"),
        ...guestContact,
        by: clientUserId ? "client" : "guest",
        clientUserId,
      },
      now,
    );
    return appointment;
  }
  const mailsTo = async (to: string) => t.db.select().from(mailMessages).where(eq(mailMessages.to, to));

  describe("owner-only appointment access", () => {
    it("shows the owner their appointment and .ics; another client, the provider's login and a staff login get nothing", async () => {
      const me = await client();
      const other = await client();
      const staff = await createUser(t.db, { role: "staff" });
      const a = await book(me.id);
      expect((await getOwnAppointment(t.db, { id: me.id, role: "client" }, a.id, now))?.id).toBe(a.id);
      expect(await ownAppointmentIcsOrNull(t.db, { id: me.id, role: "client" }, a.id)).toContain("BEGIN:VCALENDAR");
      for (const viewer of [
        { id: other.id, role: "client" },
        { id: f.owner.id, role: "provider" },
        { id: staff.id, role: "staff" },
        null,
      ]) {
        expect(await getOwnAppointment(t.db, viewer, a.id, now)).toBeNull();
        expect(await ownAppointmentIcsOrNull(t.db, viewer, a.id)).toBeNull();
      }
    });

    it("refuses to cancel, reschedule or rebook someone else's appointment as NOT_FOUND and changes nothing", async () => {
      const me = await client();
      const other = await client();
      const a = await book(me.id);
      const before = await t.db.select().from(appointments);
      const newStart = at(f.provider, "2026-04-01", "11:00");
      // Started one at a time: a rejection nobody awaits yet is an unhandled rejection.
      const attempts = [
        () => cancelAppointment(t.db, { appointmentId: a.id, actor: { kind: "client", userId: other.id } }, now),
        () => rescheduleAppointment(t.db, { appointmentId: a.id, actor: { kind: "client", userId: other.id }, start: newStart }, now),
        () => rebookAppointment(t.db, { userId: other.id, appointmentId: a.id, start: newStart }, now),
        () => rebookAppointment(t.db, { userId: f.owner.id, appointmentId: a.id, start: newStart }, now),
      ];
      for (const attempt of attempts) expect((await rejection(attempt())).code).toBe("NOT_FOUND");
      expect(await t.db.select().from(appointments)).toEqual(before);
    });

    it("rebooks the same business, service and staff member at a new time, on the owner's account", async () => {
      const me = await client({ phone: "+44 20 7946 2222" });
      const a = await book(me.id);
      const start = at(f.provider, "2026-04-02", "15:00");
      const id = await rebookAppointment(t.db, { userId: me.id, appointmentId: a.id, start }, now);
      const [row] = await t.db.select().from(appointments).where(eq(appointments.id, id));
      expect(row).toMatchObject({ clientUserId: me.id, providerId: f.provider.id, serviceId: f.service.id, staffId: a.staffId, clientEmail: me.email, clientPhone: "+44 20 7946 2222", status: "confirmed" });
      expect(row!.startsAt.toISOString()).toBe(start.toISOString());
      // The same time again is taken: the database refuses it.
      expect((await rejection(rebookAppointment(t.db, { userId: me.id, appointmentId: a.id, start }, now))).code).toBe("SLOT_TAKEN");
      // And a time outside the hours is refused too.
      expect((await rejection(rebookAppointment(t.db, { userId: me.id, appointmentId: a.id, start: at(f.provider, "2026-04-02", "20:00") }, now))).code).toBe("OUTSIDE_HOURS");
    });

    it("refuses a cancellation inside the window with the reason and how to reach the business", async () => {
      const me = await client();
      const appt = await book(me.id, { date: "2026-04-20" });
      const late = new Date(appt.startsAt.getTime() - 23 * 3600_000);
      const view = await getOwnAppointment(t.db, { id: me.id, role: "client" }, appt.id, late);
      expect(view!.canCancel).toBe(false);
      expect(view!.blockedReason).toContain("less than 24 hours");
      expect(view!.blockedReason).toContain(f.provider.phone);
      const e = await rejection(
        cancelAppointment(t.db, { appointmentId: appt.id, actor: { kind: "client", userId: me.id } }, late),
      );
      expect(e.code).toBe("CANCEL_WINDOW");
    });
  });

  describe("listing", () => {
    it("pages past appointments newest first", async () => {
      const me = await client();
      const ids: string[] = [];
      for (let i = 0; i < PAST_PAGE_SIZE + 2; i++) ids.push((await book(me.id)).id);
      const later = new Date("2026-06-01T00:00:00Z");
      const first = await listClientAppointments(t.db, me.id, later);
      expect(first).toMatchObject({ pastPage: 1, pastPages: 2, upcoming: [] });
      expect(first.past.map((a) => a.id)).toEqual([...ids].reverse().slice(0, PAST_PAGE_SIZE));
      const second = await listClientAppointments(t.db, me.id, later, { pastPage: 2 });
      expect(second.past.map((a) => a.id)).toEqual([ids[1], ids[0]]);
      // A page past the end shows the last page.
      expect((await listClientAppointments(t.db, me.id, later, { pastPage: 99 })).pastPage).toBe(2);
    });
  });

  describe("favourites", () => {
    it("adds idempotently, lists with the next free time and the service to book again, and removes", async () => {
      const me = await client();
      await addFavorite(t.db, me.id, f.provider.slug);
      await addFavorite(t.db, me.id, f.provider.slug);
      const rows = await t.db.select().from(favorites).where(eq(favorites.userId, me.id));
      expect(rows).toHaveLength(1);
      expect(await isFavorite(t.db, me.id, f.provider.id)).toBe(true);
      const [fav] = await listFavorites(t.db, me.id, now);
      expect(fav).toMatchObject({ slug: f.provider.slug, service: { id: f.service.id } });
      // 09:00 Berlin with 60 minutes' notice: 10:00 is the first free start today.
      expect(fav!.nextFree?.toISOString()).toBe(at(f.provider, "2026-03-02", "10:00").toISOString());
      await removeFavorite(t.db, me.id, f.provider.slug);
      await removeFavorite(t.db, me.id, f.provider.slug);
      expect(await listFavorites(t.db, me.id, now)).toEqual([]);
    });

    it("keeps one favourite per client and business in the database itself", async () => {
      const me = await client();
      await t.db.insert(favorites).values({ userId: me.id, providerId: f.provider.id });
      await expect(t.db.insert(favorites).values({ userId: me.id, providerId: f.provider.id })).rejects.toThrow();
    });

    it("refuses an unknown business and shows no one else's favourites", async () => {
      const me = await client();
      const other = await client();
      await addFavorite(t.db, other.id, f.provider.slug);
      expect((await rejection(addFavorite(t.db, me.id, "no-such-place"))).code).toBe("NOT_FOUND");
      expect(await listFavorites(t.db, me.id, now)).toEqual([]);
    });
  });

  describe("preferences and the one decision point", () => {
    const message = (userId: string | null, email: string, kind: "confirmation" | "reminder" | "cancellation" | "promotional") => ({
      kind,
      userId,
      email,
      phone: "+44 20 7946 0958",
      mail: { subject: `Subject ${kind}`, text: "Body" },
      sms: `Text ${kind}`,
    });

    it("defaults to the seed's six with SMS and promotions off", async () => {
      const me = await client();
      expect(await getPreferences(t.db, me.id)).toEqual(DEFAULT_PREFERENCES);
      await savePreferences(t.db, me.id, { reminders: false });
      await savePreferences(t.db, me.id, { smsEnabled: true });
      expect(await getPreferences(t.db, me.id)).toEqual({ ...DEFAULT_PREFERENCES, reminders: false, smsEnabled: true });
    });

    it("sends a switchable mail with its own one-click unsubscribe link and headers", async () => {
      const me = await client();
      const sent = await t.db.transaction((tx) => sendClientMessage(tx, message(me.id, me.email, "reminder")));
      expect(sent).toEqual({ email: true, sms: false });
      const [mail] = await mailsTo(me.email);
      expect(mail!.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
      const link = mail!.headers["List-Unsubscribe"]!.match(/^<(.+)>$/)![1]!;
      expect(link).toMatch(/\/api\/unsubscribe\/[A-Za-z0-9_-]+$/);
      const token = link.split("/").pop()!;
      expect(mail!.text).toContain(`/unsubscribe/${token}`);
      // Opening the page changes nothing; the POST turns reminders off, once.
      expect(await findUnsubscribeToken(t.db, token)).toEqual({ topic: "reminders", used: false });
      expect((await getPreferences(t.db, me.id)).reminders).toBe(true);
      expect(await unsubscribeWithToken(t.db, token)).toEqual({ topic: "reminders" });
      expect(await unsubscribeWithToken(t.db, token)).toEqual({ topic: "reminders" });
      expect(await getPreferences(t.db, me.id)).toEqual({ ...DEFAULT_PREFERENCES, reminders: false });
      // And the next reminder is not sent.
      const again = await t.db.transaction((tx) => sendClientMessage(tx, message(me.id, me.email, "reminder")));
      expect(again).toEqual({ email: false, sms: false });
      expect(await mailsTo(me.email)).toHaveLength(1);
    });

    it("an unknown or malformed unsubscribe token changes nothing", async () => {
      expect(await unsubscribeWithToken(t.db, "x".repeat(43))).toBeNull();
      expect(await unsubscribeWithToken(t.db, "../../etc")).toBeNull();
      expect(await findUnsubscribeToken(t.db, "x".repeat(43))).toBeNull();
    });

    it.each([
      ["bookingConfirmations", "confirmation"],
      ["reminders", "reminder"],
      ["cancellationUpdates", "cancellation"],
    ] as const)("with %s (its mail switch) off, no %s is mailed, and its text still goes", async (mailKey, kind) => {
      const phone = `+44 20 7946 ${String(1000 + day++)}`;
      const me = await client({ phone });
      await savePreferences(t.db, me.id, { smsEnabled: true, [mailKey]: false });
      const sent = await t.db.transaction((tx) => sendClientMessage(tx, message(me.id, me.email, kind)));
      expect(sent).toEqual({ email: false, sms: true });
      expect(await mailsTo(me.email)).toHaveLength(0);
      // The other kinds still go out, on both channels.
      const other = kind === "reminder" ? "confirmation" : "reminder";
      expect(await t.db.transaction((tx) => sendClientMessage(tx, message(me.id, me.email, other)))).toEqual({ email: true, sms: true });
      const texts = await t.db.select().from(smsMessages).where(eq(smsMessages.to, phone.replace(/[^+\d]/g, "")));
      expect(texts.map((s) => s.text).sort()).toEqual([`Text ${kind}`, `Text ${other}`].sort());
    });

    it.each([
      ["bookingConfirmationsSms", "confirmation"],
      ["remindersSms", "reminder"],
      ["cancellationUpdatesSms", "cancellation"],
    ] as const)("with %s off, no %s is texted, and its mail still comes", async (smsKey, kind) => {
      const phone = `+44 20 7946 ${String(1000 + day++)}`;
      const me = await client({ phone });
      await savePreferences(t.db, me.id, { smsEnabled: true, [smsKey]: false });
      const sent = await t.db.transaction((tx) => sendClientMessage(tx, message(me.id, me.email, kind)));
      expect(sent).toEqual({ email: true, sms: false });
      expect((await mailsTo(me.email)).map((m) => m.subject)).toEqual([`Subject ${kind}`]);
      const other = kind === "reminder" ? "confirmation" : "reminder";
      expect(await t.db.transaction((tx) => sendClientMessage(tx, message(me.id, me.email, other)))).toEqual({ email: true, sms: true });
      const texts = await t.db.select().from(smsMessages).where(eq(smsMessages.to, phone.replace(/[^+\d]/g, "")));
      expect(texts.map((s) => s.text)).toEqual([`Text ${other}`]);
    });

    it("with email off sends no email at all", async () => {
      const me = await client();
      await savePreferences(t.db, me.id, { emailEnabled: false, promotionalEmail: true });
      for (const kind of ["confirmation", "reminder", "cancellation", "promotional"] as const) {
        await t.db.transaction((tx) => sendClientMessage(tx, message(me.id, me.email, kind)));
      }
      expect(await mailsTo(me.email)).toHaveLength(0);
    });

    it("gives a guest transactional email without an unsubscribe link, and no promotions", async () => {
      const email = "guest-decision@example.com";
      for (const kind of ["confirmation", "reminder", "cancellation", "promotional"] as const) {
        await t.db.transaction((tx) => sendClientMessage(tx, message(null, email, kind)));
      }
      const mails = await mailsTo(email);
      expect(mails.map((m) => m.subject).sort()).toEqual(["Subject cancellation", "Subject confirmation", "Subject reminder"]);
      expect(mails.every((m) => Object.keys(m.headers).length === 0)).toBe(true);
    });
  });

  describe("text messages", () => {
    it("captures a text without a gateway, sends through one when set, and stops on a permanent error", async () => {
      const ids = await t.db.transaction(async (tx) => {
        const { queueSms } = await import("@/lib/infra/outbox/sms");
        return [await queueSms(tx, { to: "+1 (555) 010-9999", text: "A" }), await queueSms(tx, { to: "+15550109999", text: "B" }), await queueSms(tx, { to: "+15550109999", text: "C" })];
      });
      await deliverSms(t.db, ids[0]!);
      const sent: string[] = [];
      await deliverSms(t.db, ids[1]!, async (s) => void sent.push(s.text));
      await deliverSms(t.db, ids[1]!, async (s) => void sent.push(s.text)); // a retried job: not sent twice
      await deliverSms(t.db, ids[2]!, async () => {
        throw new PermanentSmsError("unknown number");
      });
      expect(sent).toEqual(["B"]);
      const box = await listSms(t.db, { to: "555 0109999" });
      expect(Object.fromEntries(box.map((s) => [s.text, s.status]))).toEqual({ A: "captured", B: "sent", C: "failed" });
    });
  });

  describe("account settings", () => {
    it("changes name and phone, and the password only with the current one", async () => {
      const me = await client({ passwordHash: await hashPassword("old-password-1") });
      await updateProfile(t.db, me.id, { name: "New Name", phone: "+44 20 7946 1111" });
      const [row] = await t.db.select().from(users).where(eq(users.id, me.id));
      expect(row).toMatchObject({ name: "New Name", phone: "+44 20 7946 1111" });
      const e = await rejection(changePassword(t.db, me.id, { currentPassword: "wrong", newPassword: "new-password-2" }));
      expect(e.fieldErrors?.currentPassword).toBeDefined();
      await changePassword(t.db, me.id, { currentPassword: "old-password-1", newPassword: "new-password-2" });
      const [after] = await t.db.select().from(users).where(eq(users.id, me.id));
      expect(await verifyPassword(after!.passwordHash!, "new-password-2")).toBe(true);
    });

    it("deletes the login, favourites, preferences and tokens; appointments stay as guest bookings", async () => {
      const me = await client({ passwordHash: await hashPassword("my-password-1") });
      const a = await book(me.id);
      await addFavorite(t.db, me.id, f.provider.slug);
      await savePreferences(t.db, me.id, { reminders: false });
      await issueUnsubscribeToken(t.db, me.id, "reminders");
      expect((await rejection(deleteAccount(t.db, me.id, "not-my-password"))).fieldErrors?.password).toBeDefined();
      expect(await t.db.select().from(users).where(eq(users.id, me.id))).toHaveLength(1);

      await deleteAccount(t.db, me.id, "my-password-1");
      expect(await t.db.select().from(users).where(eq(users.id, me.id))).toHaveLength(0);
      expect(await t.db.select().from(favorites).where(eq(favorites.userId, me.id))).toHaveLength(0);
      expect(await t.db.select().from(notificationPreferences).where(eq(notificationPreferences.userId, me.id))).toHaveLength(0);
      expect(await t.db.select().from(unsubscribeTokens).where(eq(unsubscribeTokens.userId, me.id))).toHaveLength(0);
      const [kept] = await t.db.select().from(appointments).where(and(eq(appointments.id, a.id)));
      expect(kept).toMatchObject({ clientUserId: null, status: "confirmed", clientEmail: guestContact.email });
    });
  });
});
