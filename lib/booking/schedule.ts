import "server-only";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db";
import type { AppointmentStatus } from "@/db/schema";
import { addDays, isoWeekday, parseWallTime, zonedDate, zonedTime, type WeeklyInterval } from "@/lib/availability";
import { isUuid } from "@/lib/infra/validation";
import { HOLDING_STATUSES } from "./slots";

/*
 * The team schedule's view of the read model (lib/booking/read.ts names the others): for a
 * provider and a range of local days, in ONE query, what the schedule and the conflict lists
 * show: the opening hours and closed dates, every member with their weekly hours and time off,
 * and the appointments (all but cancelled) with their service, member and whether a conflict
 * was kept. The rest is pure: which time a column works on a day, and which appointments fall
 * outside it (a conflict: time off, hours or a closed date added after they were booked).
 * With `busy`, also the busy times mirrored from Google (the view active_busy_intervals), which
 * the page shades; the conflict lists do not need them.
 */

export type ScheduleAppointment = {
  id: string;
  startsAt: Date;
  endsAt: Date;
  status: AppointmentStatus;
  /** Set on a hold awaiting the guest's email confirmation (lib/booking/hold.ts): pending, shown as such. */
  holdUntil?: Date | null;
  serviceId: string;
  serviceName: string;
  staffId: string | null;
  clientUserId: string | null;
  clientName: string;
  clientEmail: string;
  clientPhone: string;
  notes: string;
  source: string;
  /** The provider chose to keep it outside working time (valid while its start and member are unchanged). */
  kept: boolean;
};

export type ScheduleMember = {
  id: string;
  name: string;
  active: boolean;
  serviceIds: string[];
  weeklyHours: WeeklyInterval[];
  /** Inclusive ranges overlapping the loaded days. */
  timeOff: { startDate: string; endDate: string; reason: string }[];
};

export type ScheduleData = {
  providerId: string;
  timezone: string;
  from: string;
  to: string;
  hours: WeeklyInterval[];
  closed: { date: string; reason: string }[];
  members: ScheduleMember[];
  appointments: ScheduleAppointment[];
  /** Busy times from Google calendars: a member's own (staffId) or the business's (null). Empty unless asked for. */
  busy: { staffId: string | null; startsAt: Date; endsAt: Date }[];
};

type Row = {
  timezone: string;
  hours: [number, string, string][];
  closed: [string, string][];
  members: { id: string; name: string; active: boolean; services: string[]; hours: [number, string, string][]; time_off: [string, string, string][] }[];
  appointments: {
    id: string;
    start_ms: number;
    end_ms: number;
    status: AppointmentStatus;
    hold_ms: number | null;
    service_id: string;
    service_name: string;
    staff_id: string | null;
    client_user_id: string | null;
    client_name: string;
    client_email: string;
    client_phone: string;
    notes: string;
    source: string;
    kept: boolean;
  }[];
  busy: [string | null, number, number][];
};

const interval = ([weekday, start, end]: [number, string, string]): WeeklyInterval => ({ weekday, start, end });

/**
 * One provider's schedule over the local days [from, to] (inclusive), in one query; null for an
 * unknown provider. `busy` adds the Google busy times of those days.
 */
