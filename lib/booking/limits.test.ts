import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { appointments, mailMessages, users } from "@/db/schema";
import { env } from "@/lib/infra/env";
import { AppError } from "@/lib/infra/errors";
import { queueCancellationSummary } from "@/lib/notices/bulk-cancel";
import { formatRangeInZone } from "@/lib/notices/mail-texts";
import { cancelUpcomingOfEmail } from "@/lib/provider/appointments";
import { countWrites, testDrivers } from "@/test/db";
import { rejection } from "@/test/expect-app-error";
import { at, createProviderFixture, createUser, guestContact, type ProviderFixture } from "@/test/fixtures";
import { setUpTestDb } from "@/test/hooks";
import { createBooking, type CreateBookingInput } from "./create";

// Monday 2 March 2026, 09:00 in Berlin (UTC+1).
const now = new Date("2026-03-02T08:00:00Z");

/** The i-th free half hour from Tuesday on: 14 a day between 09:00 and 16:00, Berlin time. */
function slot(f: ProviderFixture, i: number): Date {
  const day = 3 + Math.floor(i / 14);
  const minutes = 9 * 60 + (i % 14) * 30;
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return at(f.provider, `2026-03-${String(day).padStart(2, "0")}`, `${hh}:${mm}`);
}

const codeOf = (r: PromiseSettledResult<unknown>) => (r.status === "fulfilled" ? "ok" : ((r.reason as AppError).code ?? String(r.reason)));

