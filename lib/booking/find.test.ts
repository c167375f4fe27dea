import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { mailMessages } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { at, createProviderFixture } from "@/test/fixtures";
import { createBooking } from "./create";
import { cancelAppointment } from "./manage";
import { getAppointmentByToken } from "./read";
import { FIND_LIMITS, sendBookingLinks } from "./find";

// Monday 2 March 2026, 09:00 in Berlin.
const NOW = new Date("2026-03-02T08:00:00Z");

describe.each(testDrivers())("find my booking on %s", (kind) => {
  const t = setUpTestDb(kind);
  const mailsTo = (to: string) => t.db.select().from(mailMessages).where(eq(mailMessages.to, to));
  const guest = (email: string) => ({ name: "Lou Lost", email, phone: "+44 20 7946 0958" });

  it("mails one message listing upcoming bookings at every business with working links; the links already mailed keep working", async () => {
    const email = `lost-${kind}@example.com`;
    const a = await createProviderFixture(t.db, { provider: { businessName: "Alpha Cuts" } });
    const b = await createProviderFixture(t.db, { provider: { businessName: "Beta Nails" } });
    const first = await createBooking(t.db, { providerId: a.provider.id, serviceId: a.service.id, start: at(a.provider, "2026-03-04", "10:00"), ...guest(email), by: "guest" }, NOW);
    const second = await createBooking(t.db, { providerId: b.provider.id, serviceId: b.service.id, start: at(b.provider, "2026-03-05", "11:00"), ...guest(email.toUpperCase()), by: "guest" }, NOW);
    const gone = await createBooking(t.db, { providerId: b.provider.id, serviceId: b.service.id, start: at(b.provider, "2026-03-06", "11:00"), ...guest(email), by: "guest" }, NOW);
    await cancelAppointment(t.db, { appointmentId: gone.appointment.id, actor: { kind: "guest", token: gone.manageToken } }, NOW);
    const before = (await mailsTo(email)).length;

    expect(await sendBookingLinks(t.db, ` ${email.toUpperCase()} `, "203.0.113.5", NOW)).toEqual({ ok: true });
    const mails = await mailsTo(email);
    expect(mails).toHaveLength(before + 1);
    const mail = mails.find((m) => m.subject === "Your 2 upcoming bookings and their links")!;
    expect(mail.text).toContain("Alpha Cuts");
    expect(mail.text).toContain("Beta Nails");
    const tokens = [...mail.text.matchAll(/\/bookings\/([A-Za-z0-9_-]+)/g)].map((m) => m[1]!);
    expect(tokens).toHaveLength(2);
    expect((await getAppointmentByToken(t.db, tokens[0]!, NOW))?.id).toBe(first.appointment.id);
    expect((await getAppointmentByToken(t.db, tokens[1]!, NOW))?.id).toBe(second.appointment.id);
    // Knowing a guest's email is not enough to make their links stop working.
    expect((await getAppointmentByToken(t.db, first.manageToken, NOW))?.id).toBe(first.appointment.id);
    expect((await getAppointmentByToken(t.db, second.manageToken, NOW))?.id).toBe(second.appointment.id);
    expect(mail.text).toContain("The links in earlier mails still work too.");
    // The new link has the same rights as the first.
    const cancelled = await cancelAppointment(t.db, { appointmentId: second.appointment.id, actor: { kind: "guest", token: tokens[1]! } }, NOW);
    expect(cancelled.status).toBe("cancelled");
  });

  it("answers the same for an address without bookings, and sends nothing", async () => {
    expect(await sendBookingLinks(t.db, `nobody-${kind}@example.com`, "203.0.113.6", NOW)).toEqual({ ok: true });
    expect(await mailsTo(`nobody-${kind}@example.com`)).toEqual([]);
  });

  it("limits mails per email silently and requests per client address openly", async () => {
    const email = `often-${kind}@example.com`;
    const p = await createProviderFixture(t.db);
    await createBooking(t.db, { providerId: p.provider.id, serviceId: p.service.id, start: at(p.provider, "2026-03-04", "12:00"), ...guest(email), by: "guest" }, NOW);
    const before = (await mailsTo(email)).length;
    for (let i = 0; i < FIND_LIMITS.perEmail + 2; i++) {
      expect(await sendBookingLinks(t.db, email, `198.51.100.${i}`, NOW)).toEqual({ ok: true });
    }
    expect(await mailsTo(email)).toHaveLength(before + FIND_LIMITS.perEmail);

    const ip = "192.0.2.77";
    for (let i = 0; i < FIND_LIMITS.perAddress; i++) await sendBookingLinks(t.db, `x${i}-${kind}@example.com`, ip, NOW);
    expect(await sendBookingLinks(t.db, `y-${kind}@example.com`, ip, NOW)).toMatchObject({ ok: false });
  });
});
