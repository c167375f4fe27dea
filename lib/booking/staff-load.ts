import { and, asc, eq, sql } from "drizzle-orm";
import { queryRows, type Db, type DbOrTx } from "@/db";
import { staffMembers, staffPhotos, staffServices } from "@/db/schema";
import { isUuid } from "@/lib/infra/validation";
import { widened } from "./availability";
import type { StaffResource } from "./staff-resources";

type Row = {
  id: string;
  display_order: number;
  hours: [number, string, string][];
  time_off: [string, string][];
  busy: [number, number, number, number][];
  calendar_busy: [number, number][];
};

/**
 * The members who can take a booking of this service (active, providing it), with their hours,
 * time off, pending/confirmed appointments and busy times mirrored from their own Google
 * calendar (the view active_busy_intervals, drizzle/0016: its grace and plan rules) around [from, to] (local dates, padded by a day
 * as the provider's own loader does), in one round trip. `staffId` narrows to one member;
 * a member who does not qualify is simply absent. `excludeAppointmentId` leaves out the
 * appointment being moved, so its old time is free for it.
 */
export async function loadStaffResources(
  db: DbOrTx,
  args: {
    providerId: string;
    serviceId: string;
    from: string;
    to: string;
    timezone: string;
    staffId?: string | null;
    /** An appointment being moved: its own time does not make its member busy. */
    excludeAppointmentId?: string | null;
  },
): Promise<StaffResource[]> {
  if (!isUuid(args.providerId) || !isUuid(args.serviceId)) return [];
  if (args.staffId && !isUuid(args.staffId)) return [];
  const exclude = args.excludeAppointmentId && isUuid(args.excludeAppointmentId) ? sql`and x.id <> ${args.excludeAppointmentId}::uuid` : sql``;
  const rows = await queryRows<Row>(
    db,
    sql`
      select m.id, m.display_order,
        coalesce((select json_agg(json_build_array(a.weekday, to_char(a.start_time, 'HH24:MI'), to_char(a.end_time, 'HH24:MI')) order by a.weekday, a.start_time)
                  from staff_availability a where a.staff_id = m.id and a.available), '[]'::json) as hours,
        coalesce((select json_agg(json_build_array(t.start_date::text, t.end_date::text))
                  from staff_time_off t where t.staff_id = m.id and t.end_date >= ${args.from}::date and t.start_date <= ${args.to}::date), '[]'::json) as time_off,
        coalesce((select json_agg(json_build_array(extract(epoch from x.starts_at) * 1000, extract(epoch from x.ends_at) * 1000,
                    coalesce(sx.buffer_before_minutes, pr.buffer_before_minutes), coalesce(sx.buffer_after_minutes, pr.buffer_after_minutes)))
                  from appointments x join services sx on sx.id = x.service_id
                  where x.staff_id = m.id and x.status in ('pending', 'confirmed') ${exclude}
                    and x.starts_at < ((${args.to}::date + 2)::timestamp at time zone ${args.timezone})
                    and x.ends_at > ((${args.from}::date - 1)::timestamp at time zone ${args.timezone})), '[]'::json) as busy,
        coalesce((select json_agg(json_build_array(extract(epoch from b.starts_at) * 1000, extract(epoch from b.ends_at) * 1000))
                  from active_busy_intervals b
                  where b.provider_id = m.provider_id and b.staff_id = m.id
                    and b.starts_at < ((${args.to}::date + 2)::timestamp at time zone ${args.timezone})
                    and b.ends_at > ((${args.from}::date - 1)::timestamp at time zone ${args.timezone})), '[]'::json) as calendar_busy
      from staff_members m
      join providers pr on pr.id = m.provider_id
      join staff_services ss on ss.staff_id = m.id and ss.service_id = ${args.serviceId}::uuid
      where m.provider_id = ${args.providerId}::uuid and m.active
        ${args.staffId ? sql`and m.id = ${args.staffId}::uuid` : sql``}
      order by m.display_order, m.name`,
  );
  return rows.map((r) => ({
    id: r.id,
    displayOrder: r.display_order,
    weeklyHours: r.hours.map(([weekday, start, end]) => ({ weekday, start, end })),
    timeOff: r.time_off.map(([startDate, endDate]) => ({ startDate, endDate })),
    // Each appointment widened by its own service's buffers (availability.ts, the same rule).
    busy: r.busy.map(([s, e, b, a]) => widened(new Date(Number(s)), new Date(Number(e)), Number(b), Number(a))),
    appointmentStarts: r.busy.map(([s]) => new Date(Number(s))),
    calendarBusy: r.calendar_busy.map(([s, e]) => ({ start: new Date(Number(s)), end: new Date(Number(e)) })),
  }));
}

export type BookableMember = { id: string; name: string; bio: string; photoVersion: number | null };

/** The active members who provide a service, in display order, for the booking page's staff step. */
export async function listBookableStaff(db: Db, providerId: string, serviceId: string): Promise<BookableMember[]> {
  if (!isUuid(providerId) || !isUuid(serviceId)) return [];
  const rows = await db
    .select({ id: staffMembers.id, name: staffMembers.name, bio: staffMembers.bio, photoUpdatedAt: staffPhotos.updatedAt })
    .from(staffMembers)
    .innerJoin(staffServices, and(eq(staffServices.staffId, staffMembers.id), eq(staffServices.serviceId, serviceId)))
    .leftJoin(staffPhotos, eq(staffPhotos.staffId, staffMembers.id))
    .where(and(eq(staffMembers.providerId, providerId), eq(staffMembers.active, true)))
    .orderBy(asc(staffMembers.displayOrder), asc(staffMembers.name));
  return rows.map(({ photoUpdatedAt, ...r }) => ({ ...r, photoVersion: photoUpdatedAt ? photoUpdatedAt.getTime() : null }));
}
