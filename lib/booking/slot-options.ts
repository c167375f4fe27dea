import type { ActionState } from "@/lib/infra/action-state";
import { zonedDate, zonedTime } from "@/lib/availability";

export type TimeOption = {
  /** The slot's start as an ISO instant: the value the URL and the booking form carry. */
  value: string;
  /** "09:30" on the provider's clock; on a fall-back night the repeated hour names its offset. */
  label: string;
};

/** A booking or reschedule form's state: when the chosen time is gone, the day's free times come back with it. */
export type SlotFormState = ActionState & {
  alternatives?: { date: string; dateLabel: string; times: TimeOption[] };
};

export type SlotDays = {
  /** Number of bookable times per "YYYY-MM-DD" in the provider's zone. */
  counts: Record<string, number>;
  times: Record<string, TimeOption[]>;
};

/** Slots (sorted) as per-day time buttons in the provider's zone. */
export function slotDays(slots: readonly { start: Date }[], timezone: string): SlotDays {
  const counts: Record<string, number> = {};
  const times: Record<string, TimeOption[]> = {};
  for (const group of groupSlotsByDate(slots, timezone)) {
    const labels = group.slots.map((s) => zonedTime(s.start, timezone));
    times[group.date] = group.slots.map((s, i) => {
      const label = labels[i]!;
      const repeated = labels.indexOf(label) !== labels.lastIndexOf(label);
      return { value: s.start.toISOString(), label: repeated ? `${label} (${offsetName(s.start, timezone)})` : label };
    });
    counts[group.date] = group.slots.length;
  }
  return { counts, times };
}

function offsetName(instant: Date, timezone: string): string {
  return (
    new Intl.DateTimeFormat("en-GB", { timeZone: timezone, timeZoneName: "short" })
      .formatToParts(instant)
      .find((p) => p.type === "timeZoneName")?.value ?? ""
  );
}

/** Slots (already sorted) grouped by their local date in `timezone`, in order. */
export function groupSlotsByDate<T extends { start: Date }>(slots: readonly T[], timezone: string): { date: string; slots: T[] }[] {
  const groups: { date: string; slots: T[] }[] = [];
  for (const slot of slots) {
    const date = zonedDate(slot.start, timezone);
    const last = groups[groups.length - 1];
    if (last && last.date === date) last.slots.push(slot);
    else groups.push({ date, slots: [slot] });
  }
  return groups;
}
