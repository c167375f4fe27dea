import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db";
import type { WeeklyInterval } from "@/lib/availability";
import { isUuid } from "@/lib/infra/validation";

/*
 * THE availability loader: everything the slot engine needs to know about one bookable
 * resource, in ONE round trip. Both listing slots (slots.ts) and checking a booking
 * (context.ts assertBookableOrThrow) read through it, so they cannot disagree.
 *
 * The resource is what a booking occupies: the provider's own calendar today, a staff member
 * next. Per-staff weekly hours and time off belong in the query's `p_staff` case (today a
 * staff member works the provider's hours); "any available" is the same load for each staff
 * resource of the set.
 *
 * The query itself is the database function slot_availability (drizzle/0011): a plpgsql
 * function keeps its plan for the session, where a statement from Drizzle was planned again on
 * every call, and planning this one cost twice its running (0.82 ms a call on PGlite, 0.24 ms
 * as the function). To change the query, replace the function in a new migration.
 */

/** Statuses that hold a time range (the exclusion constraints and slot_availability use the same set). */
export const HOLDING_STATUSES = ["pending", "confirmed"] as const;

export type BookableResource = { kind: "provider" } | { kind: "staff"; staffId: string };

export type AvailabilityRequest = {
  provider: { id: string } | { slug: string };
  serviceId: string;
  resource: BookableResource;
  /** Local dates of the provider, inclusive: closed dates and busy ranges cover these days. */
  from: string;
  to: string;
  /** New bookings and slot lists need an active service; moving an existing booking does not. */
  activeServiceOnly?: boolean;
};

/** The slot engine's inputs for one resource (what SlotInput needs besides `now` and the range). */
export type Availability = {
  providerId: string;
  timezone: string;
  minNoticeMinutes: number;
  horizonDays: number;
  weeklyHours: WeeklyInterval[];
  closedDates: string[];
  /** Ranges held on this resource: pending/confirmed appointments widened by their buffers, then its calendars' busy times. */
  busy: { start: Date; end: Date }[];
  /** The appointments as held (unwidened, in the order of `busy`), for telling a clash from a buffer. */
  held: { start: Date; end: Date }[];
  /** Starts of those appointments, for the daily cap. */
  appointmentStarts: Date[];
  /** The part of `busy` mirrored from the resource's Google calendars (calendar_busy_intervals). */
  calendarBusy: { start: Date; end: Date }[];
} & SchedulingRules;

/** The service's scheduling rules (its own, else the business's defaults: drizzle/0014). */
export type SchedulingRules = {
  /** Minutes between possible starts; 0 = the service's length. */
  intervalMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Appointments a member (or the business's own calendar) takes a day at most; 0 = no cap. */
  dailyCap: number;
};

/** An appointment's range widened by its service's buffers (minutes). */
export function widened(start: Date, end: Date, beforeMin: number, afterMin: number): { start: Date; end: Date } {
  return { start: new Date(start.getTime() - beforeMin * 60_000), end: new Date(end.getTime() + afterMin * 60_000) };
}

export type LoadedAvailability = {
  ok: true;
  availability: Availability;
  durationMinutes: number;
  plan: { plan: "free" | "pro"; proUntil: Date | null };
  /** Active members who provide the service: with PRO, they are what is booked (staff-calendars.ts). */
  staffCount: number;
};

/** Why nothing could be loaded: each is NOT_FOUND to the caller, with its own message. */
export type AvailabilityMiss = "provider" | "service" | "staff";

type Row = {
  provider_id: string;
  plan: "free" | "pro";
  pro_until: string | Date | null;
  timezone: string;
  min_notice_minutes: number;
  booking_horizon_days: number;
  duration_minutes: number | null;
  staff_id: string | null;
  staff_count: number;
  hours: [number, string, string][];
  closed: string[];
  /**
   * [start ms, end ms, buffer before, buffer after] of each holding appointment;
   * [start ms, end ms, 0, 0, 1] of each mirrored calendar busy time.
   */
  busy: [number, number, number, number, number?][];
  /** [interval, buffer before, buffer after, daily cap] of the service being booked. */
  rules: [number, number, number, number];
};

/**
 * Loads a resource's availability and the service's duration, or says what was not found
 * (an unknown provider; a service that is not the provider's, or inactive when it must be
 * active; a staff member who is not the provider's active staff).
 * Busy ranges are those overlapping the requested local days, padded by a day on each side
 * (computed in the provider's zone by the database) so that a zone's odd midnight can never
 * hide one. The slots API is the hottest read and on PGlite every query is serialised on one
 * connection: keep this one query (slot_availability).
 */
export async function loadAvailability(
  db: DbOrTx,
  req: AvailabilityRequest,
): Promise<
  LoadedAvailability | { ok: false; missing: AvailabilityMiss }
> {
  if ("id" in req.provider && !isUuid(req.provider.id)) return { ok: false, missing: "provider" };
  const staffId = req.resource.kind === "staff" ? req.resource.staffId : null;
  if (staffId !== null && !isUuid(staffId)) return { ok: false, missing: "staff" };
  const serviceId = isUuid(req.serviceId) ? req.serviceId : null;
  const providerId = "id" in req.provider ? req.provider.id : null;
  const slug = "slug" in req.provider ? req.provider.slug : null;
  // The query lives in the database (drizzle/0011, slot_availability), which keeps its plan.
  const rows = await queryRows<Row>(
    db,
    sql`select * from slot_availability(${providerId}::uuid, ${slug}::text, ${serviceId}::uuid, ${staffId}::uuid,
      ${req.activeServiceOnly ?? true}::boolean, ${req.from}::date, ${req.to}::date)`,
  );
  const row = rows[0];
  if (!row) return { ok: false, missing: "provider" };
  if (row.duration_minutes === null) return { ok: false, missing: "service" };
  if (staffId && !row.staff_id) return { ok: false, missing: "staff" };
  const appointments = row.busy.filter((r) => r[4] === undefined);
  const calendarBusy = row.busy.filter((r) => r[4] !== undefined).map(([s, e]) => ({ start: new Date(Number(s)), end: new Date(Number(e)) }));
  return {
    ok: true,
    durationMinutes: row.duration_minutes,
    // The plan and the qualified members decide whether staff calendars apply (slots.ts).
    plan: { plan: row.plan, proUntil: row.pro_until === null ? null : new Date(row.pro_until) },
    staffCount: Number(row.staff_count),
    availability: {
      providerId: row.provider_id,
      timezone: row.timezone,
      minNoticeMinutes: row.min_notice_minutes,
      horizonDays: row.booking_horizon_days,
      weeklyHours: row.hours.map(([weekday, start, end]) => ({ weekday, start, end })),
      closedDates: row.closed,
      // postgres.js and PGlite both parse json columns; numerics inside JSON arrive as numbers.
      busy: [
        ...appointments.map(([s, e, b, a]) => widened(new Date(Number(s)), new Date(Number(e)), Number(b), Number(a))),
        ...calendarBusy,
      ],
      held: appointments.map(([s, e]) => ({ start: new Date(Number(s)), end: new Date(Number(e)) })),
      appointmentStarts: appointments.map(([s]) => new Date(Number(s))),
      calendarBusy,
      intervalMinutes: Number(row.rules[0]),
      bufferBeforeMinutes: Number(row.rules[1]),
      bufferAfterMinutes: Number(row.rules[2]),
      dailyCap: Number(row.rules[3]),
    },
  };
}

/** The resource an appointment with this staff id (or none) occupies. */
export const resourceOf = (staffId: string | null | undefined): BookableResource =>
  staffId ? { kind: "staff", staffId } : { kind: "provider" };
