import "server-only";
import { and, asc, desc, eq, gt, inArray, not, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { appointments, providers, services, staffMembers, type AppointmentStatus } from "@/db/schema";

export type ClientAppointment = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  serviceName: string;
  providerName: string;
  providerSlug: string;
  timezone: string;
  staffName: string | null;
};

const ACTIVE: AppointmentStatus[] = ["pending", "confirmed"];

/**
 * A client's own appointments (attached to their account), split into upcoming — still
 * pending or confirmed and starting after `now`, soonest first — and past (everything else,
 * newest first). Ownership is in the WHERE.
 */
export async function listClientAppointments(
  db: Db,
  userId: string,
  now: Date = new Date(),
  limit = 100,
): Promise<{ upcoming: ClientAppointment[]; past: ClientAppointment[] }> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const isUpcoming = and(inArray(appointments.status, ACTIVE), gt(appointments.startsAt, nowSql))!;
  const query = (where: SQL, order: SQL[]) =>
    db
      .select({
        id: appointments.id,
        startsAt: appointments.startsAt,
        endsAt: appointments.endsAt,
        status: appointments.status,
        serviceName: services.name,
        providerName: providers.businessName,
        providerSlug: providers.slug,
        timezone: providers.timezone,
        staffName: staffMembers.name,
      })
      .from(appointments)
      .innerJoin(services, eq(services.id, appointments.serviceId))
      .innerJoin(providers, eq(providers.id, appointments.providerId))
      .leftJoin(staffMembers, eq(staffMembers.id, appointments.staffId))
      .where(and(eq(appointments.clientUserId, userId), where))
      .orderBy(...order)
      .limit(limit);
  const [upcoming, past] = await Promise.all([
    query(isUpcoming, [asc(appointments.startsAt), asc(appointments.id)]),
    query(or(not(inArray(appointments.status, ACTIVE)), sql`${appointments.startsAt} <= ${nowSql}`)!, [
      desc(appointments.startsAt),
      desc(appointments.id),
    ]),
  ]);
  return { upcoming, past };
}
