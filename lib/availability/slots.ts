import { Temporal } from "temporal-polyfill";
import { BusyIndex } from "./busy";
import type { Slot, SlotInput, WeeklyInterval } from "./types";
import { parseLocalDate, parseWallTime, wallClockToEpochMs } from "./zoned";

/*
 * The slot engine: a pure function of the provider's rules and the clock.
 *
 * What must stay true (lib/availability contract):
 * - Opening intervals are wall-clock times in the provider's zone. Each day's interval start
 *   and end are converted to instants ("compatible" disambiguation), then slots step in real
 *   minutes by the slot interval (the service duration unless `intervalMinutes` is set) from
 *   the interval start; a slot ends at or before the interval end. So on a spring-forward day a 01:00–04:00 New York interval is 2 real hours
 *   (01:00 EST → 04:00 EDT); on a fall-back day it is 4 real hours (01:00 EDT, the first
 *   01:00, → 04:00 EST) and an hourly service shows 01:00 twice (EDT, then EST) — the business
 *   is open for both of those real hours. Hours that do not touch the changed hour (09:00–17:00)
 *   keep their usual local grid on those days.
 * - Several intervals a weekday are allowed; each has its own grid. Overlapping intervals
 *   yield the union of their grids (deduplicated).
 * - Busy ranges are half-open [start, end): a slot may start exactly when an appointment ends.
 *   Buffers: the slot widened by bufferBefore/After must not overlap a busy range (which the
 *   caller has widened by that appointment's own buffers), so the gap between two appointments
 *   is at least the earlier one's buffer after plus the later one's buffer before.
 * - Daily cap: a local day with `dailyCap` appointment starts (appointmentStarts) has no slots.
 * - Minimum notice: slot.start >= now + minNoticeMinutes.
 * - Horizon: the slot's local date (the day whose hours produced it) <= today in the zone
 *   + horizonDays. Dates before today have no slots.
 * - `from`/`to` (inclusive local dates) bound the days computed; closed dates have no slots.
 */

const MINUTE_MS = 60_000;

type DayInterval = { startMin: number; endMin: number };

type Prepared = {
  timezone: string;
  /** Index 1..7 (ISO weekday) → that day's intervals sorted by start. */
  byWeekday: DayInterval[][];
  overlapping: boolean;
  closed: Set<string>;
  durationMs: number;
  /** Step between grid starts. */
  stepMs: number;
  padBeforeMs: number;
  padAfterMs: number;
  /** Earliest allowed slot start, epoch ms. */
  earliestMs: number;
  firstDay: Temporal.PlainDate;
  lastDay: Temporal.PlainDate;
};

function groupWeeklyHours(weeklyHours: readonly WeeklyInterval[]): { byWeekday: DayInterval[][]; overlapping: boolean } {
  const byWeekday: DayInterval[][] = Array.from({ length: 8 }, () => []);
  for (const h of weeklyHours) {
    if (!Number.isInteger(h.weekday) || h.weekday < 1 || h.weekday > 7) {
      throw new RangeError(`Invalid ISO weekday ${h.weekday} (expected 1..7)`);
    }
    const startMin = parseWallTime(h.start);
    const endMin = parseWallTime(h.end);
    if (endMin <= startMin) continue; // an empty or inverted interval opens nothing
    byWeekday[h.weekday]!.push({ startMin, endMin });
  }
  let overlapping = false;
  for (const day of byWeekday) {
    day.sort((a, b) => a.startMin - b.startMin);
    for (let i = 1; i < day.length; i++) if (day[i]!.startMin < day[i - 1]!.endMin) overlapping = true;
  }
  return { byWeekday, overlapping };
}

function laterOf(a: Temporal.PlainDate, b: Temporal.PlainDate): Temporal.PlainDate {
  return Temporal.PlainDate.compare(a, b) >= 0 ? a : b;
}

function earlierOf(a: Temporal.PlainDate, b: Temporal.PlainDate): Temporal.PlainDate {
  return Temporal.PlainDate.compare(a, b) <= 0 ? a : b;
}

