import { and, count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { providerHours, providers, services, staffAvailability, staffMembers, staffPhotos, staffServices, users } from "@/db/schema";
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo, type SeedResult } from "./seed";
import { setUpTestDb } from "@/test/hooks";
import { testDrivers } from "@/test/db";

describe.each(testDrivers())("demo seed on %s", (kind) => {
  const t = setUpTestDb(kind);
  let first: SeedResult;
  const now = new Date("2030-03-04T10:00:00Z");
  beforeAll(async () => {
    first = await seedDemo(t.db, now);
  });

  it("creates verified demo accounts that sign in with the printed password", async () => {
    for (const login of DEMO_LOGINS) {
      const [u] = await t.db.select().from(users).where(eq(users.email, login.email));
      expect(u, login.email).toBeDefined();
      expect(u!.emailVerifiedAt).not.toBeNull();
      expect(await verifyPassword(u!.passwordHash!, DEMO_PASSWORD)).toBe(true);
    }
    const [client] = await t.db.select().from(users).where(eq(users.email, "client@example.com"));
    expect(client).toMatchObject({ name: "Casey Client", role: "client" });
  });

  it("creates a FREE London salon with a 30-minute £35 haircut and split weekday hours", async () => {
    const [bloom] = await t.db.select().from(providers).where(eq(providers.slug, "bloom-hair"));
    // Confirmed at once: benchmarks and demos book it as a guest.
    expect(bloom).toMatchObject({
      businessName: "Bloom Hair Studio",
      timezone: "Europe/London",
      plan: "free",
      proUntil: null,
      requireApproval: false,
    });
    const [haircut] = await t.db.select().from(services).where(eq(services.id, first.providers["bloom-hair"]!.services["Haircut"]!));
    expect(haircut).toMatchObject({ durationMinutes: 30, priceCents: 3500, active: true, providerId: bloom!.id });
    const monday = await t.db
      .select({ start: providerHours.startTime, end: providerHours.endTime })
      .from(providerHours)
      .where(and(eq(providerHours.providerId, bloom!.id), eq(providerHours.weekday, 1)))
      .orderBy(providerHours.startTime);
    expect(monday).toEqual([
      { start: "09:00:00", end: "12:00:00" },
      { start: "13:00:00", end: "17:00:00" },
    ]);
    const sunday = await t.db.select().from(providerHours).where(and(eq(providerHours.providerId, bloom!.id), eq(providerHours.weekday, 7)));
    expect(sunday).toEqual([]);
  });

  it("creates a PRO New York clinic, approving online bookings by hand, whose PRO runs a year from the seed", async () => {
    const [north] = await t.db.select().from(providers).where(eq(providers.slug, "northside-physio"));
    expect(north).toMatchObject({ timezone: "America/New_York", plan: "pro", requireApproval: true });
    expect(north!.proUntil?.toISOString()).toBe("2031-03-04T10:00:00.000Z");
    expect(Object.keys(first.providers["northside-physio"]!.services).length).toBeGreaterThanOrEqual(2);
  });

  it("gives Northside three staff: two sharing services and hours, one with a photo and the staff login", async () => {
    const northId = first.providers["northside-physio"]!.id;
    const team = await t.db
      .select({ id: staffMembers.id, name: staffMembers.name, userId: staffMembers.userId, active: staffMembers.active })
      .from(staffMembers)
      .where(eq(staffMembers.providerId, northId))
      .orderBy(staffMembers.displayOrder);
    expect(team.map((m) => m.name)).toEqual(["Priya Shah", "Marco Diaz", "Jordan Lee"]);
    const [login] = await t.db.select().from(users).where(eq(users.email, "staff@northside.example"));
    expect(login).toMatchObject({ role: "staff" });
    expect(team[0]!.userId).toBe(login!.id);
    const [photo] = await t.db.select({ type: staffPhotos.contentType }).from(staffPhotos).where(eq(staffPhotos.staffId, team[0]!.id));
    expect(photo?.type).toBe("image/png");
    const services = await t.db.select().from(staffServices);
    const offers = (i: number) => services.filter((s) => s.staffId === team[i]!.id).map((s) => s.serviceId);
    const shared = offers(0).filter((id) => offers(1).includes(id));
    expect(shared.length).toBeGreaterThanOrEqual(2);
    expect(offers(2).some((id) => !offers(0).includes(id))).toBe(true);
    const monday = await t.db.select().from(staffAvailability).where(eq(staffAvailability.weekday, 1));
    expect(monday.map((r) => r.staffId).sort()).toEqual([team[0]!.id, team[1]!.id].sort());
  });

  it("is safe to re-run: nothing is duplicated and changes made in the app are kept", async () => {
    const haircutId = first.providers["bloom-hair"]!.services["Haircut"]!;
    await t.db.update(services).set({ priceCents: 4000 }).where(eq(services.id, haircutId));
    await t.db.update(providers).set({ requireApproval: false }).where(eq(providers.slug, "northside-physio"));
    const tally = async () => ({
      users: (await t.db.select({ n: count() }).from(users))[0]!.n,
      providers: (await t.db.select({ n: count() }).from(providers))[0]!.n,
      services: (await t.db.select({ n: count() }).from(services))[0]!.n,
      hours: (await t.db.select({ n: count() }).from(providerHours))[0]!.n,
      staff: (await t.db.select({ n: count() }).from(staffMembers))[0]!.n,
    });
    const before = await tally();
    const again = await seedDemo(t.db, new Date("2031-01-01T00:00:00Z"));
    expect(await tally()).toEqual(before);
    expect(again).toEqual(first);
    const [haircut] = await t.db.select().from(services).where(eq(services.id, haircutId));
    expect(haircut!.priceCents).toBe(4000);
    const [north] = await t.db.select().from(providers).where(eq(providers.slug, "northside-physio"));
    expect(north!.requireApproval).toBe(false);
  });
});
