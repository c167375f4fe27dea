import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { appointments, closedDates, providerHours, providers, services, staffAvailability, staffPhotos, staffServices, staffTimeOff } from "@/db/schema";
import { addStaffMember, at, createProviderFixture, guestContact, type ProviderFixture } from "@/test/fixtures";
import { createBooking } from "@/lib/booking/create";
import { cancelAppointment } from "@/lib/booking/manage";
import { setUpProviderFixture, setUpTestDb } from "@/test/hooks";
import { pageFingerprint } from "./versions";

// Monday 2 March 2026, 08:00 in Berlin; bookings on Tuesday 3 March.
const NOW = new Date("2026-03-02T07:00:00Z");

/*
 * The triggers of drizzle/0009: every write to what a business's public pages show changes its
 * version (and the directory's when a card changes), in the writing transaction, whatever code
 * made it. A cached page is served only while the version it was rendered under stands.
 */
describe.each(testDrivers())("public page versions on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t, { plan: "pro" });
  let other: ProviderFixture;
  beforeAll(async () => {
    other = await createProviderFixture(t.db);
  });

  const version = () => pageFingerprint(t.db, { kind: "provider", slug: f.provider.slug });
  const directory = () => pageFingerprint(t.db, { kind: "directory" });
  /** Whether `write` changed the business's version (and the directory's). */
  async function changes(write: () => Promise<unknown>): Promise<{ page: boolean; directory: boolean; other: boolean }> {
    const before = [await version(), await directory(), await pageFingerprint(t.db, { kind: "provider", slug: other.provider.slug })];
    await write();
    const after = [await version(), await directory(), await pageFingerprint(t.db, { kind: "provider", slug: other.provider.slug })];
    return { page: before[0] !== after[0], directory: before[1] !== after[1], other: before[2] !== after[2] };
  }

  it("is null for an address no business has", async () => {
    expect(await pageFingerprint(t.db, { kind: "provider", slug: "nobody-here" })).toBeNull();
    expect(await version()).toMatch(new RegExp(`^${f.provider.id}@\\d+$`));
  });

  it("changes with a booking and its cancellation, made through the app", async () => {
    const booked = await changes(() =>
      createBooking(t.db, { providerId: f.provider.id, serviceId: f.service.id, start: at(f.provider, "2026-03-03", "10:00"), ...guestContact, by: "guest" }, NOW),
    );
    expect(booked).toEqual({ page: true, directory: false, other: false });
    const [row] = await t.db.select({ id: appointments.id }).from(appointments).where(eq(appointments.providerId, f.provider.id));
    const cancelled = await changes(() => cancelAppointment(t.db, { appointmentId: row!.id, actor: { kind: "provider", providerId: f.provider.id } }, NOW));
    expect(cancelled.page).toBe(true);
  });

  it("does not change when only an appointment's notes do", async () => {
    const [row] = await t.db.select({ id: appointments.id }).from(appointments).where(eq(appointments.providerId, f.provider.id));
    expect(await changes(() => t.db.update(appointments).set({ notes: "Bring the photo" }).where(eq(appointments.id, row!.id)))).toEqual({
      page: false,
      directory: false,
      other: false,
    });
  });

  it("changes with the business's own rows, written straight to the database", async () => {
    const id = f.provider.id;
    expect((await changes(() => t.db.update(services).set({ priceCents: 4200 }).where(eq(services.id, f.service.id)))).page).toBe(true);
    expect((await changes(() => t.db.insert(providerHours).values({ providerId: id, weekday: 6, startTime: "10:00", endTime: "12:00" }))).page).toBe(true);
    expect((await changes(() => t.db.insert(closedDates).values({ providerId: id, date: "2026-03-10" }))).page).toBe(true);
    expect((await changes(() => t.db.update(providers).set({ phone: "+49 30 7654321" }).where(eq(providers.id, id))))).toEqual({
      page: true,
      directory: false,
      other: false,
    });
  });

  it("changes with every staff row, through the member's business", async () => {
    let sid = "";
    expect((await changes(async () => (sid = (await addStaffMember(t.db, f.provider.id, { name: "Ana" })).staff.id))).page).toBe(true);
    expect((await changes(() => t.db.insert(staffServices).values({ staffId: sid, serviceId: f.service.id }).onConflictDoNothing())).page).toBe(true);
    expect((await changes(() => t.db.insert(staffAvailability).values({ staffId: sid, weekday: 2, startTime: "09:00", endTime: "12:00" }))).page).toBe(true);
    expect((await changes(() => t.db.insert(staffTimeOff).values({ staffId: sid, startDate: "2026-03-04", endDate: "2026-03-05" }))).page).toBe(true);
    expect(
      (await changes(() => t.db.insert(staffPhotos).values({ staffId: sid, contentType: "image/png", data: Buffer.from([1]), byteSize: 1 }))).page,
    ).toBe(true);
    expect((await changes(() => t.db.delete(staffAvailability).where(eq(staffAvailability.staffId, sid)))).page).toBe(true);
  });

  it("changes the directory's version when a card changes or a business signs up, and not otherwise", async () => {
    expect(await changes(() => t.db.update(providers).set({ businessName: "Renamed Studio" }).where(eq(providers.id, f.provider.id)))).toEqual({
      page: true,
      directory: true,
      other: false,
    });
    expect((await changes(() => createProviderFixture(t.db))).directory).toBe(true);
  });

  it("follows the address: a moved business is unknown at its old one", async () => {
    const old = f.provider.slug;
    await t.db.update(providers).set({ slug: `${old}-moved` }).where(eq(providers.id, f.provider.id));
    expect(await pageFingerprint(t.db, { kind: "provider", slug: old })).toBeNull();
    expect(await pageFingerprint(t.db, { kind: "provider", slug: `${old}-moved` })).toMatch(new RegExp(`^${f.provider.id}@`));
    await t.db.update(providers).set({ slug: old }).where(eq(providers.id, f.provider.id));
  });
});
