import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countWrites, createTestDb, testDrivers, type TestDb } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { appointmentChanges, appointments, emailVerificationTokens, mailMessages, type Appointment } from "@/db/schema";
import { hashToken } from "@/lib/infra/tokens";
import { verifyEmail } from "@/lib/auth/verification";
import { applyAppointmentAction } from "@/lib/provider/appointments";
import { createBooking } from "./create";
import { cancelAppointment, rescheduleAppointment } from "./manage";
import { addStaffMember, at, createAppointment, createProviderFixture, createUser, guestContact } from "@/test/fixtures";
import { linkAppointmentsToAccount, updateAppointment } from "./write";

/*
 * Every appointment write path, and the change row and notices each one leaves. A write that
 * bypassed lib/booking/write.ts would leave no change row and fail here.
 */

const NOW = new Date("2026-03-02T08:00:00Z");
const DATE = "2026-03-10";

describe.each(testDrivers())("the appointment write path on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t);
  let n = 0;

  /** A new guest booking at the next free half hour of DATE (10:00, 10:30, …). */
  const book = async (email = `guest-${++n}@example.com`, by: "guest" | "provider" = "guest") => {
    const minutes = 600 + 30 * n++;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
    return createBooking(
      t.db,
      { providerId: f.provider.id, serviceId: f.service.id, start: at(f.provider, DATE, time), ...guestContact, email, by },
      NOW,
    );
  };
  const changesOf = (id: string) =>
    t.db.select().from(appointmentChanges).where(eq(appointmentChanges.appointmentId, id)).orderBy(asc(appointmentChanges.createdAt));
  const subjectsTo = async (to: string) =>
    (await t.db.select({ subject: mailMessages.subject, attachments: mailMessages.attachments }).from(mailMessages).where(eq(mailMessages.to, to)))
      .map((m) => `${m.subject}${m.attachments.length ? " [ics]" : ""}`)
      .sort();

  it("create: records `created` by the guest and mails the client (with .ics) and the provider", async () => {
    const email = "create@example.com";
    const { appointment } = await book(email);
    const [change] = await changesOf(appointment.id);
    expect(change).toMatchObject({ kind: "created", actorKind: "guest", actorUserId: null, previousStartsAt: null, previousStatus: null });
    expect(await subjectsTo(email)).toEqual([expect.stringMatching(/^Booking confirmed: .* \[ics\]$/)]);
    expect(await subjectsTo(f.provider.email)).toContain(`New online booking: Haircut, Tuesday, 10 March 2026, 10:00 (Europe/Berlin)`);
  });

  it("create by the provider (walk-in): records the owner as actor and mails only the client", async () => {
    const before = (await subjectsTo(f.provider.email)).length;
    const { appointment } = await book("walkin@example.com", "provider");
    expect((await changesOf(appointment.id))[0]).toMatchObject({ kind: "created", actorKind: "provider", actorUserId: f.owner.id });
    expect(await subjectsTo(f.provider.email)).toHaveLength(before);
    expect(await subjectsTo("walkin@example.com")).toHaveLength(1);
  });

  it("cancel: records `cancelled` with the previous status and the reason, and mails both sides", async () => {
    const email = "cancel@example.com";
    const { appointment } = await book(email);
    await cancelAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "provider", providerId: f.provider.id }, reason: "Ill" }, NOW);
    const changes = await changesOf(appointment.id);
    expect(changes.map((c) => c.kind)).toEqual(["created", "cancelled"]);
    expect(changes[1]).toMatchObject({ actorKind: "provider", actorUserId: f.owner.id, previousStatus: "confirmed", reason: "Ill" });
    expect(await subjectsTo(email)).toHaveLength(2);
    expect((await subjectsTo(f.provider.email)).some((s) => /cancel/i.test(s))).toBe(true);
  });

  it("reschedule: records `rescheduled` with the previous start and end, and mails the moved time with .ics", async () => {
    const email = "move@example.com";
    const { appointment, manageToken } = await book(email);
    const start = at(f.provider, DATE, "16:00");
    await rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token: manageToken }, start }, NOW);
    const change = (await changesOf(appointment.id))[1]!;
    expect(change).toMatchObject({ kind: "rescheduled", actorKind: "guest", previousStatus: "confirmed" });
    expect(change.previousStartsAt!.getTime()).toBe(appointment.startsAt.getTime());
    expect(change.previousEndsAt!.getTime()).toBe(appointment.endsAt.getTime());
    const mails = await subjectsTo(email);
    expect(mails).toHaveLength(2);
    expect(mails.filter((s) => s.endsWith("[ics]"))).toHaveLength(2);
  });

  it("confirm, complete, no-show: one change row each, and only confirming mails the client, with .ics", async () => {
    const g = await createProviderFixture(t.db, { provider: { requireApproval: true } });
    const booked = async (time: string, email: string) =>
      (
        await createBooking(
          t.db,
          { providerId: g.provider.id, serviceId: g.service.id, start: at(g.provider, DATE, time), ...guestContact, email, by: "guest" },
          NOW,
        )
      ).appointment;
    const a = await booked("10:00", "approve@example.com");
    await applyAppointmentAction(t.db, { providerId: g.provider.id, appointmentId: a.id, action: "confirm" }, NOW);
    expect((await changesOf(a.id)).map((c) => [c.kind, c.previousStatus])).toEqual([
      ["created", null],
      ["confirmed", "pending"],
    ]);
    expect(await subjectsTo("approve@example.com")).toEqual([
      `Booking request received: Haircut at ${g.provider.businessName}`,
      `Confirmed: Haircut at ${g.provider.businessName} [ics]`,
    ]);

    const later = new Date(at(g.provider, DATE, "12:00").getTime() + 3_600_000);
    for (const [time, action, kind] of [
      ["11:00", "complete", "completed"],
      ["11:30", "no_show", "no_show"],
    ] as const) {
      const email = `${action}@example.com`;
      const b = await booked(time, email);
      await applyAppointmentAction(t.db, { providerId: g.provider.id, appointmentId: b.id, action }, later);
      const changes = await changesOf(b.id);
      expect(changes.map((c) => [c.kind, c.actorKind, c.previousStatus])).toEqual([
        ["created", "guest", null],
        [kind, "provider", "pending"],
      ]);
      expect(await subjectsTo(email)).toHaveLength(1);
    }
  });

  it("a refused write records nothing: another provider's appointment, a second cancel", async () => {
    const { appointment } = await book();
    const other = await createProviderFixture(t.db);
    await expect(
      applyAppointmentAction(t.db, { providerId: other.provider.id, appointmentId: appointment.id, action: "complete" }, NOW),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await cancelAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "provider", providerId: f.provider.id } }, NOW);
    await expect(
      cancelAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "provider", providerId: f.provider.id } }, NOW),
    ).rejects.toMatchObject({ code: "INVALID_STATE" });
    expect((await changesOf(appointment.id)).map((c) => c.kind)).toEqual(["created", "cancelled"]);
  });

  it("link to an account: verifying an email records `linked` by that client, without mail", async () => {
    const email = "linkme@example.com";
    const { appointment } = await book(email);
    const user = await createUser(t.db, { role: "client", email, emailVerifiedAt: null });
    const token = "link-token-0123456789abcdef";
    await t.db
      .insert(emailVerificationTokens)
      .values({ userId: user.id, tokenHash: hashToken(token), expiresAt: new Date(Date.now() + 3_600_000) });
    const mailsBefore = await subjectsTo(email);
    expect(await verifyEmail(t.db, token)).toMatchObject({ ok: true, linkedAppointments: 1 });
    expect((await changesOf(appointment.id))[1]).toMatchObject({ kind: "linked", actorKind: "client", actorUserId: user.id });
    expect(await subjectsTo(email)).toEqual(mailsBefore);
  });

  it("reassign: records both staff members, leaves the time alone, and tells the client who it is with now", async () => {
    const staffA = (await addStaffMember(t.db, f.provider.id, { name: "A" })).staff.id;
    const staffB = (await addStaffMember(t.db, f.provider.id, { name: "B" })).staff.id;
    const email = "reassigned@example.com";
    const [row] = await t.db
      .update(appointments)
      .set({ staffId: staffA })
      .where(eq(appointments.id, (await book(email)).appointment.id))
      .returning();
    const before = await subjectsTo(email);
    const moved = (await t.db.transaction((tx) =>
      updateAppointment(tx, {
        appointmentId: row!.id,
        kind: "reassigned",
        actor: { kind: "provider", providerId: f.provider.id },
        where: eq(appointments.providerId, f.provider.id),
        set: { staffId: staffB },
      }),
    )) as Appointment;
    expect(moved.staffId).toBe(staffB);
    expect((await changesOf(row!.id))[1]).toMatchObject({ kind: "reassigned", previousStaffId: staffA, staffId: staffB });
    expect(moved.startsAt).toEqual(row!.startsAt);
    expect(await subjectsTo(email)).toEqual([...before, "Update: Haircut at " + f.provider.businessName].sort());
  });
});

