import { and, count, gt, inArray, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { appointments } from "@/db/schema";
import { HOLDING_STATUSES } from "./availability";

/** Appointments that still hold their time: pending or confirmed, and not yet over at `now`. */
export function stillHolding(now: Date | SQL) {
  return and(inArray(appointments.status, [...HOLDING_STATUSES]), gt(appointments.endsAt, now))!;
}

/** How many appointments refer to a row (a service, a member), and how many of them are upcoming. */
export type AppointmentUsage = { upcoming: number; total: number };

/** `refersTo` must carry the provider's id too: ownership is in the WHERE. */
export async function countAppointmentUsage(db: Db, refersTo: SQL, now: Date): Promise<AppointmentUsage> {
  const [total] = await db.select({ n: count() }).from(appointments).where(refersTo);
  const [upcoming] = await db.select({ n: count() }).from(appointments).where(and(refersTo, stillHolding(now)));
  return { upcoming: Number(upcoming?.n ?? 0), total: Number(total?.n ?? 0) };
}
