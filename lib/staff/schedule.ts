import "server-only";
import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { appointments, providers, staffMembers } from "@/db/schema";
import { zonedDate } from "@/lib/availability";
import { AppError } from "@/lib/infra/errors";
import { isPro } from "@/lib/plans/plans";
import { applyAppointmentAction, type AppointmentAction } from "@/lib/provider/appointments";
import { isUuid } from "@/lib/infra/validation";
import { appointmentsJoined, staffView, type StaffAppointment } from "@/lib/booking/read";
import { stillHolding } from "@/lib/booking/usage";

/** Why a linked staff login sees nothing: the member was deactivated, or the business's PRO lapsed. */
export type StaffAccess = "ok" | "inactive" | "lapsed";

export type StaffSchedule = {
  staff: { id: string; name: string; providerName: string; timezone: string; active: boolean; access: StaffAccess } | null;
  upcoming: StaffAppointment[];
};

type LinkedMember = { id: string; providerId: string; name: string; active: boolean; providerName: string; timezone: string; access: StaffAccess };

/** The member a staff login belongs to (staff_members.user_id), with whether it may see anything. */
/** The staff member a login is linked to, with whether they may use /staff now. */
export async function linkedMember(db: Db, userId: string, now: Date): Promise<LinkedMember | null> {
  const [row] = await db
    .select({
      id: staffMembers.id,
      providerId: staffMembers.providerId,
      name: staffMembers.name,
      active: staffMembers.active,
      providerName: providers.businessName,
      timezone: providers.timezone,
      plan: providers.plan,
      proUntil: providers.proUntil,
    })
    .from(staffMembers)
    .innerJoin(providers, eq(providers.id, staffMembers.providerId))
    .where(eq(staffMembers.userId, userId))
    .limit(1);
  if (!row) return null;
  const { plan, proUntil, ...member } = row;
  const access: StaffAccess = !row.active ? "inactive" : !isPro({ plan, proUntil }, now) ? "lapsed" : "ok";
  return { ...member, access };
}

/**
 * The signed-in staff member's upcoming appointments (pending or confirmed, not yet ended),
 * soonest first. A staff user only ever sees appointments assigned to them, and nothing at all
 * once deactivated or when the business is no longer PRO.
 */
export async function listStaffSchedule(db: Db, userId: string, now: Date = new Date(), limit = 200): Promise<StaffSchedule> {
  const member = await linkedMember(db, userId, now);
  if (!member) return { staff: null, upcoming: [] };
  const staff = { id: member.id, name: member.name, providerName: member.providerName, timezone: member.timezone, active: member.active, access: member.access };
  if (member.access !== "ok") return { staff, upcoming: [] };
  const upcoming = await appointmentsJoined(db, staffView)
    .where(
      and(
        eq(appointments.staffId, member.id),
        eq(appointments.providerId, member.providerId),
        stillHolding(sql`${now.toISOString()}::timestamptz`),
      ),
    )
    .orderBy(asc(appointments.startsAt))
    .limit(limit);
  return { staff, upcoming };
}

/** How far back the staff member's "Past" tab reaches. */
export const PAST_DAYS = 30;

/**
 * The signed-in member's appointments that have ended in the last PAST_DAYS days, newest first,
 * whatever their status: those still pending or confirmed are the ones to mark completed or a
 * no-show. The same access rules as the upcoming list.
 */
export async function listStaffPast(db: Db, userId: string, now: Date = new Date(), limit = 200): Promise<StaffSchedule> {
  const member = await linkedMember(db, userId, now);
  if (!member) return { staff: null, upcoming: [] };
  const staff = { id: member.id, name: member.name, providerName: member.providerName, timezone: member.timezone, active: member.active, access: member.access };
  if (member.access !== "ok") return { staff, upcoming: [] };
  const past = await appointmentsJoined(db, staffView)
    .where(
      and(
        eq(appointments.staffId, member.id),
        eq(appointments.providerId, member.providerId),
        lte(appointments.endsAt, now),
        gte(appointments.startsAt, new Date(now.getTime() - PAST_DAYS * 86_400_000)),
        sql`${appointments.status} <> 'cancelled'`,
      ),
    )
    .orderBy(desc(appointments.startsAt))
    .limit(limit);
  return { staff, upcoming: past };
}

/** Appointments grouped by their day in the business's zone, days in order. */
export function groupByDay<T extends { startsAt: Date }>(items: T[], timezone: string): { date: string; items: T[] }[] {
  const days: { date: string; items: T[] }[] = [];
  for (const item of items) {
    const date = zonedDate(item.startsAt, timezone);
    const last = days[days.length - 1];
    if (last?.date === date) last.items.push(item);
    else days.push({ date, items: [item] });
  }
  return days;
}

export const STAFF_ACTIONS = ["complete", "no_show", "undo_no_show"] as const satisfies readonly AppointmentAction[];
export type StaffAction = (typeof STAFF_ACTIONS)[number];

/**
 * A staff member marks one of their own appointments completed or a no-show, or undoes a
 * no-show (the change is recorded as theirs). Anyone else's
 * appointment (another member's, another business's) is NOT_FOUND, as is everything for a
 * deactivated member or a lapsed business.
 */
export async function applyStaffAppointmentAction(
  db: Db,
  args: { userId: string; appointmentId: string; action: StaffAction },
  now = new Date(),
): Promise<void> {
  if (!isUuid(args.appointmentId) || !STAFF_ACTIONS.includes(args.action)) throw new AppError("NOT_FOUND");
  const member = await linkedMember(db, args.userId, now);
  if (!member || member.access !== "ok") throw new AppError("NOT_FOUND");
  const [own] = await db
    .select({ id: appointments.id })
    .from(appointments)
    .where(and(eq(appointments.id, args.appointmentId), eq(appointments.staffId, member.id), eq(appointments.providerId, member.providerId)));
  if (!own) throw new AppError("NOT_FOUND");
  await applyAppointmentAction(db, { providerId: member.providerId, appointmentId: own.id, action: args.action, actor: { kind: "staff", userId: args.userId } }, now);
}
