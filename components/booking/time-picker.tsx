import { NavForm } from "./nav-form";
import { TimeButtons } from "./pick-buttons";
import type { TimeOption } from "@/lib/booking/slot-options";

/** The free times of one day as buttons named by their time ("09:30"); the choice travels as `start`. */
export function TimePicker({
  action,
  hidden,
  times,
  selected,
  timezone,
}: {
  action: string;
  hidden: Record<string, string | undefined>;
  times: TimeOption[];
  selected?: string;
  timezone: string;
}) {
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">Times are in {timezone}</p>
      {times.length === 0 ? (
        <p className="rounded-md bg-slate-50 px-4 py-3 text-sm text-slate-700">
          There are no free times left on this day. Please choose another day.
        </p>
      ) : (
        <NavForm action={action} hidden={hidden}>
          <TimeButtons times={times.map((t) => [t.label, t.value])} selected={selected} />
        </NavForm>
      )}
    </div>
  );
}
