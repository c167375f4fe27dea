import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointments, mailMessages } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { AppError } from "@/lib/infra/errors";
import { env } from "@/lib/infra/env";
import { applyAppointmentAction } from "@/lib/provider/appointments";
import { bookingResponse } from "./api";
import { bookingStatus, createBooking, type CreateBookingInput } from "./create";
import { bookingIcsOrNull } from "./ics-download";
import { cancelAppointment, rescheduleAppointment } from "./manage";
import { getAppointmentByToken } from "./read";
import { listSlots } from "./slots";
import { at, createProviderFixture, createUser, guestContact } from "@/test/fixtures";
import { countWrites } from "@/test/db";

// Monday 2 March 2026, 09:00 in Berlin (UTC+1).
const now = new Date("2026-03-02T08:00:00Z");

describe("a new booking's status", () => {
  it("is pending for online bookings (guest or client) when the provider approves by hand", () => {
    expect(bookingStatus({ requireApproval: true }, "guest")).toBe("pending");
    expect(bookingStatus({ requireApproval: true }, "client")).toBe("pending");
  });

  it("is confirmed for walk-in/phone bookings and whenever approval is off", () => {
    expect(bookingStatus({ requireApproval: true }, "provider")).toBe("confirmed");
    for (const by of ["guest", "client", "provider"] as const) expect(bookingStatus({ requireApproval: false }, by)).toBe("confirmed");
  });
});

