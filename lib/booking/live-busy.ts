import { rootOf, type Db, type DbOrTx } from "@/db";

/*
 * The live conflict check at booking time. Booking cannot know Google (the floor plan), so the
 * composition root wires a check on the database handle (lib/app/runtime.ts, as it wires the
 * write path's follow-ups) and booking asks it before writing: the busy times the resource's own
 * calendars report right now, beyond what the mirror (calendar_busy_intervals) already holds.
 * The check answers within its own short deadline and never throws: a resource it could not ask
 * (no connection, Google slow or down) is simply absent, and the mirrored intervals decide.
 */

export type Range = { start: Date; end: Date };

/** The provider's own calendar (null) and/or staff members', around [from, to). */
export type LiveBusyQuery = { providerId: string; resources: (string | null)[]; from: Date; to: Date; excludeAppointmentId?: string | null };

export type LiveBusyCheck = (db: Db, q: LiveBusyQuery) => Promise<Map<string | null, Range[]>>;

const WIRED = Symbol.for("slotbook.booking.liveBusy");
const registry = globalThis as unknown as { [WIRED]?: WeakMap<Db, LiveBusyCheck> };
const wired = (registry[WIRED] ??= new WeakMap<Db, LiveBusyCheck>());

export function wireLiveBusyCheck(db: Db, check: LiveBusyCheck): void {
  wired.set(db, check);
}

/** The busy ranges of one resource at [start, end) as its calendars say now; [] when unknown or nothing wired. */
export async function liveBusyFor(db: DbOrTx, q: LiveBusyQuery): Promise<Map<string | null, Range[]>> {
  const check = wired.get(rootOf(db));
  if (!check || !(q.to.getTime() > q.from.getTime())) return new Map();
  try {
    return await check(rootOf(db), q);
  } catch {
    // Never fail a booking because the check failed: the mirror decides.
    return new Map();
  }
}
