import { beforeAll, describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { createAppointment, createProviderFixture, createUser } from "@/test/fixtures";
import type { AppointmentStatus } from "@/db/schema";
import { listClientAppointments } from "./appointments";

const NOW = new Date("2030-03-10T12:00:00Z");

describe.each(testDrivers())("client appointments on %s", (kind) => {
  const t = setUpTestDb(kind);
  let me: string;
  let other: string;
  let providerId: string;
  let serviceId: string;

  beforeAll(async () => {
    me = (await createUser(t.db, { email: "me@example.com", name: "Me", role: "client" })).id;
    other = (await createUser(t.db, { email: "other@example.com", name: "Other", role: "client" })).id;
    const f = await createProviderFixture(t.db, {
      provider: { businessName: "Studio", slug: "studio", timezone: "Asia/Kolkata" },
      service: { name: "Massage", durationMinutes: 60 },
    });
    providerId = f.provider.id;
    serviceId = f.service.id;
  });

  const book = async (clientUserId: string | null, startIso: string, status: AppointmentStatus = "confirmed") =>
    (await createAppointment(t.db, { providerId, serviceId, clientUserId, startsAt: new Date(startIso), minutes: 60, status })).id;

  it("splits my appointments into upcoming (soonest first) and past (newest first), and shows no one else's", async () => {
    const later = await book(me, "2030-03-20T09:00:00Z");
    const soon = await book(me, "2030-03-11T09:00:00Z", "pending");
    const cancelledFuture = await book(me, "2030-03-12T09:00:00Z", "cancelled");
    const yesterday = await book(me, "2030-03-09T09:00:00Z", "completed");
    const startedAlready = await book(me, "2030-03-10T11:30:00Z");
    await book(other, "2030-03-15T09:00:00Z");
    await book(null, "2030-03-16T09:00:00Z");

    const { upcoming, past } = await listClientAppointments(t.db, me, NOW);
    expect(upcoming.map((a) => a.id)).toEqual([soon, later]);
    expect(past.map((a) => a.id)).toEqual([cancelledFuture, startedAlready, yesterday]);
    expect(upcoming[0]).toMatchObject({ serviceName: "Massage", providerName: "Studio", providerSlug: "studio", timezone: "Asia/Kolkata", status: "pending" });
  });

  it("is empty for a client with no appointments", async () => {
    const fresh = await createUser(t.db, { email: "new@example.com", name: "New", role: "client" });
    expect(await listClientAppointments(t.db, fresh.id, NOW)).toEqual({ upcoming: [], past: [], pastPage: 1, pastPages: 1 });
  });
});
