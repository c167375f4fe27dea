import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { appointments, mailMessages, services } from "@/db/schema";
import { AppError } from "@/lib/infra/errors";
import { rejection } from "@/test/expect-app-error";
import { createBooking, type CreateBookingInput } from "./create";
import { addClosedDate, addService, addStaffMember, at, createProviderFixture, guestContact } from "@/test/fixtures";
import { countWrites } from "@/test/db";
import { hashToken } from "@/lib/infra/tokens";

// Monday 2 March 2026, 09:00 in Berlin (UTC+1).
const now = new Date("2026-03-02T08:00:00Z");

describe.each(testDrivers())("createBooking on %s", (kind) => {
  const t = setUpTestDb(kind);
  // One shared business books the same guest many times: the per-guest limit (limits.test.ts) at its highest.
  const f = setUpProviderFixture(t, { provider: { guestBookingLimit: 20 } });
  let input: (over?: Partial<CreateBookingInput>) => CreateBookingInput;

  beforeAll(async () => {
    input = (over = {}) => ({
      providerId: f.provider.id,
      serviceId: f.service.id,
      start: at(f.provider, "2026-03-03", "10:00"),
      ...guestContact,
      by: "guest",
      ...over,
    });
  });

  it("books a slot: one confirmed appointment, a confirmation with .ics and link, a provider notice, two jobs", async () => {
    const before = await countWrites(t.db);
    const { appointment, manageToken } = await createBooking(t.db, input({ notes: "First visit" }), now);

    expect(await countWrites(t.db)).toEqual({
      appointments: before.appointments + 1,
      mails: before.mails + 2,
      jobs: before.jobs + 2,
    });
    expect(appointment).toMatchObject({
      providerId: f.provider.id,
      serviceId: f.service.id,
      staffId: null,
      clientUserId: null,
      clientName: "Jane Guest",
      clientEmail: "jane@example.com",
      status: "confirmed",
      source: "online",
      notes: "First visit",
    });
    expect(appointment.startsAt.toISOString()).toBe("2026-03-03T09:00:00.000Z");
    expect(appointment.endsAt.toISOString()).toBe("2026-03-03T09:30:00.000Z");
    // Only the hash is stored; the token itself is 32 random bytes in base64url.
    expect(manageToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(appointment.manageTokenHash).toBe(hashToken(manageToken));

    const mails = await t.db.select().from(mailMessages).orderBy(mailMessages.createdAt);
    const toClient = mails.find((m) => m.to === "jane@example.com")!;
    const toProvider = mails.find((m) => m.to === f.provider.email)!;
    expect(toClient.text).toContain(`/bookings/${manageToken}`);
    expect(toClient.text).toContain("Tuesday, 3 March 2026, 10:00–10:30 (Europe/Berlin)");
    expect(toClient.attachments).toHaveLength(1);
    expect(toClient.attachments[0]!.content).toContain("DTSTART:20260303T090000Z");
    expect(toClient.attachments[0]!.content).toContain(`UID:${appointment.id}@slotbook`);
    expect(toProvider.subject).toContain("New online booking");
    expect(toProvider.text).toContain("Jane Guest");
    expect(toProvider.text).toContain("First visit");
  });

  it("sends the provider notice to the owner's address when the business has no contact email", async () => {
    const g = await createProviderFixture(t.db, { provider: { email: "" } });
    await createBooking(t.db, { ...input(), providerId: g.provider.id, serviceId: g.service.id }, now);
    const [notice] = await t.db.select().from(mailMessages).where(eq(mailMessages.to, g.owner.email));
    expect(notice?.subject).toContain("New online booking");
  });

  describe("refuses bad input and writes nothing", () => {
    const cases: [string, () => Promise<Partial<CreateBookingInput>>, string, string?][] = [
      ["a time in the past", async () => ({ start: at(f.provider, "2026-03-01", "10:00") }), "OUTSIDE_HOURS", "already passed"],
      ["less than the minimum notice", async () => ({ start: at(f.provider, "2026-03-02", "09:30") }), "OUTSIDE_HOURS", "at least 1 hour notice"],
      ["beyond the booking horizon", async () => ({ start: at(f.provider, "2026-05-20", "10:00") }), "OUTSIDE_HOURS", "60 days"],
      ["outside opening hours", async () => ({ start: at(f.provider, "2026-03-03", "18:00") }), "OUTSIDE_HOURS"],
      ["a slot that would end after closing", async () => ({ start: at(f.provider, "2026-03-03", "16:45") }), "OUTSIDE_HOURS"],
      ["off the service's grid", async () => ({ start: at(f.provider, "2026-03-03", "10:10") }), "OUTSIDE_HOURS"],
      [
        "a closed date",
        async () => {
          await addClosedDate(t.db, f.provider.id, "2026-03-10");
          return { start: at(f.provider, "2026-03-10", "10:00") };
        },
        "OUTSIDE_HOURS",
      ],
      ["an unknown service", async () => ({ serviceId: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND"],
      ["a malformed service id", async () => ({ serviceId: "1 or 1=1" }), "NOT_FOUND"],
      [
        "an inactive service",
        async () => ({ serviceId: (await addService(t.db, f.provider.id, { name: "Old", active: false })).id }),
        "NOT_FOUND",
      ],
      [
        "another provider's service",
        async () => ({ serviceId: (await createProviderFixture(t.db)).service.id }),
        "NOT_FOUND",
      ],
      ["an unknown provider", async () => ({ providerId: "00000000-0000-4000-8000-000000000000" }), "NOT_FOUND"],
      [
        "another provider's staff member",
        async () => ({ staffId: (await addStaffMember(t.db, (await createProviderFixture(t.db)).provider.id, { name: "Alex" })).staff.id }),
        "NOT_FOUND",
      ],
      ["a malformed email", async () => ({ email: "jane@" }), "VALIDATION", "Enter a valid email address"],
      ["an overlong name", async () => ({ name: "x".repeat(101) }), "VALIDATION", "at most 100"],
      ["overlong notes", async () => ({ notes: "x".repeat(1001) }), "VALIDATION", "at most 1000"],
      ["a phone with letters", async () => ({ phone: "call me maybe" }), "VALIDATION", "Phone must be"],
      ["a missing name", async () => ({ name: "   " }), "VALIDATION", "Name is required"],
      ["a missing phone", async () => ({ phone: undefined as unknown as string }), "VALIDATION", "Phone must be"],
    ];

    it.each(cases)("%s", async (_label, change, code, message) => {
      const over = await change();
      const before = await countWrites(t.db);
      const e = await rejection(createBooking(t.db, input(over), now));
      expect(e.code).toBe(code);
      if (message) expect(JSON.stringify([e.message, e.fieldErrors])).toContain(message);
      if (code === "OUTSIDE_HOURS") expect(e.fieldErrors?.start?.[0]).toBe(e.message);
      expect(await countWrites(t.db)).toEqual(before);
    });
  });

  it("refuses a slot that overlaps an existing booking with SLOT_TAKEN, and writes nothing", async () => {
    await createBooking(t.db, input({ start: at(f.provider, "2026-03-04", "10:30") }), now);
    const long = await addService(t.db, f.provider.id, { name: "Colour", durationMinutes: 60 });
    const before = await countWrites(t.db);
    const same = await rejection(createBooking(t.db, input({ start: at(f.provider, "2026-03-04", "10:30") }), now));
    // An hour-long service at 10:00 would run into the 10:30 booking.
    const overlapping = await rejection(
      createBooking(t.db, input({ serviceId: long.id, start: at(f.provider, "2026-03-04", "10:00") }), now),
    );
    expect([same.code, overlapping.code]).toEqual(["SLOT_TAKEN", "SLOT_TAKEN"]);
    expect(same.message).toBe("Sorry, that time was just taken. Please pick another time.");
    expect(await countWrites(t.db)).toEqual(before);
    // Back to back on either side is fine: ranges are half-open.
    await expect(createBooking(t.db, input({ start: at(f.provider, "2026-03-04", "10:00") }), now)).resolves.toBeDefined();
    await expect(createBooking(t.db, input({ start: at(f.provider, "2026-03-04", "11:00") }), now)).resolves.toBeDefined();
  });

  it("of 50 concurrent bookings of one slot, exactly one succeeds and 49 get SLOT_TAKEN", async () => {
    const start = at(f.provider, "2026-03-05", "11:00");
    const before = await countWrites(t.db);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => createBooking(t.db, input({ start, email: `racer${i}@example.com` }), now)),
    );
    const fulfilled = results.filter((r) => r.status === "fulfilled");
    const codes = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as AppError).code ?? String(r.reason)] : []));
    expect(fulfilled).toHaveLength(1);
    expect(codes).toEqual(Array(49).fill("SLOT_TAKEN"));
    expect(await countWrites(t.db)).toEqual({
      appointments: before.appointments + 1,
      mails: before.mails + 2,
      jobs: before.jobs + 2,
    });
    const rows = await t.db.select().from(appointments).where(eq(appointments.startsAt, start));
    expect(rows).toHaveLength(1);
  });

  it("lets the provider book a walk-in inside the notice period, still only within hours, without mailing themselves", async () => {
    const before = await countWrites(t.db);
    const { appointment } = await createBooking(
      t.db,
      input({ by: "provider", source: "walk_in", start: at(f.provider, "2026-03-02", "09:30") }),
      now,
    );
    expect(appointment.source).toBe("walk_in");
    expect(await countWrites(t.db)).toMatchObject({ appointments: before.appointments + 1, mails: before.mails + 1 });
    const far = await createBooking(t.db, input({ by: "provider", start: at(f.provider, "2026-09-01", "10:00") }), now);
    expect(far.appointment.source).toBe("phone");
    const e = await rejection(createBooking(t.db, input({ by: "provider", start: at(f.provider, "2026-03-02", "19:00") }), now));
    expect(e.code).toBe("OUTSIDE_HOURS");
  });

  it("attaches a signed-in client's booking to their account, and never a guest's", async () => {
    const clientId = f.owner.id; // any existing user id will do for the foreign key
    const mine = await createBooking(t.db, input({ by: "client", clientUserId: clientId, start: at(f.provider, "2026-03-06", "10:00") }), now);
    expect(mine.appointment.clientUserId).toBe(clientId);
    const guest = await createBooking(t.db, input({ by: "guest", clientUserId: clientId, start: at(f.provider, "2026-03-06", "11:00") }), now);
    expect(guest.appointment.clientUserId).toBeNull();
  });

  it("keeps the service's duration at booking time even if the service changes later", async () => {
    const svc = await addService(t.db, f.provider.id, { name: "Massage", durationMinutes: 45 });
    const { appointment } = await createBooking(t.db, input({ serviceId: svc.id, start: at(f.provider, "2026-03-07", "09:45") }), now);
    await t.db.update(services).set({ durationMinutes: 90 }).where(eq(services.id, svc.id));
    const [row] = await t.db.select().from(appointments).where(eq(appointments.id, appointment.id));
    expect(row!.endsAt.getTime() - row!.startsAt.getTime()).toBe(45 * 60_000);
  });
});