export async function loadSchedule(db: DbOrTx, providerId: string, from: string, to: string, opts: { busy?: boolean } = {}): Promise<ScheduleData | null> {
  if (!isUuid(providerId)) return null;
  const busy = opts.busy
    ? sql`coalesce((select json_agg(json_build_array(b.staff_id, extract(epoch from b.starts_at) * 1000, extract(epoch from b.ends_at) * 1000)
                order by b.starts_at)
              from active_busy_intervals b
              where b.provider_id = p.id
                and b.starts_at < ((${to}::date + 1)::timestamp at time zone p.timezone)
                and b.ends_at > (${from}::date::timestamp at time zone p.timezone)), '[]'::json)`
    : sql`'[]'::json`;
  const [row] = await queryRows<Row>(
    db,
    sql`
    select p.timezone,
      coalesce((select json_agg(json_build_array(h.weekday, to_char(h.start_time, 'HH24:MI'), to_char(h.end_time, 'HH24:MI'))
                  order by h.weekday, h.start_time)
                from provider_hours h where h.provider_id = p.id), '[]'::json) as hours,
      coalesce((select json_agg(json_build_array(c.date::text, c.reason) order by c.date)
                from closed_dates c where c.provider_id = p.id and c.date between ${from}::date and ${to}::date), '[]'::json) as closed,
      coalesce((select json_agg(json_build_object(
                  'id', m.id, 'name', m.name, 'active', m.active,
                  'services', coalesce((select json_agg(ss.service_id) from staff_services ss where ss.staff_id = m.id), '[]'::json),
                  'hours', coalesce((select json_agg(json_build_array(sa.weekday, to_char(sa.start_time, 'HH24:MI'), to_char(sa.end_time, 'HH24:MI'))
                                       order by sa.weekday, sa.start_time)
                                     from staff_availability sa where sa.staff_id = m.id and sa.available), '[]'::json),
                  'time_off', coalesce((select json_agg(json_build_array(t.start_date::text, t.end_date::text, t.reason) order by t.start_date)
                                        from staff_time_off t where t.staff_id = m.id and t.end_date >= ${from}::date and t.start_date <= ${to}::date), '[]'::json)
                ) order by m.display_order, m.name, m.id)
                from staff_members m where m.provider_id = p.id), '[]'::json) as members,
      coalesce((select json_agg(json_build_object(
                  'id', a.id, 'start_ms', extract(epoch from a.starts_at) * 1000, 'end_ms', extract(epoch from a.ends_at) * 1000,
                  'status', a.status, 'hold_ms', extract(epoch from a.hold_until) * 1000, 'service_id', a.service_id, 'service_name', s.name, 'staff_id', a.staff_id, 'client_user_id', a.client_user_id,
                  'client_name', a.client_name, 'client_email', a.client_email, 'client_phone', a.client_phone,
                  'notes', a.notes, 'source', a.source,
                  'kept', exists (select 1 from appointment_conflict_keeps k where k.appointment_id = a.id
                                    and k.starts_at = a.starts_at and k.staff_id is not distinct from a.staff_id)
                ) order by a.starts_at, a.id)
                from appointments a join services s on s.id = a.service_id
                where a.provider_id = p.id and a.status <> 'cancelled'
                  and a.starts_at < ((${to}::date + 1)::timestamp at time zone p.timezone)
                  and a.ends_at > (${from}::date::timestamp at time zone p.timezone)), '[]'::json) as appointments,
      ${busy} as busy
    from providers p where p.id = ${providerId}`,
  );
  if (!row) return null;
  return {
    providerId,
    timezone: row.timezone,
    from,
    to,
    hours: row.hours.map(interval),
    closed: row.closed.map(([date, reason]) => ({ date, reason })),
    members: row.members.map((m) => ({
      id: m.id,
      name: m.name,
      active: m.active,
      serviceIds: m.services,
      weeklyHours: m.hours.map(interval),
      timeOff: m.time_off.map(([startDate, endDate, reason]) => ({ startDate, endDate, reason })),
    })),
    appointments: row.appointments.map((a) => ({
      id: a.id,
      startsAt: new Date(Number(a.start_ms)),
      endsAt: new Date(Number(a.end_ms)),
      status: a.status,
      holdUntil: a.hold_ms === null ? null : new Date(Number(a.hold_ms)),
      serviceId: a.service_id,
      serviceName: a.service_name,
      staffId: a.staff_id,
      clientUserId: a.client_user_id,
      clientName: a.client_name,
      clientEmail: a.client_email,
      clientPhone: a.client_phone,
      notes: a.notes,
      source: a.source,
      kept: a.kept,
    })),
    busy: row.busy.map(([staffId, s, e]) => ({ staffId, startsAt: new Date(Number(s)), endsAt: new Date(Number(e)) })),
  };
}

/** Minutes since local midnight. */
export type MinuteRange = { start: number; end: number };

/** Why a column does not work a day at all, if it does not. */
export type DayOff = { kind: "closed" | "time_off"; reason: string } | null;

/** The time a member (or, for null, the business without staff) works on a local date, and why not if they don't. */
export function workingTime(data: Pick<ScheduleData, "hours" | "closed" | "members">, staffId: string | null, date: string): { ranges: MinuteRange[]; off: DayOff } {
  const closed = data.closed.find((c) => c.date === date);
  if (closed) return { ranges: [], off: { kind: "closed", reason: closed.reason } };
  const weekday = isoWeekday(date);
  const open = data.hours.filter((h) => h.weekday === weekday).map((h) => ({ start: parseWallTime(h.start), end: parseWallTime(h.end) }));
  if (staffId === null) return { ranges: open, off: null };
  const member = data.members.find((m) => m.id === staffId);
  if (!member) return { ranges: open, off: null };
  const off = member.timeOff.find((t) => t.startDate <= date && date <= t.endDate);
  if (off) return { ranges: [], off: { kind: "time_off", reason: off.reason } };
  const own = member.weeklyHours.filter((h) => h.weekday === weekday).map((h) => ({ start: parseWallTime(h.start), end: parseWallTime(h.end) }));
  const ranges: MinuteRange[] = [];
  for (const a of open) {
    for (const b of own) {
      const start = Math.max(a.start, b.start);
      const end = Math.min(a.end, b.end);
      if (start < end) ranges.push({ start, end });
    }
  }
  return { ranges: ranges.sort((x, y) => x.start - y.start), off: null };
}

