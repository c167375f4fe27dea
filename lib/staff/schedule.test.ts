import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testDrivers, type TestDb } from "@/db/testing";
import { appointments, providers, services, staffMembers, users, type AppointmentStatus } from "@/db/schema";
import { hashToken, newToken } from "@/lib/tokens";
import { listStaffSchedule } from "./schedule";

const NOW = new Date("2030-03-10T12:00:00Z");

describe.each(testDrivers())("staff schedule on %s", (kind) => {
  let t: TestDb;
  let staffUser: string;
  let loneUser: string;
  let providerId: string;
  let serviceId: string;
  let mine: string;
  let colleague: string;

  beforeAll(async () => {
    t = await createTestDb(kind);
    const [owner, s1, s2] = await t.db
      .insert(users)
      .values([
        { email: "owner@example.com", name: "Owner", role: "provider" },
        { email: "sam@example.com", name: "Sam", role: "staff" },
        { email: "lone@example.com", name: "Lone", role: "staff" },
      ])
      .returning();
    staffUser = s1!.id;
    loneUser = s2!.id;
    const [p] = await t.db.insert(providers).values({ ownerId: owner!.id, businessName: "Barbers", slug: "barbers", timezone: "Europe/Berlin" }).returning();
    providerId = p!.id;
    const [s] = await t.db.insert(services).values({ providerId, name: "Cut", durationMinutes: 30 }).returning();
    serviceId = s!.id;
    const [m, c] = await t.db
      .insert(staffMembers)
      .values([
        { providerId, userId: staffUser, name: "Sam" },
        { providerId, name: "Colleague" },
      ])
      .returning();
    mine = m!.id;
    colleague = c!.id;
  });
  afterAll(() => t.dispose());

  const book = async (staffId: string, startIso: string, status: AppointmentStatus = "confirmed") => {
    const start = new Date(startIso);
    const [row] = await t.db
      .insert(appointments)
      .values({
        providerId,
        serviceId,
        staffId,
        clientName: "Client",
        clientEmail: "c@example.com",
        startsAt: start,
        endsAt: new Date(start.getTime() + 30 * 60_000),
        status,
        manageTokenHash: hashToken(newToken()),
      })
      .returning({ id: appointments.id });
    return row!.id;
  };

  it("lists only my pending/confirmed appointments that have not ended, soonest first", async () => {
    const tomorrow = await book(mine, "2030-03-11T09:00:00Z");
    const ongoing = await book(mine, "2030-03-10T11:45:00Z", "pending");
    await book(mine, "2030-03-10T09:00:00Z"); // ended
    await book(mine, "2030-03-12T09:00:00Z", "cancelled");
    await book(colleague, "2030-03-11T10:00:00Z");

    const { staff, upcoming } = await listStaffSchedule(t.db, staffUser, NOW);
    expect(staff).toMatchObject({ name: "Sam", providerName: "Barbers", timezone: "Europe/Berlin" });
    expect(upcoming.map((a) => a.id)).toEqual([ongoing, tomorrow]);
  });

  it("has no schedule for a staff login not linked to a staff member", async () => {
    expect(await listStaffSchedule(t.db, loneUser, NOW)).toEqual({ staff: null, upcoming: [] });
  });
});