describe.each(testDrivers())("a database without the follow-ups wired, on %s", (kind) => {
  // Opened and migrated, its job queue started, but not through lib/app/runtime.ts.
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind, { bare: true });
  });
  afterAll(() => t.dispose());
  const refused = /no follow-ups are wired on this database/;

  it("refuses every appointment write with an error, and writes nothing (no row, no change, no mail, no job)", async () => {
    const f = await createProviderFixture(t.db);
    const booking = { providerId: f.provider.id, serviceId: f.service.id, start: at(f.provider, DATE, "10:00"), ...guestContact, by: "guest" as const };
    await expect(createBooking(t.db, booking, NOW)).rejects.toThrow(refused);
    expect(await countWrites(t.db)).toEqual({ appointments: 0, mails: 0, jobs: 0 });

    const a = await createAppointment(t.db, { providerId: f.provider.id, serviceId: f.service.id, startsAt: at(f.provider, DATE, "11:00") });
    await expect(cancelAppointment(t.db, { appointmentId: a.id, actor: { kind: "provider", providerId: f.provider.id } }, NOW)).rejects.toThrow(refused);
    await expect(
      t.db.transaction((tx) => updateAppointment(tx, { appointmentId: a.id, kind: "confirmed", actor: { kind: "system" }, set: { status: "confirmed" } })),
    ).rejects.toThrow(refused);
    await expect(
      t.db.transaction((tx) => linkAppointmentsToAccount(tx, { userId: f.owner.id, email: a.clientEmail, actor: { kind: "system" } })),
    ).rejects.toThrow(refused);
    const [row] = await t.db.select().from(appointments).where(eq(appointments.id, a.id));
    expect(row).toMatchObject({ status: a.status, clientUserId: null, updatedAt: a.updatedAt });
    expect(await t.db.select().from(appointmentChanges)).toEqual([]);
    expect(await countWrites(t.db)).toEqual({ appointments: 1, mails: 0, jobs: 0 });
  });
});
