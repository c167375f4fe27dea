import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type Db } from "@/db";
import { computeSlots, type WeeklyInterval } from "@/lib/availability";
import { AppError } from "@/lib/errors";
import { isUuid } from "@/lib/validation";
import { dateRangeSchema } from "./schema";

export type SlotListing = {
  timezone: string;
  slots: { start: Date; end: Date; staffIds: string[] }[];
};

/** Statuses that hold a time range (the exclusion constraints use the same set). */
export const HOLDING_STATUSES = ["pending", "confirmed"] as const;

type SlotScope = { serviceId: string; staffId?: string | null; from: string; to: string };

type SlotInputsRow = {
  timezone: string;
  min_notice_minutes: number;
  booking_horizon_days: number;
  duration_minutes: number | null;
  staff_id: string | null;
  hours: [number, string, string][];
  closed: string[];
  busy: [number, number][];
};

/**
 * Bookable slots of a service between two local dates of the provider (inclusive), for the
 * provider's own calendar, or a staff member's when `staffId` is given. The provider is named
 * by id or by public slug. NOT_FOUND for an unknown provider, a service that is inactive or not
 * the provider's, or a foreign staff id.
 */
export async function listSlots(
  db: Db,
  args: SlotScope & ({ providerId: string } | { slug: string }),
  now: Date = new Date(),
): Promise<SlotListing> {
  const range = dateRangeSchema.safeParse({ from: args.from, to: args.to });
  if (!range.success) {
    const fieldErrors = z.flattenError(range.error).fieldErrors as Record<string, string[]>;
    throw new AppError("VALIDATION", undefined, { fieldErrors });
  }
  const inputs = await loadSlotInputs(db, args);
  if (!inputs) throw new AppError("NOT_FOUND", "We couldn't find that provider.");
  if (inputs.duration_minutes === null) throw new AppError("NOT_FOUND", "We couldn't find that service.");
  if (args.staffId && !inputs.staff_id) throw new AppError("NOT_FOUND", "We couldn't find that staff member.");

  const weeklyHours: WeeklyInterval[] = inputs.hours.map(([weekday, start, end]) => ({ weekday, start, end }));
  const slots = computeSlots({
    timezone: inputs.timezone,
    weeklyHours,
    closedDates: inputs.closed,
    busy: inputs.busy.map(([start, end]) => ({ start: new Date(start), end: new Date(end) })),
    durationMinutes: inputs.duration_minutes,
    minNoticeMinutes: inputs.min_notice_minutes,
    horizonDays: inputs.booking_horizon_days,
    now,
    from: args.from,
    to: args.to,
  });
  const staffIds = inputs.staff_id ? [inputs.staff_id] : [];
  return { timezone: inputs.timezone, slots: slots.map((s) => ({ start: s.start, end: s.end, staffIds })) };
}

/**
 * Everything the slot engine needs, in ONE round trip: the slots API is the hottest read and on
 * PGlite every query is serialised on one connection. Busy ranges are those overlapping the
 * requested local days, padded by a day on each side (computed in the provider's zone by the
 * database) so that a zone's odd midnight can never hide one.
 */
async function loadSlotInputs(
  db: Db,
  args: SlotScope & ({ providerId: string } | { slug: string }),
): Promise<SlotInputsRow | null> {
  const byId = "providerId" in args;
  if (byId && !isUuid(args.providerId)) return null;
  const serviceId = isUuid(args.serviceId) ? args.serviceId : null;
  const staffId = args.staffId ? (isUuid(args.staffId) ? args.staffId : null) : null;
  if (args.staffId && !staffId) return null;
  const providerWhere = byId ? sql`p.id = ${args.providerId}::uuid` : sql`p.slug = ${args.slug}`;
  const staffFilter = staffId ? sql`a.staff_id = ${staffId}::uuid` : sql`a.staff_id is null`;
  const rows = await queryRows<SlotInputsRow>(
    db,
    sql`
      select p.timezone, p.min_notice_minutes, p.booking_horizon_days,
        s.duration_minutes,
        ${staffId ? sql`(select st.id from staff_members st where st.id = ${staffId}::uuid and st.provider_id = p.id and st.active)` : sql`null::uuid`} as staff_id,
        coalesce((select json_agg(json_build_array(h.weekday, to_char(h.start_time, 'HH24:MI'), to_char(h.end_time, 'HH24:MI')) order by h.weekday, h.start_time)
                  from provider_hours h where h.provider_id = p.id), '[]'::json) as hours,
        coalesce((select json_agg(c.date::text) from closed_dates c
                  where c.provider_id = p.id and c.date between ${args.from}::date and ${args.to}::date), '[]'::json) as closed,
        coalesce((select json_agg(json_build_array(extract(epoch from a.starts_at) * 1000, extract(epoch from a.ends_at) * 1000))
                  from appointments a
                  where a.provider_id = p.id and ${staffFilter}
                    and a.status in ('pending', 'confirmed')
                    and a.starts_at < ((${args.to}::date + 2)::timestamp at time zone p.timezone)
                    and a.ends_at > ((${args.from}::date - 1)::timestamp at time zone p.timezone)), '[]'::json) as busy
      from providers p
      left join services s on s.id = ${serviceId}::uuid and s.provider_id = p.id and s.active
      where ${providerWhere}
      limit 1`,
  );
  const row = rows[0];
  if (!row) return null;
  // postgres.js and PGlite both parse json columns; numerics inside JSON arrive as numbers.
  return { ...row, busy: row.busy.map(([s, e]) => [Number(s), Number(e)]) };
}
