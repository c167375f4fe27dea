import { NavForm } from "./nav-form";
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
          <ul className="grid grid-cols-3 gap-2 sm:grid-cols-6" role="list">
            {times.map((t) => {
              const isSelected = t.value === selected;
              return (
                <li key={t.value}>
                  <button
                    type="submit"
                    name="start"
                    value={t.value}
                    aria-pressed={isSelected}
                    className={`w-full rounded-md px-2 py-2 text-sm font-semibold tabular-nums ring-1 ring-inset transition focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 ${
                      isSelected
                        ? "bg-indigo-600 text-white ring-indigo-600"
                        : "bg-white text-slate-900 ring-slate-300 hover:bg-indigo-50"
                    }`}
                  >
                    {t.label}
                  </button>
                </li>
              );
            })}
          </ul>
        </NavForm>
      )}
    </div>
  );
}
