import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { appointments, mailMessages, type Appointment } from "@/db/schema";
import { AppError } from "@/lib/infra/errors";
import { rejection } from "@/test/expect-app-error";
import { createBooking } from "./create";
import { cancelAppointment, rescheduleAppointment } from "./manage";
import { getAppointmentByToken, getAppointmentForActor, type Actor } from "./read";
import { at, createProviderFixture, createUser, guestContact, type ProviderFixture } from "@/test/fixtures";
import { countWrites } from "@/test/db";
import { newTokenWithHash } from "@/lib/infra/tokens";

// Monday 2 March 2026, 09:00 in Berlin (UTC+1).
const now = new Date("2026-03-02T08:00:00Z");

describe.each(testDrivers())("managing a booking on %s", (kind) => {
  const t = setUpTestDb(kind);
  // One shared business books the same guest many times: the per-guest limit (limits.test.ts) at its highest.
  const f = setUpProviderFixture(t, { provider: { guestBookingLimit: 20 } });
  let other: ProviderFixture;
  let day = 3;

  // Each test books its own appointment on its own day, so tests never share a slot.
  async function book(opts: { time?: string; clientUserId?: string } = {}) {
    const date = `2026-03-${String(day++).padStart(2, "0")}`;
    const { appointment, manageToken } = await createBooking(
      t.db,
      {
        providerId: f.provider.id,
        serviceId: f.service.id,
        start: at(f.provider, date, opts.time ?? "10:00"),
        ...guestContact,
        by: opts.clientUserId ? "client" : "guest",
        clientUserId: opts.clientUserId,
      },
      now,
    );
    return { appointment, token: manageToken, date };
  }

  const reload = async (a: Appointment) =>
    (await t.db.select().from(appointments).where(eq(appointments.id, a.id)))[0]!;

  beforeAll(async () => {
    other = await createProviderFixture(t.db);
  });

  describe("getAppointmentByToken", () => {
    it("shows the guest their appointment and whether they may still change it", async () => {
      const { appointment, token } = await book();
      const view = await getAppointmentByToken(t.db, token, now);
      expect(view).toMatchObject({
        id: appointment.id,
        status: "confirmed",
        clientName: "Jane Guest",
        provider: { slug: f.provider.slug, businessName: f.provider.businessName, timezone: "Europe/Berlin", cancellationWindowHours: 24 },
        service: { name: "Haircut", durationMinutes: 30 },
        canCancel: true,
        canReschedule: true,
        blockedReason: null,
      });
      expect(view).not.toHaveProperty("ownerEmail");

      // Twelve hours before the start, inside the 24-hour window.
      const late = new Date(appointment.startsAt.getTime() - 12 * 3_600_000);
      const lateView = await getAppointmentByToken(t.db, token, late);
      expect(lateView).toMatchObject({ canCancel: false, canReschedule: false });
      expect(lateView!.blockedReason).toContain("less than 24 hours");
      expect(lateView!.blockedReason).toContain(f.provider.phone);
    });

    it("finds nothing for an unknown or malformed token", async () => {
      expect(await getAppointmentByToken(t.db, newTokenWithHash().token)).toBeNull();
      expect(await getAppointmentByToken(t.db, "short")).toBeNull();
      expect(await getAppointmentByToken(t.db, "' or 1=1 --")).toBeNull();
    });
  });

  describe("cancelAppointment", () => {
    it("lets a guest cancel with their token outside the window, and mails both sides", async () => {
      const { appointment, token } = await book();
      const before = await countWrites(t.db);
      const cancelled = await cancelAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token } }, now);
      expect(cancelled).toMatchObject({ status: "cancelled", cancelledBy: "guest" });
      expect(await countWrites(t.db)).toEqual({ appointments: before.appointments, mails: before.mails + 2, jobs: before.jobs + 2 });
      // The slot is free again.
      await expect(
        createBooking(t.db, { providerId: f.provider.id, serviceId: f.service.id, start: appointment.startsAt, ...guestContact, by: "guest" }, now),
      ).resolves.toBeDefined();
    });

    it("refuses a guest or client inside the cancellation window, naming the window and how to reach the provider", async () => {
      const client = await createUser(t.db, { role: "client" });
      const { appointment, token } = await book({ clientUserId: client.id });
      const late = new Date(appointment.startsAt.getTime() - 23 * 3_600_000);
      const before = await countWrites(t.db);
      for (const actor of [{ kind: "guest", token }, { kind: "client", userId: client.id }] satisfies Actor[]) {
        const e = await rejection(cancelAppointment(t.db, { appointmentId: appointment.id, actor }, late));
        expect(e.code).toBe("CANCEL_WINDOW");
        expect(e.message).toBe(
          `Appointments can't be cancelled online less than 24 hours before they start. Please call ${f.provider.businessName} on ${f.provider.phone}.`,
        );
      }
      expect((await reload(appointment)).status).toBe("confirmed");
      expect(await countWrites(t.db)).toEqual(before);
      // Just outside the window it works.
      const early = new Date(appointment.startsAt.getTime() - 24 * 3_600_000);
      await expect(
        cancelAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "client", userId: client.id } }, early),
      ).resolves.toMatchObject({ status: "cancelled", cancelledBy: "client" });
    });

    it("lets the provider cancel any time, with a reason the client is told", async () => {
      const { appointment } = await book();
      const late = new Date(appointment.startsAt.getTime() - 30 * 60_000);
      const cancelled = await cancelAppointment(
        t.db,
        { appointmentId: appointment.id, actor: { kind: "provider", providerId: f.provider.id }, reason: "Stylist is ill" },
        late,
      );
      expect(cancelled).toMatchObject({ status: "cancelled", cancelledBy: "provider", cancellationReason: "Stylist is ill" });
      const [mail] = await t.db
        .select()
        .from(mailMessages)
        .where(eq(mailMessages.to, guestContact.email))
        .orderBy(mailMessages.createdAt)
        .then((rows) => rows.filter((m) => m.subject.startsWith("Cancelled")).slice(-1));
      expect(mail!.text).toContain("Reason: Stylist is ill");
      expect(mail!.text).toContain(`${f.provider.businessName} has cancelled your appointment.`);
    });

    it("answers NOT_FOUND to anyone but the owner, and changes nothing", async () => {
      const { appointment } = await book();
      const stranger = await createUser(t.db, { role: "client" });
      const before = await countWrites(t.db);
      const actors: Actor[] = [
        { kind: "guest", token: newTokenWithHash().token },
        { kind: "guest", token: "" },
        { kind: "client", userId: stranger.id },
        { kind: "provider", providerId: other.provider.id },
      ];
      for (const actor of actors) {
        const e = await rejection(cancelAppointment(t.db, { appointmentId: appointment.id, actor }, now));
        expect(e.code).toBe("NOT_FOUND");
      }
      const garbage = await rejection(
        cancelAppointment(t.db, { appointmentId: "not-a-uuid", actor: { kind: "provider", providerId: f.provider.id } }, now),
      );
      expect(garbage.code).toBe("NOT_FOUND");
      expect((await reload(appointment)).status).toBe("confirmed");
      expect(await countWrites(t.db)).toEqual(before);
    });

    it("a guest's token opens only its own appointment", async () => {
      const first = await book();
      const second = await book();
      const e = await rejection(
        cancelAppointment(t.db, { appointmentId: second.appointment.id, actor: { kind: "guest", token: first.token } }, now),
      );
      expect(e.code).toBe("NOT_FOUND");
      expect((await reload(second.appointment)).status).toBe("confirmed");
    });

    it("refuses to cancel twice", async () => {
      const { appointment, token } = await book();
      await cancelAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token } }, now);
      const e = await rejection(cancelAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token } }, now));
      expect(e.code).toBe("INVALID_STATE");
    });

    it("of concurrent cancels of one appointment, one does the work and mails once; the rest get INVALID_STATE", async () => {
      const { appointment, token } = await book();
      const before = await countWrites(t.db);
      const results = await Promise.allSettled(
        Array.from({ length: 5 }, (_, i) =>
          cancelAppointment(
            t.db,
            {
              appointmentId: appointment.id,
              actor: i % 2 ? { kind: "guest", token } : { kind: "provider", providerId: f.provider.id },
            },
            now,
          ),
        ),
      );
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const codes = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as AppError).code] : []));
      expect(codes).toEqual(Array(4).fill("INVALID_STATE"));
      expect(await countWrites(t.db)).toEqual({ ...before, mails: before.mails + 2, jobs: before.jobs + 2 });
    });

    it("refuses an overlong reason", async () => {
      const { appointment } = await book();
      const e = await rejection(
        cancelAppointment(
          t.db,
          { appointmentId: appointment.id, actor: { kind: "provider", providerId: f.provider.id }, reason: "x".repeat(501) },
          now,
        ),
      );
      expect(e.code).toBe("VALIDATION");
      expect(e.fieldErrors?.reason?.[0]).toContain("at most 500");
      expect((await reload(appointment)).status).toBe("confirmed");
    });
  });

  describe("rescheduleAppointment", () => {
    it("moves the appointment in place to another bookable slot and mails both sides with old and new times", async () => {
      const { appointment, token, date } = await book();
      const before = await countWrites(t.db);
      const newStart = at(f.provider, date, "14:30");
      const moved = await rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token }, start: newStart }, now);
      expect(moved.id).toBe(appointment.id);
      expect(moved.startsAt.toISOString()).toBe(newStart.toISOString());
      expect(moved.endsAt.getTime() - moved.startsAt.getTime()).toBe(30 * 60_000);
      expect(moved.status).toBe("confirmed");
      expect(await countWrites(t.db)).toEqual({ appointments: before.appointments, mails: before.mails + 2, jobs: before.jobs + 2 });

      const mails = (await t.db.select().from(mailMessages)).filter((m) => m.subject.startsWith("Rescheduled"));
      const toClient = mails.find((m) => m.to === guestContact.email)!;
      expect(toClient.text).toMatch(/Was: .*, 10:00–10:30 \(Europe\/Berlin\)/);
      expect(toClient.text).toMatch(/Now: .*, 14:30–15:00 \(Europe\/Berlin\)/);
      expect(toClient.text).toContain(`/bookings/${token}`);
      expect(toClient.attachments[0]!.content).toContain(`DTSTART:${newStart.toISOString().replace(/[-:]|\.\d{3}/g, "")}`);
      expect(mails.some((m) => m.to === f.provider.email)).toBe(true);

      // The old time is free again, the new one is not.
      await expect(
        createBooking(t.db, { providerId: f.provider.id, serviceId: f.service.id, start: appointment.startsAt, ...guestContact, by: "guest" }, now),
      ).resolves.toBeDefined();
    });

    it("moves by less than its length: the row's own old range does not conflict with itself", async () => {
      // Two overlapping opening intervals give two grids, 15 minutes apart.
      const hours = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
        { weekday, start: "09:00", end: "12:00" },
        { weekday, start: "09:15", end: "12:00" },
      ]);
      const g = await createProviderFixture(t.db, { hours });
      const { appointment, manageToken } = await createBooking(
        t.db,
        { providerId: g.provider.id, serviceId: g.service.id, start: at(g.provider, "2026-03-20", "10:00"), ...guestContact, by: "guest" },
        now,
      );
      const moved = await rescheduleAppointment(
        t.db,
        { appointmentId: appointment.id, actor: { kind: "guest", token: manageToken }, start: at(g.provider, "2026-03-20", "10:15") },
        now,
      );
      expect(moved.startsAt.toISOString()).toBe(at(g.provider, "2026-03-20", "10:15").toISOString());
    });

    it("refuses a taken slot with SLOT_TAKEN and leaves the original unchanged", async () => {
      const { appointment, token, date } = await book({ time: "10:00" });
      await createBooking(t.db, { providerId: f.provider.id, serviceId: f.service.id, start: at(f.provider, date, "11:00"), ...guestContact, by: "guest" }, now);
      const before = await countWrites(t.db);
      const e = await rejection(
        rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token }, start: at(f.provider, date, "11:00") }, now),
      );
      expect(e.code).toBe("SLOT_TAKEN");
      const row = await reload(appointment);
      expect(row.startsAt.toISOString()).toBe(appointment.startsAt.toISOString());
      expect(row.status).toBe("confirmed");
      expect(await countWrites(t.db)).toEqual(before);
    });

    it("refuses a time that is not a bookable slot, and someone else's appointment", async () => {
      const { appointment, token, date } = await book();
      const offGrid = await rejection(
        rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token }, start: at(f.provider, date, "12:10") }, now),
      );
      expect(offGrid.code).toBe("OUTSIDE_HOURS");
      expect(offGrid.fieldErrors?.start).toBeDefined();
      const past = await rejection(
        rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token }, start: at(f.provider, "2026-03-01", "10:00") }, now),
      );
      expect(past.code).toBe("OUTSIDE_HOURS");
      const foreign = await rejection(
        rescheduleAppointment(
          t.db,
          { appointmentId: appointment.id, actor: { kind: "provider", providerId: other.provider.id }, start: at(f.provider, date, "15:00") },
          now,
        ),
      );
      expect(foreign.code).toBe("NOT_FOUND");
      expect((await reload(appointment)).startsAt.toISOString()).toBe(appointment.startsAt.toISOString());
    });

    it("refuses a guest inside the window but lets the provider move it", async () => {
      const { appointment, token, date } = await book();
      const late = new Date(appointment.startsAt.getTime() - 2 * 3_600_000);
      const e = await rejection(
        rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token }, start: at(f.provider, date, "16:00") }, late),
      );
      expect(e.code).toBe("CANCEL_WINDOW");
      expect(e.message).toContain("can't be rescheduled online less than 24 hours");
      await expect(
        rescheduleAppointment(
          t.db,
          { appointmentId: appointment.id, actor: { kind: "provider", providerId: f.provider.id }, start: at(f.provider, date, "16:00") },
          late,
        ),
      ).resolves.toMatchObject({ status: "confirmed" });
    });

    it("refuses to move a cancelled appointment", async () => {
      const { appointment, token, date } = await book();
      await cancelAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token } }, now);
      const e = await rejection(
        rescheduleAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token }, start: at(f.provider, date, "15:00") }, now),
      );
      expect(e.code).toBe("INVALID_STATE");
    });
  });

  it("shows a client their own appointment and no one else's", async () => {
    const client = await createUser(t.db, { role: "client" });
    const { appointment } = await book({ clientUserId: client.id });
    expect(await getAppointmentForActor(t.db, appointment.id, { kind: "client", userId: client.id }, now)).toMatchObject({ id: appointment.id });
    expect(await getAppointmentForActor(t.db, appointment.id, { kind: "client", userId: f.owner.id }, now)).toBeNull();
    expect(await getAppointmentForActor(t.db, appointment.id, { kind: "provider", providerId: f.provider.id }, now)).toMatchObject({
      canCancel: true,
    });
  });
});
