import { computeSlots, parseWallTime, zonedDate, type SlotInput, type WeeklyInterval } from "@/lib/availability";

/*
 * Staff as bookable resources (pure: no database). A member's bookable time is their weekly
 * availability inside the business's opening hours, minus the business's closed dates and the
 * member's time off, minus their own pending/confirmed appointments. "Any available" is the
 * union over the qualified members, each slot naming the members free at it.
 */

const toHhmm = (m: number) => (m >= 1440 ? "24:00" : `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);

/** Per weekday, the wall-clock overlap of two sets of intervals (both in the business's zone). */
export function intersectWeekly(a: readonly WeeklyInterval[], b: readonly WeeklyInterval[]): WeeklyInterval[] {
  const out: WeeklyInterval[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    const as = a.filter((i) => i.weekday === weekday);
    const bs = b.filter((i) => i.weekday === weekday);
    for (const x of as) {
      for (const y of bs) {
        const start = Math.max(parseWallTime(x.start), parseWallTime(y.start));
        const end = Math.min(parseWallTime(x.end), parseWallTime(y.end));
        if (start < end) out.push({ weekday, start: toHhmm(start), end: toHhmm(end) });
      }
    }
  }
  return out.sort((p, q) => p.weekday - q.weekday || p.start.localeCompare(q.start));
}

/** Every date ("YYYY-MM-DD") of the inclusive ranges that falls within [from, to]. */
export function expandDateRanges(ranges: readonly { startDate: string; endDate: string }[], from: string, to: string): string[] {
  const out = new Set<string>();
  for (const r of ranges) {
    const first = r.startDate > from ? r.startDate : from;
    const last = r.endDate < to ? r.endDate : to;
    for (let d = new Date(`${first}T00:00:00Z`); d.toISOString().slice(0, 10) <= last; d.setUTCDate(d.getUTCDate() + 1)) {
      out.add(d.toISOString().slice(0, 10));
    }
  }
  return [...out];
}

export type StaffResource = {
  id: string;
  displayOrder: number;
  weeklyHours: WeeklyInterval[];
  /** Inclusive date ranges of time off. */
  timeOff: { startDate: string; endDate: string }[];
  /** The member's own pending/confirmed appointments, widened by their buffers. */
  busy: { start: Date; end: Date }[];
  /** Busy times from the member's own Google calendar (they block the member, but are no "load" for fairOrder). */
  calendarBusy?: { start: Date; end: Date }[];
  /** Their starts, for the daily cap. */
  appointmentStarts?: Date[];
};

/** The business's rules shared by all members (its hours are the outer bound of everyone's). */
export type BusinessRules = Omit<SlotInput, "busy" | "appointmentStarts"> & { from: string; to: string };

export type StaffSlot = { start: Date; end: Date; staffIds: string[] };

/** The slot-engine input of one member: own hours inside the business's, own days off, own appointments. */
export function memberSlotInput(rules: BusinessRules, m: StaffResource): SlotInput {
  return {
    ...rules,
    weeklyHours: intersectWeekly(m.weeklyHours, rules.weeklyHours),
    closedDates: [...rules.closedDates, ...expandDateRanges(m.timeOff, rules.from, rules.to)],
    busy: m.calendarBusy?.length ? [...m.busy, ...m.calendarBusy] : m.busy,
    appointmentStarts: m.appointmentStarts,
  };
}

/** Slots of the given members (one member: theirs; several: "any available"), each with who is free. */
export function computeStaffSlots(rules: BusinessRules, members: readonly StaffResource[]): StaffSlot[] {
  const byStart = new Map<number, StaffSlot>();
  const ordered = [...members].sort((a, b) => a.displayOrder - b.displayOrder);
  for (const m of ordered) {
    for (const s of computeSlots(memberSlotInput(rules, m))) {
      const key = s.start.getTime();
      const slot = byStart.get(key);
      if (slot) slot.staffIds.push(m.id);
      else byStart.set(key, { start: s.start, end: s.end, staffIds: [m.id] });
    }
  }
  return [...byStart.values()].sort((a, b) => a.start.getTime() - b.start.getTime());
}

/**
 * The order in which "any available" tries the members free at a slot: fewest appointments on
 * that local day first, then display order. The booking tries them in turn, so a concurrent
 * booking that took one member moves on to the next instead of failing.
 */
export function fairOrder(
  candidates: readonly { id: string; displayOrder: number; busy: readonly { start: Date }[] }[],
  start: Date,
  timezone: string,
): string[] {
  const day = zonedDate(start, timezone);
  const load = new Map(candidates.map((c) => [c.id, c.busy.filter((b) => zonedDate(b.start, timezone) === day).length]));
  return [...candidates].sort((a, b) => load.get(a.id)! - load.get(b.id)! || a.displayOrder - b.displayOrder).map((c) => c.id);
}
