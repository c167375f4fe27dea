import { DayPicker } from "./day-picker";
import { TimePicker } from "./time-picker";
import { hrefWith, type PickerTimes, type PickerWindow } from "@/lib/booking/picker";
import { formatLongDate } from "@/lib/availability/format";

/**
 * Day → time, as plain GET forms and links (works without JavaScript): the booking page, the
 * guest's reschedule and the client portal all pick a slot through this. `params` are the
 * page's own query parameters that every step carries along (service, `reschedule=1` …);
 * the picker adds `from`, `date` and `start`.
 */
export function SlotPicker({
  path,
  params,
  window: w,
  slots,
  timezone,
  nextAnchor,
  showSelected = false,
  headingLevel = 2,
}: {
  path: string;
  params: Record<string, string | undefined>;
  window: PickerWindow;
  slots: PickerTimes;
  timezone: string;
  /** Where choosing a time lands (the next step's section id). */
  nextAnchor: string;
  /** Mark the chosen time (when the next step is shown on the same page). */
  showSelected?: boolean;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const headingClass = headingLevel === 2 ? "text-lg font-semibold text-slate-900" : "font-semibold text-slate-900";
  const from = w.from;
  return (
    <>
      <section aria-labelledby="choose-day" className="space-y-3">
        <Heading id="choose-day" className={headingClass}>
          Choose a day
        </Heading>
        <DayPicker
          action={`${path}#choose-time`}
          hidden={{ ...params, from }}
          days={w.window.days}
          counts={slots.counts}
          selected={w.date}
          earlierHref={w.earlierFrom === null ? null : hrefWith(path, { ...params, from: w.earlierFrom })}
          laterHref={w.laterFrom ? hrefWith(path, { ...params, from: w.laterFrom }) : null}
        />
      </section>
      {w.date ? (
        <section aria-labelledby="choose-time" className="space-y-3">
          <Heading id="choose-time" className={`scroll-mt-4 ${headingClass}`}>
            Choose a time
          </Heading>
          <p className="text-sm font-medium text-slate-800">{formatLongDate(w.date)}</p>
          <TimePicker
            action={`${path}#${nextAnchor}`}
            hidden={{ ...params, from, date: w.date }}
            times={slots.times}
            selected={showSelected ? slots.chosen?.value : undefined}
            timezone={timezone}
          />
        </section>
      ) : null}
    </>
  );
}
