"use client";

/**
 * The day and time buttons of the slot picker. Client components on purpose: a server
 * component's markup travels twice (as HTML and again in the RSC payload), 14 days and a
 * day's times over 400 bytes a button; these take their data as small tuples instead, and
 * render the same markup on the server. Labels are made on the server (one formatter, no
 * hydration mismatch between Node's and the browser's locale data).
 */

/** [date "YYYY-MM-DD", weekday "Mon", day "8", month "Dec", free times]. */
export type DayButton = [date: string, weekday: string, day: string, month: string, count: number];
/** [label "09:30", value: the slot's start as an ISO instant]. */
export type TimeButton = [label: string, value: string];

export function DayButtons({ days, selected }: { days: DayButton[]; selected?: string }) {
  return (
    <ul className="grid grid-cols-4 gap-2 sm:grid-cols-7" role="list">
      {days.map(([date, weekday, day, month, count]) => (
        <li key={date}>
          {/* A button in a form submits: no `type`, and `disabled` only when set. Its name is
              what it shows ("Mon 8 Dec 14 times", WCAG 2.5.3): the spaces between the stacked
              lines are for that name and take no room. */}
          <button name="date" value={date} disabled={count === 0 || undefined} aria-pressed={date === selected} className="pick pick-day">
            <span>{weekday}</span> <span>{day}</span> <span>{month}</span>{" "}
            <span>{count === 0 ? "No times" : count === 1 ? "1 time" : `${count} times`}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}

export function TimeButtons({ times, selected }: { times: TimeButton[]; selected?: string }) {
  return (
    <ul className="grid grid-cols-3 gap-2 sm:grid-cols-6" role="list">
      {times.map(([label, value]) => (
        // Keyed by the label: unique within a day (a repeated fall-back hour names its offset).
        <li key={label}>
          <button name="start" value={value} aria-pressed={value === selected} className="pick pick-time">
            {label}
          </button>
        </li>
      ))}
    </ul>
  );
}