describe.each(testDrivers())("bookings that need the provider's approval on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { provider: { requireApproval: true, guestBookingLimit: 20 } });
  let day = 3;
  const nextDate = () => `2026-03-${String(day++).padStart(2, "0")}`;
  const input = (over: Partial<CreateBookingInput> = {}): CreateBookingInput => ({
    providerId: f.provider.id,
    serviceId: f.service.id,
    start: at(f.provider, nextDate(), "10:00"),
    ...guestContact,
    by: "guest",
    ...over,
  });
  const mailsTo = (to: string) => t.db.select().from(mailMessages).where(eq(mailMessages.to, to)).orderBy(mailMessages.createdAt);

  it("saves a guest's booking as pending and mails a request receipt (no .ics) and a please-confirm notice", async () => {
    const guest = { ...guestContact, email: "request@example.com" };
    const before = await countWrites(t.db);
    const { appointment, manageToken } = await createBooking(t.db, input({ ...guest, notes: "Sensitive scalp" }), now);
    expect(appointment).toMatchObject({ status: "pending", source: "online" });
    expect(await countWrites(t.db)).toEqual({
      appointments: before.appointments + 1,
      mails: before.mails + 2,
      jobs: before.jobs + 2,
    });

    const [toClient] = await mailsTo(guest.email);
    expect(toClient!.subject).toBe(`Booking request received: Haircut at ${f.provider.businessName}`);
    expect(toClient!.text).toContain(`${f.provider.businessName} will confirm your appointment`);
    expect(toClient!.text).toContain(`${env().APP_URL}/bookings/${manageToken}`);
    expect(toClient!.text).not.toContain(`your booking with ${f.provider.businessName} is confirmed`);
    expect(toClient!.attachments).toEqual([]);

    const notices = await mailsTo(f.provider.email);
    const notice = notices.at(-1)!;
    expect(notice.subject).toMatch(/^New booking request — please confirm: Haircut, /);
    expect(notice.text).toContain(`${env().APP_URL}/dashboard?status=pending`);
    expect(notice.text).toContain("Sensitive scalp");
  });

  it("makes a signed-in client's online booking pending too", async () => {
    const client = await createUser(t.db, { role: "client" });
    const { appointment } = await createBooking(t.db, input({ by: "client", clientUserId: client.id }), now);
    expect(appointment).toMatchObject({ status: "pending", clientUserId: client.id });
  });

  it("confirms a walk-in at once, with the usual confirmation and .ics and no mail to the provider", async () => {
    const walkIn = { ...guestContact, email: "walkin@example.com" };
    const before = await countWrites(t.db);
    const { appointment } = await createBooking(t.db, input({ ...walkIn, by: "provider", source: "walk_in" }), now);
    expect(appointment.status).toBe("confirmed");
    expect(await countWrites(t.db)).toMatchObject({ mails: before.mails + 1 });
    const [mail] = await mailsTo(walkIn.email);
    expect(mail!.subject).toBe(`Booking confirmed: Haircut at ${f.provider.businessName}`);
    expect(mail!.attachments).toHaveLength(1);
  });

  it("holds the slot while pending: it is no longer offered and a second booking gets SLOT_TAKEN", async () => {
    const date = nextDate();
    const start = at(f.provider, date, "11:00");
    await createBooking(t.db, input({ start }), now);
    const listing = await listSlots(t.db, { providerId: f.provider.id, serviceId: f.service.id, from: date, to: date }, now);
    expect(listing.slots.map((s) => s.start.toISOString())).not.toContain(start.toISOString());
    const e = await createBooking(t.db, input({ start, email: "second@example.com" }), now).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe("SLOT_TAKEN");
  });

  it("answers the API's 201 body with status pending", async () => {
    const r = await bookingResponse(
      t.db,
      f.provider.slug,
      { serviceId: f.service.id, start: at(f.provider, nextDate(), "09:00").toISOString(), ...guestContact },
      now,
    );
    expect(r.status).toBe("pending");
    const [row] = await t.db.select({ status: appointments.status }).from(appointments).where(eq(appointments.id, r.id));
    expect(row!.status).toBe("pending");
  });

  it("lets the guest reschedule a pending request: it stays pending and the mail carries no .ics", async () => {
    const guest = { ...guestContact, email: "mover@example.com" };
    const { appointment, manageToken } = await createBooking(t.db, input(guest), now);
    const moved = await rescheduleAppointment(
      t.db,
      { appointmentId: appointment.id, actor: { kind: "guest", token: manageToken }, start: at(f.provider, nextDate(), "14:00") },
      now,
    );
    expect(moved.status).toBe("pending");
    const mail = (await mailsTo(guest.email)).at(-1)!;
    expect(mail.subject).toMatch(/^Rescheduled: /);
    expect(mail.text).toContain(`${f.provider.businessName} still has to confirm your appointment`);
    expect(mail.attachments).toEqual([]);
    const notice = (await mailsTo(f.provider.email)).at(-1)!;
    expect(notice.text).toContain("still waiting for you to confirm it");
  });

  it("lets the guest cancel a pending request, freeing the time", async () => {
    const date = nextDate();
    const start = at(f.provider, date, "15:00");
    const { appointment, manageToken } = await createBooking(t.db, input({ start }), now);
    const cancelled = await cancelAppointment(t.db, { appointmentId: appointment.id, actor: { kind: "guest", token: manageToken } }, now);
    expect(cancelled.status).toBe("cancelled");
    await expect(createBooking(t.db, input({ start, email: "next@example.com" }), now)).resolves.toBeDefined();
  });

  it("once the provider confirms, the client is mailed and the manage link shows confirmed with a CONFIRMED calendar file", async () => {
    const guest = { ...guestContact, email: "approved@example.com" };
    const { appointment, manageToken } = await createBooking(t.db, input(guest), now);
    expect(await bookingIcsOrNull(t.db, manageToken)).toContain("STATUS:TENTATIVE");

    await applyAppointmentAction(t.db, { providerId: f.provider.id, appointmentId: appointment.id, action: "confirm" }, now);

    const mail = (await mailsTo(guest.email)).at(-1)!;
    expect(mail.subject).toBe(`Confirmed: Haircut at ${f.provider.businessName}`);
    expect((await getAppointmentByToken(t.db, manageToken, now))!.status).toBe("confirmed");
    expect(await bookingIcsOrNull(t.db, manageToken)).toContain("STATUS:CONFIRMED");
  });

  it("confirms online bookings at once for a provider who does not approve by hand", async () => {
    const g = await createProviderFixture(t.db);
    const { appointment } = await createBooking(t.db, { ...input(), providerId: g.provider.id, serviceId: g.service.id }, now);
    expect(appointment.status).toBe("confirmed");
    const notice = (await mailsTo(g.provider.email)).at(-1)!;
    expect(notice.subject).toMatch(/^New online booking: /);
  });
});
