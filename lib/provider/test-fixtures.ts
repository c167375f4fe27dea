import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/db";
import { appointments, type AppointmentStatus, type providers } from "@/db/schema";
import { addService, createProviderFixture } from "@/lib/booking/test-fixtures";

/*
 * lib/provider's test data, on top of the booking fixtures: a provider without opening hours
 * (tests set their own), and appointments written directly, so a test can set up any status
 * or a past time without going through the booking rules.
 */

export { addService };

export async function makeProvider(db: Db, overrides: Partial<typeof providers.$inferInsert> = {}) {
  return createProviderFixture(db, { provider: overrides, hours: [] });
}

export async function makeAppointment(
  db: Db,
  args: { providerId: string; serviceId: string; startsAt: Date; minutes?: number; status?: AppointmentStatus; clientEmail?: string },
) {
  const [row] = await db
    .insert(appointments)
    .values({
      providerId: args.providerId,
      serviceId: args.serviceId,
      startsAt: args.startsAt,
      endsAt: new Date(args.startsAt.getTime() + (args.minutes ?? 30) * 60_000),
      status: args.status ?? "confirmed",
      clientName: "Ada Client",
      clientEmail: args.clientEmail ?? `client-${randomBytes(4).toString("hex")}@example.test`,
      clientPhone: "+49 30 1234567",
      manageTokenHash: createHash("sha256").update(randomBytes(16)).digest("hex"),
    })
    .returning();
  return row!;
}
