import "server-only";
import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { appointments, providers, services, staffMembers, type AppointmentStatus } from "@/db/schema";

export type StaffAppointment = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  serviceName: string;
  clientName: string;
  notes: string;
};

export type StaffSchedule = {
  staff: { id: string; name: string; providerName: string; timezone: string; active: boolean } | null;
  upcoming: StaffAppointment[];
};

/**
 * The signed-in staff member's upcoming appointments (pending or confirmed, not yet ended),
 * soonest first. The staff row is found by its login (staff_members.user_id): a staff user
 * only ever sees appointments assigned to them.
 */
export async function listStaffSchedule(db: Db, userId: string, now: Date = new Date(), limit = 200): Promise<StaffSchedule> {
  const [staff] = await db
    .select({
      id: staffMembers.id,
      name: staffMembers.name,
      active: staffMembers.active,
      providerName: providers.businessName,
      timezone: providers.timezone,
    })
    .from(staffMembers)
    .innerJoin(providers, eq(providers.id, staffMembers.providerId))
    .where(eq(staffMembers.userId, userId))
    .limit(1);
  if (!staff) return { staff: null, upcoming: [] };
  const upcoming = await db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      status: appointments.status,
      serviceName: services.name,
      clientName: appointments.clientName,
      notes: appointments.notes,
    })
    .from(appointments)
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .where(
      and(
        eq(appointments.staffId, staff.id),
        inArray(appointments.status, ["pending", "confirmed"]),
        gt(appointments.endsAt, sql`${now.toISOString()}::timestamptz`),
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .limit(limit);
  return { staff, upcoming };
}
