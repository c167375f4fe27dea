import type { TimeOption } from "@/lib/booking/slot-options";
import type { ActionState } from "@/lib/action-state";

/** A booking or reschedule form's state: when the chosen time is gone, the day's free times come back with it. */
export type SlotFormState = ActionState & {
  alternatives?: { date: string; dateLabel: string; times: TimeOption[] };
};
