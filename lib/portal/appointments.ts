import "server-only";
import { and, asc, count, desc, eq, gt, inArray, not, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { appointments, type AppointmentStatus } from "@/db/schema";
import { appointmentsJoined, clientView, type ClientAppointment } from "@/lib/booking/read";

const ACTIVE: AppointmentStatus[] = ["pending", "confirmed"];
export const PAST_PAGE_SIZE = 10;

export type ClientAppointments = {
  upcoming: ClientAppointment[];
  past: ClientAppointment[];
  /** 1-based page of `past`, clamped to the pages that exist. */
  pastPage: number;
  pastPages: number;
};

/**
 * A client's own appointments (attached to their account), split into upcoming — still
 * pending or confirmed and starting after `now`, soonest first — and past (completed,
 * cancelled, no-show, or already started; newest first, one page of PAST_PAGE_SIZE).
 * Ownership is in the WHERE.
 */
export async function listClientAppointments(
  db: Db,
  userId: string,
  now: Date = new Date(),
  opts: { pastPage?: number; upcomingLimit?: number } = {},
): Promise<ClientAppointments> {
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const isUpcoming = and(inArray(appointments.status, ACTIVE), gt(appointments.startsAt, nowSql))!;
  const isPast = or(not(inArray(appointments.status, ACTIVE)), sql`${appointments.startsAt} <= ${nowSql}`)!;
  const mine = eq(appointments.clientUserId, userId);
  const query = (where: SQL, order: SQL[], limit: number, offset = 0) =>
    appointmentsJoined(db, clientView)
      .where(and(mine, where))
      .orderBy(...order)
      .limit(limit)
      .offset(offset);

  const [{ n: pastTotal } = { n: 0 }] = await db.select({ n: count() }).from(appointments).where(and(mine, isPast));
  const pastPages = Math.max(1, Math.ceil(pastTotal / PAST_PAGE_SIZE));
  const pastPage = Math.min(Math.max(1, Math.floor(opts.pastPage ?? 1)), pastPages);
  const [upcoming, past] = await Promise.all([
    query(isUpcoming, [asc(appointments.startsAt), asc(appointments.id)], opts.upcomingLimit ?? 100),
    query(isPast, [desc(appointments.startsAt), desc(appointments.id)], PAST_PAGE_SIZE, (pastPage - 1) * PAST_PAGE_SIZE),
  ]);
  return { upcoming, past, pastPage, pastPages };
}