/** An appointment's local day and its minutes on that day (an end past midnight counts on, past 1440). */
export function localSpan(a: { startsAt: Date; endsAt: Date }, timezone: string): { date: string } & MinuteRange {
  const date = zonedDate(a.startsAt, timezone);
  const start = parseWallTime(zonedTime(a.startsAt, timezone));
  const endDate = zonedDate(a.endsAt, timezone);
  let end = parseWallTime(zonedTime(a.endsAt, timezone));
  for (let d = date; d < endDate; d = addDays(d, 1)) end += 1440;
  return { date, start, end };
}

/** The part of an interval that falls on local `date`, in minutes of that day (an all-day event: 0–1440); none if it misses the day. */
export function minutesOn(i: { startsAt: Date; endsAt: Date }, date: string, timezone: string): MinuteRange[] {
  const startDate = zonedDate(i.startsAt, timezone);
  const endDate = zonedDate(i.endsAt, timezone);
  if (startDate > date || endDate < date) return [];
  const start = startDate < date ? 0 : parseWallTime(zonedTime(i.startsAt, timezone));
  const end = endDate > date ? 1440 : parseWallTime(zonedTime(i.endsAt, timezone));
  return start < end ? [{ start, end }] : [];
}

/**
 * A conflict: an appointment still holding its time, not over yet, not kept by the provider,
 * that no working range of its member (or of the business) on its day contains.
 */
export function isConflict(data: ScheduleData, a: ScheduleAppointment, now: Date): boolean {
  if (!(HOLDING_STATUSES as readonly string[]).includes(a.status)) return false;
  if (a.kept || a.endsAt.getTime() <= now.getTime()) return false;
  const span = localSpan(a, data.timezone);
  const { ranges } = workingTime(data, a.staffId, span.date);
  return !ranges.some((r) => r.start <= span.start && span.end <= r.end);
}

/** Ids of the conflicting appointments among those loaded. */
export function conflictIds(data: ScheduleData, now: Date): Set<string> {
  return new Set(data.appointments.filter((a) => isConflict(data, a, now)).map((a) => a.id));
}

/** How far ahead conflicts are looked for: beyond any booking horizon (365 days). */
export const CONFLICT_HORIZON_DAYS = 400;

export type Conflict = ScheduleAppointment & { staffName: string | null };

/** The provider's conflicting appointments from now on (one member's with `staffId`), soonest first; one query. */
export async function listConflicts(db: DbOrTx, providerId: string, now = new Date(), opts: { staffId?: string } = {}): Promise<Conflict[]> {
  // A day either side of UTC's today covers today in every zone; what has ended is no conflict.
  const from = addDays(zonedDate(now, "UTC"), -1);
  const data = await loadSchedule(db, providerId, from, addDays(from, CONFLICT_HORIZON_DAYS));
  if (!data) return [];
  const names = new Map(data.members.map((m) => [m.id, m.name]));
  return data.appointments
    .filter((a) => (opts.staffId === undefined || a.staffId === opts.staffId) && isConflict(data, a, now))
    .map((a) => ({ ...a, staffName: a.staffId ? (names.get(a.staffId) ?? null) : null }));
}

/* ── One day of the schedule, as the page draws it (pure) ─────────────────────────────── */

export type ScheduleBlock = ScheduleAppointment & { start: number; end: number; conflict: boolean };

export type ScheduleColumn = {
  /** The member, or null: the business without staff, or appointments left without a member. */
  id: string | null;
  name: string;
  active: boolean;
  ranges: MinuteRange[];
  off: DayOff;
  blocks: ScheduleBlock[];
  /** Busy in the column's own Google Calendar (a member's, or the business's for the business column), minutes of this day. */
  busy: MinuteRange[];
  /** Starts ("free cells", every CELL_MINUTES) a new appointment could take: working, not booked, not busy, not past. */
  free: number[];
};

export type ScheduleDay = {
  date: string;
  dayStart: number;
  dayEnd: number;
  columns: ScheduleColumn[];
  /** Minutes since midnight when the day is today, else null. */
  now: number | null;
};

export const CELL_MINUTES = 30;

