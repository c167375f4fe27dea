import { beforeAll, describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { addStaffMember, createAppointment, createProviderFixture, createUser } from "@/test/fixtures";
import { eq } from "drizzle-orm";
import { appointments, type AppointmentStatus } from "@/db/schema";
import { listStaffSchedule } from "./schedule";

const NOW = new Date("2030-03-10T12:00:00Z");

describe.each(testDrivers())("staff schedule on %s", (kind) => {
  const t = setUpTestDb(kind);
  let staffUser: string;
  let loneUser: string;
  let providerId: string;
  let serviceId: string;
  let mine: string;
  let colleague: string;

  beforeAll(async () => {
    const f = await createProviderFixture(t.db, {
      provider: { businessName: "Barbers", slug: "barbers", timezone: "Europe/Berlin", plan: "pro" },
      service: { name: "Cut", durationMinutes: 30 },
    });
    providerId = f.provider.id;
    serviceId = f.service.id;
    const sam = await addStaffMember(t.db, providerId, { login: { email: "sam@example.com", name: "Sam" } });
    staffUser = sam.user!.id;
    mine = sam.staff.id;
    colleague = (await addStaffMember(t.db, providerId, { name: "Colleague" })).staff.id;
    // A staff login that belongs to no provider's staff list.
    loneUser = (await createUser(t.db, { email: "lone@example.com", name: "Lone", role: "staff" })).id;
  });

  const book = async (staffId: string, startIso: string, status: AppointmentStatus = "confirmed") =>
    (await createAppointment(t.db, { providerId, serviceId, staffId, startsAt: new Date(startIso), status })).id;

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

  it("tells a guest's booking that still waits for their email confirmation from one that waits for the business", async () => {
    const held = await book(mine, "2030-03-13T09:00:00Z", "pending");
    const holdUntil = new Date("2030-03-10T12:30:00Z");
    await t.db.update(appointments).set({ holdUntil }).where(eq(appointments.id, held));
    const pending = await book(mine, "2030-03-13T10:00:00Z", "pending");
    const { upcoming } = await listStaffSchedule(t.db, staffUser, NOW);
    expect(upcoming.find((a) => a.id === held)).toMatchObject({ status: "pending", holdUntil });
    expect(upcoming.find((a) => a.id === pending)).toMatchObject({ status: "pending", holdUntil: null });
  });

  it("has no schedule for a staff login not linked to a staff member", async () => {
    expect(await listStaffSchedule(t.db, loneUser, NOW)).toEqual({ staff: null, upcoming: [] });
  });
});
