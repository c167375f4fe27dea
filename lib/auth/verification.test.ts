import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { addService, createAppointment } from "@/test/fixtures";
import { appointments, mailMessages, users } from "@/db/schema";
import { AppError } from "@/lib/infra/errors";
import { registerUser } from "./register";
import { registerSchema } from "./schemas";
import { newToken } from "@/lib/infra/tokens";
import { RESEND_LIMIT, resendVerification, verifyEmail } from "./verification";

describe.each(testDrivers())("email verification on %s", (kind) => {
  const t = setUpTestDb(kind);
  let serviceId: string;
  let providerId: string;
  beforeAll(async () => {
    const { provider } = await registerUser(
      t.db,
      registerSchema.parse({ name: "Pat", email: "pat@salon.example", password: "0123456789", role: "provider", businessName: "Salon", timezone: "UTC" }),
    );
    providerId = provider!.id;
    serviceId = (await addService(t.db, providerId, { name: "Cut", durationMinutes: 30 })).id;
  });

  const register = (email: string, role: "client" | "provider" = "client") =>
    registerUser(
      t.db,
      registerSchema.parse({ name: "Someone", email, password: "0123456789", role, businessName: "Biz", timezone: "UTC" }),
    );

  /** The token from the newest verification mail to `to`, as the user would click it. */
  const linkTokenFor = async (to: string) => {
    const mails = await t.db.select().from(mailMessages).where(eq(mailMessages.to, to));
    const newest = mails.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
    return newest!.text.match(/\/verify-email\/([A-Za-z0-9_-]+)/)![1]!;
  };

  let hour = 8;
  const guestBooking = async (email: string, clientUserId: string | null = null) => {
    const start = new Date(Date.UTC(2030, 0, 7, hour++));
    return (await createAppointment(t.db, { providerId, serviceId, clientName: "Guest", clientEmail: email, clientUserId, startsAt: start })).id;
  };
  const ownerOf = async (id: string) =>
    (await t.db.select({ u: appointments.clientUserId }).from(appointments).where(eq(appointments.id, id)))[0]!.u;

  it("verifies the email once; the same link again says it was used", async () => {
    const { user } = await register("cleo@example.com");
    const token = await linkTokenFor("cleo@example.com");
    const now = new Date();
    expect(await verifyEmail(t.db, token, now)).toMatchObject({ ok: true, userId: user.id });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.emailVerifiedAt).not.toBeNull();
    expect(await verifyEmail(t.db, token, now)).toEqual({ ok: false, reason: "used" });
  });

  it("refuses an expired link and leaves the email unverified", async () => {
    const { user } = await register("dan@example.com");
    const token = await linkTokenFor("dan@example.com");
    const later = new Date(Date.now() + 25 * 3600_000);
    expect(await verifyEmail(t.db, token, later)).toEqual({ ok: false, reason: "expired" });
    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.emailVerifiedAt).toBeNull();
  });

  it("refuses unknown and malformed tokens", async () => {
    expect(await verifyEmail(t.db, newToken())).toEqual({ ok: false, reason: "unknown" });
    expect(await verifyEmail(t.db, "../../etc")).toEqual({ ok: false, reason: "unknown" });
  });

  it("links guest bookings with the email only once it is verified", async () => {
    const mine = await guestBooking("Eve@Example.com");
    const someoneElses = await guestBooking("mallory@example.com");
    const { user } = await register("eve@example.com");
    // Registered but not verified: the bookings stay unlinked.
    expect(await ownerOf(mine)).toBeNull();

    const result = await verifyEmail(t.db, await linkTokenFor("eve@example.com"));
    expect(result).toMatchObject({ ok: true, linkedAppointments: 1 });
    expect(await ownerOf(mine)).toBe(user.id);
    expect(await ownerOf(someoneElses)).toBeNull();
  });

  it("does not take over a booking already attached to another account", async () => {
    const { user: other } = await register("frank@example.com");
    const attached = await guestBooking("gina@example.com", other.id);
    await register("gina@example.com");
    await verifyEmail(t.db, await linkTokenFor("gina@example.com"));
    expect(await ownerOf(attached)).toBe(other.id);
  });

  it("spends every older link once one of them verifies", async () => {
    const { user } = await register("hal@example.com");
    const first = await linkTokenFor("hal@example.com");
    await new Promise((r) => setTimeout(r, 5)); // distinct createdAt for "newest mail"
    expect(await resendVerification(t.db, user.id)).toBe(true);
    const second = await linkTokenFor("hal@example.com");
    expect(second).not.toBe(first);
    expect((await verifyEmail(t.db, second)).ok).toBe(true);
    expect(await verifyEmail(t.db, first)).toEqual({ ok: false, reason: "used" });
    // Already verified: nothing more is sent.
    expect(await resendVerification(t.db, user.id)).toBe(false);
  });

  it("limits how many new links an account may ask for", async () => {
    const { user } = await register("ivy@example.com");
    const now = new Date("2030-01-01T10:00:00Z");
    for (let i = 0; i < RESEND_LIMIT.count; i++) expect(await resendVerification(t.db, user.id, now)).toBe(true);
    const err = await resendVerification(t.db, user.id, now).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("RATE_LIMITED");
    expect((err as AppError).message).toMatch(/Try again in 60 minutes/);
  });
});