function prepare(input: SlotInput): Prepared {
  const { timezone, durationMinutes, minNoticeMinutes, horizonDays, now } = input;
  if (!Number.isFinite(durationMinutes) || durationMinutes <= 0) {
    throw new RangeError(`durationMinutes must be positive, got ${durationMinutes}`);
  }
  if (!Number.isFinite(minNoticeMinutes)) throw new RangeError("minNoticeMinutes must be a number");
  if (!Number.isInteger(horizonDays) || horizonDays < 0) {
    throw new RangeError(`horizonDays must be a non-negative integer, got ${horizonDays}`);
  }
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("now is an invalid Date");
  const interval = input.intervalMinutes ?? 0;
  if (!Number.isFinite(interval) || interval < 0) throw new RangeError(`intervalMinutes must be >= 0, got ${interval}`);

  const today = Temporal.Instant.fromEpochMilliseconds(nowMs).toZonedDateTimeISO(timezone).toPlainDate();
  let firstDay = today;
  let lastDay = today.add({ days: horizonDays });
  if (input.from !== undefined) firstDay = laterOf(firstDay, parseLocalDate(input.from));
  if (input.to !== undefined) lastDay = earlierOf(lastDay, parseLocalDate(input.to));

  const closed = new Set(input.closedDates);
  const cap = input.dailyCap ?? 0;
  if (cap > 0 && input.appointmentStarts?.length) {
    // A day that already holds `cap` appointments is as good as closed for this resource.
    // Counted by the day's bounds (one zone conversion a day, not one an appointment).
    const sorted = input.appointmentStarts.map((d) => d.getTime()).sort((a, b) => a - b);
    const firstAtOrAfter = (ms: number) => {
      let lo = 0;
      let hi = sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sorted[mid]! < ms) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    let dayStart = wallClockToEpochMs(firstDay, 0, timezone);
    for (let day = firstDay; Temporal.PlainDate.compare(day, lastDay) <= 0; ) {
      const next = day.add({ days: 1 });
      const nextStart = wallClockToEpochMs(next, 0, timezone);
      if (firstAtOrAfter(nextStart) - firstAtOrAfter(dayStart) >= cap) closed.add(day.toString());
      day = next;
      dayStart = nextStart;
    }
  }

  return {
    timezone,
    ...groupWeeklyHours(input.weeklyHours),
    closed,
    durationMs: durationMinutes * MINUTE_MS,
    stepMs: (interval > 0 ? interval : durationMinutes) * MINUTE_MS,
    padBeforeMs: Math.max(0, input.bufferBeforeMinutes ?? 0) * MINUTE_MS,
    padAfterMs: Math.max(0, input.bufferAfterMinutes ?? 0) * MINUTE_MS,
    earliestMs: nowMs + minNoticeMinutes * MINUTE_MS,
    firstDay,
    lastDay,
  };
}

/**
 * Grid starts (epoch ms, ascending per interval) of one local day that respect hours, closed
 * dates and minimum notice — not busy ranges. Calls `visit(start)` for each.
 */
function forEachGridStart(p: Prepared, day: Temporal.PlainDate, visit: (startMs: number) => void): void {
  const intervals = p.byWeekday[day.dayOfWeek]!;
  if (intervals.length === 0 || p.closed.has(day.toString())) return;
  const { durationMs: dur, stepMs: step, earliestMs } = p;
  for (const iv of intervals) {
    const intervalStart = wallClockToEpochMs(day, iv.startMin, p.timezone);
    const intervalEnd = wallClockToEpochMs(day, iv.endMin, p.timezone);
    let s = intervalStart;
    if (s < earliestMs) s += Math.ceil((earliestMs - s) / step) * step; // stay on the grid
    for (; s + dur <= intervalEnd; s += step) visit(s);
  }
}

/** Every bookable slot between `from`/today and `to`/the horizon, sorted by start. */
export function computeSlots(input: SlotInput): Slot[] {
  const p = prepare(input);
  const busy = new BusyIndex(input.busy);
  const starts: number[] = [];
  const dur = p.durationMs;
  const { padBeforeMs, padAfterMs } = p;
  const pushIfFree = (s: number) => {
    if (!busy.overlaps(s - padBeforeMs, s + dur + padAfterMs)) starts.push(s);
  };
  for (let day = p.firstDay; Temporal.PlainDate.compare(day, p.lastDay) <= 0; day = day.add({ days: 1 })) {
    forEachGridStart(p, day, pushIfFree);
  }
  if (p.overlapping) {
    starts.sort((a, b) => a - b);
    let w = 0;
    for (let r = 0; r < starts.length; r++) if (r === 0 || starts[r] !== starts[r - 1]) starts[w++] = starts[r]!;
    starts.length = w;
  }
  return starts.map((s) => ({ start: new Date(s), end: new Date(s + dur) }));
}

/**
 * True when `start` is exactly one of the slots computeSlots(input) would return. Computes only
 * the local day of `start` and scans busy ranges once (no sort), so it is cheap enough to run
 * inside the booking transaction.
 */
export function isBookableSlot(input: SlotInput, start: Date): boolean {
  const startMs = start.getTime();
  if (Number.isNaN(startMs)) return false;
  const p = prepare(input);
  if (startMs < p.earliestMs) return false;
  const day = Temporal.Instant.fromEpochMilliseconds(startMs).toZonedDateTimeISO(p.timezone).toPlainDate();
  if (Temporal.PlainDate.compare(day, p.firstDay) < 0 || Temporal.PlainDate.compare(day, p.lastDay) > 0) return false;

  let onGrid = false;
  forEachGridStart(p, day, (s) => {
    if (s === startMs) onGrid = true;
  });
  if (!onGrid) return false;
  const from = startMs - p.padBeforeMs;
  const endMs = startMs + p.durationMs + p.padAfterMs;
  return !input.busy.some((b) => b.start.getTime() < endMs && b.end.getTime() > from);
}