/** The columns of one local day: active members (and any inactive one with appointments that day) in their order. */
export function scheduleDay(data: ScheduleData, date: string, now: Date): ScheduleDay {
  const tz = data.timezone;
  const onDay = data.appointments
    .map((a) => ({ a, span: localSpan(a, tz) }))
    .filter(({ span }) => span.date === date)
    .map(({ a, span }): ScheduleBlock => ({ ...a, start: span.start, end: span.end, conflict: isConflict(data, a, now) }));
  const today = zonedDate(now, tz);
  const nowMinutes = date === today ? parseWallTime(zonedTime(now, tz)) : null;
  const past = date < today;

  const column = (id: string | null, name: string, active: boolean): ScheduleColumn => {
    const { ranges, off } = workingTime(data, id, date);
    const blocks = onDay.filter((b) => b.staffId === id);
    const busy = data.busy.filter((b) => b.staffId === id).flatMap((b) => minutesOn(b, date, tz));
    const free: number[] = [];
    if (!past) {
      for (const r of ranges) {
        for (let t = Math.ceil(r.start / CELL_MINUTES) * CELL_MINUTES; t + CELL_MINUTES <= r.end; t += CELL_MINUTES) {
          if (nowMinutes !== null && t < nowMinutes) continue;
          if (blocks.some((b) => b.status !== "cancelled" && b.start < t + CELL_MINUTES && t < b.end)) continue;
          if (busy.some((b) => b.start < t + CELL_MINUTES && t < b.end)) continue;
          free.push(t);
        }
      }
    }
    return { id, name, active, ranges, off, blocks, busy, free };
  };

  const staffed = data.members.some((m) => m.active);
  const columns: ScheduleColumn[] = [];
  if (staffed) {
    for (const m of data.members) {
      if (m.active || onDay.some((b) => b.staffId === m.id)) columns.push(column(m.id, m.name, m.active));
    }
    if (onDay.some((b) => b.staffId === null)) columns.push({ ...column(null, "No staff member", true), free: [] });
  } else {
    columns.push(column(null, "Appointments", true));
    // A member deactivated with appointments left on this day still shows them.
    for (const m of data.members) if (onDay.some((b) => b.staffId === m.id)) columns.push(column(m.id, m.name, m.active));
  }

  const weekday = isoWeekday(date);
  const edges = [
    ...data.hours.filter((h) => h.weekday === weekday).flatMap((h) => [parseWallTime(h.start), parseWallTime(h.end)]),
    ...onDay.flatMap((b) => [b.start, Math.min(b.end, 1440)]),
  ];
  const dayStart = edges.length ? Math.floor(Math.min(...edges) / 60) * 60 : 9 * 60;
  const dayEnd = edges.length ? Math.min(1440, Math.ceil(Math.max(...edges) / 60) * 60) : 17 * 60;
  return { date, dayStart, dayEnd: Math.max(dayEnd, dayStart + 60), columns, now: nowMinutes };
}

/* ── Conflicts a change would make, before it is saved ─────────────────────────────────── */

/** A change to working time, not yet saved: the business's weekly hours, a closed date, or a member's weekly hours. */
export type ProposedChange =
  | { kind: "hours"; hours: WeeklyInterval[] }
  | { kind: "closed"; date: string; reason: string }
  | { kind: "staffHours"; staffId: string; hours: WeeklyInterval[] };

/** The loaded schedule as it would be after `change` (pure). */
export function withProposed(data: ScheduleData, change: ProposedChange): ScheduleData {
  switch (change.kind) {
    case "hours":
      return { ...data, hours: change.hours };
    case "closed":
      return { ...data, closed: [...data.closed, { date: change.date, reason: change.reason }] };
    case "staffHours":
      return { ...data, members: data.members.map((m) => (m.id === change.staffId ? { ...m, weeklyHours: change.hours } : m)) };
  }
}

/**
 * The booked appointments that `change` would newly leave outside working time (client, time,
 * member), soonest first: what the provider is shown, and asked to confirm, before saving.
 * Those already in conflict are not repeated. One query, like listConflicts.
 */
export async function conflictsIf(db: DbOrTx, providerId: string, change: ProposedChange, now = new Date()): Promise<Conflict[]> {
  const from = addDays(zonedDate(now, "UTC"), -1);
  const data = await loadSchedule(db, providerId, from, addDays(from, CONFLICT_HORIZON_DAYS));
  if (!data) return [];
  const after = withProposed(data, change);
  const names = new Map(data.members.map((m) => [m.id, m.name]));
  return data.appointments
    .filter((a) => isConflict(after, a, now) && !isConflict(data, a, now))
    .map((a) => ({ ...a, staffName: a.staffId ? (names.get(a.staffId) ?? null) : null }));
}