describe.each(testDrivers())("booking limits on %s", (kind) => {
  const t = setUpTestDb(kind);
  const saved = { ...env() };
  afterEach(() => {
    env().RATE_LIMIT_PER_MINUTE = saved.RATE_LIMIT_PER_MINUTE;
    env().BOOKINGS_PER_ADDRESS_PER_HOUR = saved.BOOKINGS_PER_ADDRESS_PER_HOUR;
  });

  const input = (f: ProviderFixture, i: number, over: Partial<CreateBookingInput> = {}): CreateBookingInput => ({
    providerId: f.provider.id,
    serviceId: f.service.id,
    start: slot(f, i),
    ...guestContact,
    by: "guest",
    clientAddress: `198.51.100.${i + 1}`,
    ...over,
  });

  it("lets one guest email hold 3 upcoming bookings per business; the 4th to 12th are a 422 on email, writing and mailing nothing", async () => {
    expect(env().BOOKINGS_PER_ADDRESS_PER_HOUR).toBe(10);
    const f = await createProviderFixture(t.db);
    const other = await createProviderFixture(t.db);
    const made: string[] = [];
    for (let i = 0; i < 3; i++) made.push((await createBooking(t.db, input(f, i), now)).appointment.id);
    const before = await countWrites(t.db);
    for (let i = 3; i < 12; i++) {
      // Upper case is the same email.
      const e = await rejection(createBooking(t.db, input(f, i, { email: i % 2 ? "JANE@example.com" : guestContact.email }), now));
      expect(e.code).toBe("VALIDATION");
      expect(e.status).toBe(422);
      expect(e.fieldErrors?.email?.[0]).toMatch(/already has 3 upcoming bookings here/);
    }
    expect(await countWrites(t.db)).toEqual(before);
    // Another business is another count.
    await expect(createBooking(t.db, input(other, 0), now)).resolves.toBeDefined();
    // A cancelled booking no longer counts: the guest may book again.
    await cancelUpcomingOfEmail(t.db, { providerId: f.provider.id, appointmentId: made[0]!, tellClient: queueCancellationSummary }, now);
    await expect(createBooking(t.db, input(f, 20), now)).resolves.toBeDefined();
  });

  it("holds under concurrency: of 12 simultaneous bookings by one email at different times, exactly 3 are made", async () => {
    const f = await createProviderFixture(t.db);
    const before = await countWrites(t.db);
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => createBooking(t.db, input(f, i), now)));
    expect(results.map(codeOf).filter((c) => c === "ok")).toHaveLength(3);
    expect(results.map(codeOf).filter((c) => c !== "ok")).toEqual(Array(9).fill("VALIDATION"));
    const rows = await t.db.select().from(appointments).where(eq(appointments.providerId, f.provider.id));
    expect(rows).toHaveLength(3);
    // Three confirmations and three provider notices, nothing for the refused nine.
    expect(await countWrites(t.db)).toEqual({ appointments: before.appointments + 3, mails: before.mails + 6, jobs: before.jobs + 6 });
  });

  it("follows the provider's setting (1–20), and does not count past or provider-made bookings", async () => {
    const f = await createProviderFixture(t.db, { provider: { guestBookingLimit: 1 } });
    // A phone booking the provider made for this email does not count against the guest.
    await createBooking(t.db, input(f, 0, { by: "provider", source: "phone" }), now);
    await createBooking(t.db, input(f, 1), now);
    const e = await rejection(createBooking(t.db, input(f, 2), now));
    expect(e.fieldErrors?.email?.[0]).toMatch(/already has 1 upcoming booking here/);
    // A day later, that booking has passed: the guest may book again.
    const later = new Date(slot(f, 14).getTime() - 2 * 3600_000);
    await expect(createBooking(t.db, input(f, 14), later)).resolves.toBeDefined();
  });

  it("does not limit a signed-in client booking their own verified email, but does limit an unverified one", async () => {
    const f = await createProviderFixture(t.db);
    const verified = await createUser(t.db, { email: "verified-client@example.com", role: "client" });
    for (let i = 0; i < 5; i++) {
      await createBooking(t.db, input(f, i, { by: "client", clientUserId: verified.id, email: "Verified-Client@example.com", clientAddress: null }), now);
    }
    const unverified = await createUser(t.db, { email: "new-client@example.com", role: "client", emailVerifiedAt: null });
    for (let i = 5; i < 8; i++) {
      await createBooking(t.db, input(f, i, { by: "client", clientUserId: unverified.id, email: unverified.email, clientAddress: null }), now);
    }
    expect((await rejection(createBooking(t.db, input(f, 8, { by: "client", clientUserId: unverified.id, email: unverified.email, clientAddress: null }), now))).code).toBe("VALIDATION");
    // A guest typing the verified client's email is still a guest.
    for (let i = 9; i < 12; i++) await createBooking(t.db, input(f, i, { email: "other-guest@example.com" }), now);
    const [row] = await t.db.select().from(users).where(eq(users.id, verified.id));
    expect(row?.emailVerifiedAt).not.toBeNull();
  });

  it("lets one address make 10 bookings per business an hour: of 37 with rotating emails, 10 are made, the rest a 429", async () => {
    const f = await createProviderFixture(t.db);
    const other = await createProviderFixture(t.db);
    const results: string[] = [];
    const before = await countWrites(t.db);
    for (let i = 0; i < 37; i++) {
      const r = await Promise.allSettled([createBooking(t.db, input(f, i, { email: `rotating-${i}@example.com`, clientAddress: "203.0.113.9" }), now)]);
      results.push(codeOf(r[0]!));
    }
    expect(results.slice(0, 10)).toEqual(Array(10).fill("ok"));
    expect(results.slice(10)).toEqual(Array(27).fill("RATE_LIMITED"));
    expect((await countWrites(t.db)).appointments).toBe(before.appointments + 10);
    const e = await rejection(createBooking(t.db, input(f, 40, { email: "one-more@example.com", clientAddress: "203.0.113.9" }), now));
    expect(e.status).toBe(429);
    expect(e.message).toMatch(/Too many bookings have been made from your connection in the last hour/);
    expect(e.retryAfter).toBeGreaterThan(0);
    // Another address, another business, and the next hour are not affected.
    await expect(createBooking(t.db, input(f, 41, { email: "neighbour@example.com", clientAddress: "203.0.113.10" }), now)).resolves.toBeDefined();
    await expect(createBooking(t.db, input(other, 0, { email: "elsewhere@example.com", clientAddress: "203.0.113.9" }), now)).resolves.toBeDefined();
    const nextHour = new Date(now.getTime() + 3601_000);
    await expect(createBooking(t.db, input(f, 42, { email: "next-hour@example.com", clientAddress: "203.0.113.9" }), nextHour)).resolves.toBeDefined();
  });

  it("holds under concurrency: of 25 simultaneous bookings from one address, exactly 10 are made", async () => {
    const f = await createProviderFixture(t.db);
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, (_, i) => createBooking(t.db, input(f, i, { email: `burst-${i}@example.com`, clientAddress: "203.0.113.50" }), now)),
    );
    expect(results.map(codeOf).filter((c) => c === "ok")).toHaveLength(10);
    expect(results.map(codeOf).filter((c) => c !== "ok")).toEqual(Array(15).fill("RATE_LIMITED"));
    expect(await t.db.select().from(appointments).where(eq(appointments.providerId, f.provider.id))).toHaveLength(10);
  });

  it("RATE_LIMIT_PER_MINUTE=0 turns the per-address limit off, not the per-email one", async () => {
    env().RATE_LIMIT_PER_MINUTE = 0;
    const f = await createProviderFixture(t.db);
    for (let i = 0; i < 12; i++) {
      await createBooking(t.db, input(f, i, { email: `load-${i}@example.com`, clientAddress: "203.0.113.77" }), now);
    }
    for (let i = 12; i < 15; i++) await createBooking(t.db, input(f, i, { clientAddress: "203.0.113.77" }), now);
    expect((await rejection(createBooking(t.db, input(f, 15, { clientAddress: "203.0.113.77" }), now))).code).toBe("VALIDATION");
  });

  it("lets the provider cancel every upcoming booking of one email at once, and only their own", async () => {
    const f = await createProviderFixture(t.db, { provider: { guestBookingLimit: 5 } });
    const other = await createProviderFixture(t.db);
    const spam = [];
    for (let i = 0; i < 4; i++) spam.push((await createBooking(t.db, input(f, i, { email: i % 2 ? "SPAM@example.com" : "spam@example.com" }), now)).appointment);
    const keep = (await createBooking(t.db, input(f, 5, { email: "regular@example.com" }), now)).appointment;
    const elsewhere = (await createBooking(t.db, input(other, 0, { email: "spam@example.com" }), now)).appointment;

    // Another provider cannot use one of these ids.
    expect((await rejection(cancelUpcomingOfEmail(t.db, { providerId: other.provider.id, appointmentId: spam[0]!.id, tellClient: queueCancellationSummary }, now))).code).toBe("NOT_FOUND");
    const mailsBefore = await t.db.select().from(mailMessages);
    const result = await cancelUpcomingOfEmail(t.db, { providerId: f.provider.id, appointmentId: spam[1]!.id, reason: "Too many bookings.", tellClient: queueCancellationSummary }, now);
    expect(result).toEqual({ email: "spam@example.com", cancelled: 4 });
    // The guest gets one summary naming every cancelled time, not a mail per booking.
    const sent = (await t.db.select().from(mailMessages)).filter((m) => !mailsBefore.some((b) => b.id === m.id));
    const toGuest = sent.filter((m) => m.to.toLowerCase() === "spam@example.com");
    expect(toGuest.map((m) => m.subject)).toEqual([`Cancelled: 4 appointments at ${f.provider.businessName}`]);
    for (const a of spam) expect(toGuest[0]!.text).toContain(formatRangeInZone(a.startsAt, a.endsAt, f.provider.timezone));
    expect(toGuest[0]!.text).toContain("Reason: Too many bookings.");
    // The business is still told of each, as for single cancels.
    expect(sent.filter((m) => m.to.toLowerCase() !== "spam@example.com")).toHaveLength(4);
    const status = async (id: string) => (await t.db.select().from(appointments).where(eq(appointments.id, id)))[0]!.status;
    for (const a of spam) expect(await status(a.id)).toBe("cancelled");
    expect(await status(keep.id)).toBe("confirmed");
    expect(await status(elsewhere.id)).toBe("confirmed");
  });
});
