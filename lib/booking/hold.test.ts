import { desc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { appointmentChanges, appointmentReminders, appointments, mailMessages } from "@/db/schema";
import { bossFor } from "@/lib/infra/jobs/boss";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { testDrivers } from "@/test/db";
import { rejection } from "@/test/expect-app-error";
import { at, createProviderFixture, createUser, guestContact, type ProviderFixture } from "@/test/fixtures";
import { setUpTestDb } from "@/test/hooks";
import { zonedDate } from "@/lib/availability";
import { applyAppointmentAction } from "@/lib/provider/appointments";
import { bookingResponse } from "./api";
import { createBooking, type CreateBookingInput } from "./create";
import { cancelAppointment, rescheduleAppointment } from "./manage";
import { confirmHold, findHold, HOLD_MINUTES, releaseHold, releaseLapsedHolds } from "./hold";
import { listSlots } from "./slots";
import { loadSchedule } from "./schedule";

// Monday 2 March 2026, 09:00 in Berlin (UTC+1).
const now = new Date("2026-03-02T08:00:00Z");
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);

describe.each(testDrivers())("booking holds (confirm new guests' email) on %s", (kind) => {
  const t = setUpTestDb(kind);
  // Tests share the database: each has its own guest (and other) addresses.
  let n = 0;
  let guest = "";
  let sam = "";
  let kim = "";
  let pat = "";
  beforeEach(() => {
    n++;
    [guest, sam, kim, pat] = ["jane", "sam", "kim", "pat"].map((who) => `${who}-${n}@example.com`) as [string, string, string, string];
  });

  const holding = (over: Parameters<typeof createProviderFixture>[1] = {}) =>
    createProviderFixture(t.db, { ...over, provider: { confirmGuestEmail: true, ...over.provider } });
  const tuesday10 = (f: ProviderFixture) => at(f.provider, "2026-03-03", "10:00");
  const input = (f: ProviderFixture, over: Partial<CreateBookingInput> = {}): CreateBookingInput => ({
    providerId: f.provider.id,
    serviceId: f.service.id,
    start: tuesday10(f),
    ...guestContact,
    email: guest,
    by: "guest",
    ...over,
  });
  const mailsTo = async (to: string) =>
    (await t.db.select().from(mailMessages).where(eq(mailMessages.to, to)).orderBy(mailMessages.createdAt)).map((m) => m.subject);
  const freeTimes = async (f: ProviderFixture, at: Date) =>
    (await listSlots(t.db, { providerId: f.provider.id, serviceId: f.service.id, from: "2026-03-03", to: "2026-03-03" }, at)).slots.map((s) =>
      s.start.toISOString(),
    );
  /** The token of the link in the hold's mail, as the guest would read it. */
  const linkToken = async (to = guest) => {
    const [m] = await t.db.select().from(mailMessages).where(eq(mailMessages.to, to)).orderBy(desc(mailMessages.createdAt)).limit(1);
    return /\/bookings\/confirm-email\/([A-Za-z0-9_-]+)/.exec(m!.text)![1]!;
  };

  it("holds a guest's booking: its time is taken, only the 'confirm your email' mail goes out, and a release job is queued", async () => {
    const f = await holding();
    const { appointment } = await createBooking(t.db, input(f), now);
    expect(appointment.status).toBe("pending");
    expect(appointment.holdUntil?.toISOString()).toBe(later(HOLD_MINUTES).toISOString());
    expect(await mailsTo(guest)).toEqual(["Confirm your email to keep your booking"]);
    expect(await mailsTo(f.provider.email)).toEqual([]);
    expect(await freeTimes(f, now)).not.toContain(tuesday10(f).toISOString());
    // The same time cannot be booked twice while it is held.
    const e = await rejection(createBooking(t.db, input(f, { email: `other-${n}@example.com` }), now));
    expect(e.code).toBe("SLOT_TAKEN");
    // The provider's schedule knows it is a hold (shown "Awaiting email confirmation").
    const schedule = await loadSchedule(t.db, f.provider.id, "2026-03-03", "2026-03-03");
    expect(schedule!.appointments.map((a) => [a.status, a.holdUntil?.toISOString()])).toEqual([["pending", later(HOLD_MINUTES).toISOString()]]);
    const jobs = await bossFor(t.db).findJobs(QUEUES.holdRelease, { data: { appointmentId: appointment.id } });
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.startAfter.toISOString()).toBe(later(HOLD_MINUTES).toISOString());
  });

  it("confirming in time makes it the confirmed booking and sends the new-booking notices once; a second click changes nothing", async () => {
    const f = await holding();
    const { appointment } = await createBooking(t.db, input(f), now);
    const token = await linkToken();
    expect((await findHold(t.db, token, later(10)))?.state).toBe("held");
    const r = await confirmHold(t.db, token, later(10));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.appointment.status).toBe("confirmed");
    expect(r.appointment.holdUntil).toBeNull();
    expect(r.manageToken).toBeTruthy();
    expect(await mailsTo(guest)).toEqual(["Confirm your email to keep your booking", expect.stringMatching(/^Booking confirmed/)]);
    expect(await mailsTo(f.provider.email)).toHaveLength(1);
    expect(await confirmHold(t.db, token, later(11))).toEqual({ ok: false, reason: "already" });
    // The release that comes later leaves a confirmed booking alone, and tells nobody anything.
    expect(await releaseHold(t.db, appointment.id, later(HOLD_MINUTES + 1))).toBe(false);
    await releaseLapsedHolds(t.db, later(HOLD_MINUTES + 1));
    expect(await mailsTo(guest)).toHaveLength(2);
    expect(await mailsTo(f.provider.email)).toHaveLength(1);
    const [row] = await t.db.select().from(appointments).where(eq(appointments.id, appointment.id));
    expect(row!.status).toBe("confirmed");
  });

  it("a provider who approves bookings gets the approval request only once the email is confirmed", async () => {
    const f = await holding({ provider: { requireApproval: true } });
    await createBooking(t.db, input(f), now);
    expect(await mailsTo(f.provider.email)).toEqual([]);
    const r = await confirmHold(t.db, await linkToken(), later(5));
    expect(r.ok && r.appointment.status).toBe("pending");
    expect(await mailsTo(f.provider.email)).toHaveLength(1);
    expect(await mailsTo(guest)).toEqual(["Confirm your email to keep your booking", expect.stringMatching(/request/i)]);
  });

  it("an unconfirmed hold is released at its time by the job or the sweep, once: the time is free again and nobody is mailed", async () => {
    const f = await holding();
    const { appointment } = await createBooking(t.db, input(f), now);
    const second = await createBooking(t.db, input(f, { start: at(f.provider, "2026-03-03", "11:00"), email: sam }), later(1));
    // Not before its time.
    const statuses = async () =>
      (await t.db.select().from(appointments).where(eq(appointments.providerId, f.provider.id)).orderBy(appointments.startsAt)).map((r) => r.status);
    expect(await releaseHold(t.db, appointment.id, later(HOLD_MINUTES - 1))).toBe(false);
    await releaseLapsedHolds(t.db, later(HOLD_MINUTES - 1));
    expect(await statuses()).toEqual(["pending", "pending"]);
    // The job releases the first (a second run does nothing); the sweep, the second; sweeping again, nothing.
    expect(await releaseHold(t.db, appointment.id, later(HOLD_MINUTES))).toBe(true);
    expect(await releaseHold(t.db, appointment.id, later(HOLD_MINUTES))).toBe(false);
    expect(await statuses()).toEqual(["cancelled", "pending"]);
    expect(await releaseLapsedHolds(t.db, later(HOLD_MINUTES + 1))).toBeGreaterThanOrEqual(1);
    await releaseLapsedHolds(t.db, later(HOLD_MINUTES + 2));
    expect(await statuses()).toEqual(["cancelled", "cancelled"]);
    expect(await freeTimes(f, later(HOLD_MINUTES + 2))).toContain(tuesday10(f).toISOString());
    expect(await mailsTo(guest)).toEqual(["Confirm your email to keep your booking"]);
    expect(await mailsTo(sam)).toEqual(["Confirm your email to keep your booking"]);
    expect(await mailsTo(f.provider.email)).toEqual([]);
    const changes = await t.db.select().from(appointmentChanges).where(eq(appointmentChanges.appointmentId, second.appointment.id));
    expect(changes.map((c) => c.kind).sort()).toEqual(["created", "hold_released"]);
    const first = await t.db.select().from(appointmentChanges).where(eq(appointmentChanges.appointmentId, appointment.id));
    expect(first.map((c) => c.kind).sort()).toEqual(["created", "hold_released"]);
  });

  it("a confirmation after the hold lapsed is refused, released or not, and the link says so", async () => {
    const f = await holding();
    const { appointment } = await createBooking(t.db, input(f), now);
    const token = await linkToken();
    // Lapsed but not yet swept: still refused.
    expect(await confirmHold(t.db, token, later(HOLD_MINUTES))).toEqual({ ok: false, reason: "lapsed" });
    expect((await findHold(t.db, token, later(HOLD_MINUTES)))?.state).toBe("lapsed");
    await releaseHold(t.db, appointment.id, later(HOLD_MINUTES));
    expect(await confirmHold(t.db, token, later(HOLD_MINUTES + 1))).toEqual({ ok: false, reason: "lapsed" });
    expect(await confirmHold(t.db, "not-a-real-token-at-all-xxxxxxxx", later(1))).toEqual({ ok: false, reason: "unknown" });
    expect(await mailsTo(f.provider.email)).toEqual([]);
    expect(await mailsTo(guest)).toHaveLength(1);
  });

  it("a signed-in client booking their own verified email, and a provider's phone booking, are not held", async () => {
    const f = await holding();
    const client = await createUser(t.db, { role: "client", email: kim });
    const own = await createBooking(t.db, input(f, { by: "client", clientUserId: client.id, email: kim }), now);
    expect(own.appointment.status).toBe("confirmed");
    expect(own.appointment.holdUntil).toBeNull();
    const phone = await createBooking(t.db, input(f, { by: "provider", source: "phone", start: at(f.provider, "2026-03-03", "11:00") }), now);
    expect(phone.appointment.status).toBe("confirmed");
    expect(phone.appointment.holdUntil).toBeNull();
    // A signed-in client booking for another email is held like a guest.
    const other = await createBooking(t.db, input(f, { by: "client", clientUserId: client.id, email: pat, start: at(f.provider, "2026-03-03", "12:00") }), now);
    expect(other.appointment.holdUntil).not.toBeNull();
    expect(await mailsTo(kim)).toEqual([expect.stringMatching(/^Booking confirmed/)]);
  });

  it("a hold cannot be approved by the business nor moved by the guest; a guest who cancels it tells nobody", async () => {
    const f = await holding({ provider: { requireApproval: true } });
    const { appointment, manageToken } = await createBooking(t.db, input(f), now);
    const approve = await rejection(applyAppointmentAction(t.db, { providerId: f.provider.id, appointmentId: appointment.id, action: "confirm" }, later(1)));
    expect(approve.code).toBe("INVALID_STATE");
    const guestActor = { kind: "guest" as const, token: manageToken };
    const move = await rejection(rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: guestActor, start: at(f.provider, "2026-03-03", "11:00") }, later(1)));
    expect(move.code).toBe("INVALID_STATE");
    expect(move.message).toMatch(/Confirm your email first/);
    const [row] = await t.db.select().from(appointments).where(eq(appointments.id, appointment.id));
    expect(row!.status).toBe("pending");
    expect(row!.startsAt.toISOString()).toBe(tuesday10(f).toISOString());
    await cancelAppointment(t.db, { appointmentId: appointment.id, actor: guestActor }, later(2));
    expect(await mailsTo(f.provider.email)).toEqual([]);
    expect(await mailsTo(guest)).toEqual(["Confirm your email to keep your booking"]);
    expect(await confirmHold(t.db, await linkToken(), later(3))).toEqual({ ok: false, reason: "lapsed" });
  });

  it("a hold gets no reminder until it is confirmed, then the one a booking gets", async () => {
    // The reminder follow-up times against the real clock: book three days from today.
    const today = new Date();
    const f = await holding();
    const start = at(f.provider, zonedDate(new Date(today.getTime() + 3 * 86_400_000), f.provider.timezone), "10:00");
    const { appointment } = await createBooking(t.db, input(f, { start }), today);
    const reminders = async () =>
      (await t.db.select().from(appointmentReminders).where(eq(appointmentReminders.appointmentId, appointment.id))).map((r) => r.dueAt.toISOString());
    expect(await reminders()).toEqual([]);
    expect((await confirmHold(t.db, await linkToken(), new Date(today.getTime() + 60_000))).ok).toBe(true);
    expect(await reminders()).toEqual([new Date(start.getTime() - 24 * 3600_000).toISOString()]);
  });

  it("the JSON API answers a hold as awaiting_email_confirmation, with its deadline and what to do", async () => {
    const f = await holding();
    const body = { serviceId: f.service.id, start: tuesday10(f).toISOString(), ...guestContact, email: guest };
    const r = await bookingResponse(t.db, f.provider.slug, body, now);
    expect(r).toMatchObject({
      status: "awaiting_email_confirmation",
      holdUntil: later(HOLD_MINUTES).toISOString(),
      message: "Check your email to confirm within 30 minutes, or the time is released.",
    });
    expect(r.manageUrl).toMatch(/\/bookings\/[A-Za-z0-9_-]+$/);
  });

  it("with the setting off (the default), a guest's booking is confirmed and told at once, as before", async () => {
    const f = await createProviderFixture(t.db);
    expect(f.provider.confirmGuestEmail).toBe(false);
    const { appointment } = await createBooking(t.db, input(f), now);
    expect(appointment.status).toBe("confirmed");
    expect(appointment.holdUntil).toBeNull();
    expect(await mailsTo(guest)).toEqual([expect.stringMatching(/^Booking confirmed/)]);
    expect(await mailsTo(f.provider.email)).toHaveLength(1);
    expect(await bossFor(t.db).findJobs(QUEUES.holdRelease, { data: { appointmentId: appointment.id } })).toHaveLength(0);
  });
});
