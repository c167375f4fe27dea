import { Fragment } from "react";
import type { WeeklyInterval } from "@/lib/availability";
import { weekdayName } from "@/lib/infra/time";

/** Opening hours per weekday (Monday first), on the provider's clock, with the zone named. */
export function WeeklyHours({ hours, timezone }: { hours: WeeklyInterval[]; timezone: string }) {
  const days = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
    weekday,
    intervals: hours.filter((h) => h.weekday === weekday),
  }));
  return (
    <div>
      <table className="w-full text-sm">
        <caption className="sr-only">Opening hours, times in {timezone}</caption>
        <tbody className="divide-y divide-slate-100">
          {days.map((d) => (
            <tr key={d.weekday}>
              <th scope="row" className="py-1.5 pr-4 text-left font-medium text-slate-700">
                {weekdayName(d.weekday)}
              </th>
              <td className="py-1.5 text-right tabular-nums text-slate-900">
                {d.intervals.length === 0
                  ? <span className="text-slate-500">Closed</span>
                  : d.intervals.map((i, n) => (
                      // A line may break between intervals, never inside one ("13:00–" / "17:00").
                      <Fragment key={i.start}>
                        {n > 0 ? ", " : null}
                        <span className="whitespace-nowrap">
                          {i.start}–{i.end}
                        </span>
                      </Fragment>
                    ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-2 text-xs text-slate-500">Times are in {timezone}</p>
    </div>
  );
}
