import type { AppointmentStatus } from "@/db/schema";
import { formatWallTime } from "@/lib/availability";
import type { ScheduleBlock, ScheduleColumn, ScheduleDay } from "@/lib/booking/schedule";

/*
 * The team schedule of one day, drawn from the pure model (lib/booking/schedule.ts): a grid
 * with a column per member on wider screens, a day agenda per member on phones. No database and
 * no client code: plain links only (no next/link, so the bench can render it outside Next.js),
 * so it works from the keyboard and without JavaScript.
 */

/** Pixels per minute of the grid (72 px an hour). */
const PX = 1.2;

const statusLabel: Record<AppointmentStatus, string> = {
  pending: "Pending",
  confirmed: "Confirmed",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
};

export type ScheduleLinks = {
  /** The details panel of an appointment. */
  open: (appointmentId: string) => string;
  /** The new-appointment form for a member (null: the business) at a start. */
  book: (staffId: string | null, minutes: number) => string;
};

const t = formatWallTime;

function offLabel(c: ScheduleColumn): string {
  if (c.off?.kind === "closed") return c.off.reason ? `Closed: ${c.off.reason}` : "Closed";
  if (c.off?.kind === "time_off") return c.off.reason ? `Time off: ${c.off.reason}` : "Time off";
  if (c.ranges.length === 0) return "Not working";
  return `Works ${c.ranges.map((r) => `${t(r.start)}–${t(r.end)}`).join(", ")}`;
}

/** "Busy in Google Calendar 10:00–11:00, 14:00–15:00", or null when the column has no busy time. */
export function busyLabel(c: Pick<ScheduleColumn, "busy">): string | null {
  if (c.busy.length === 0) return null;
  return `Busy in Google Calendar ${c.busy.map((r) => `${t(r.start)}–${t(Math.min(r.end, 1440))}`).join(", ")}`;
}

/** A hold (lib/booking/hold.ts) is pending, but not for the provider to approve: it waits for the guest. */
const blockStatus = (b: ScheduleBlock) => (b.holdUntil && b.status === "pending" ? "Awaiting email confirmation" : statusLabel[b.status]);

function blockLabel(b: ScheduleBlock): string {
  return `${t(b.start)}–${t(Math.min(b.end, 1440))} ${b.serviceName}, ${b.clientName}, ${blockStatus(b)}${b.conflict ? ", conflict" : ""}`;
}

export function ConflictMark() {
  return (
    <span className="inline-flex items-center rounded bg-amber-100 px-1.5 py-0.5 text-xs font-semibold text-amber-900 ring-1 ring-inset ring-amber-400">
      Conflict
    </span>
  );
}

/** The desktop grid: hours down the side, a column per member, blocks sized by duration. */
export function ScheduleGrid({ day, links }: { day: ScheduleDay; links: ScheduleLinks }) {
  const height = (day.dayEnd - day.dayStart) * PX;
  const top = (m: number) => (Math.max(m, day.dayStart) - day.dayStart) * PX;
  const hours: number[] = [];
  for (let h = day.dayStart; h < day.dayEnd; h += 60) hours.push(h);
  return (
    <div role="region" aria-label="Team schedule" tabIndex={0} className="overflow-x-auto rounded-lg bg-white ring-1 ring-slate-200 focus-visible:outline-2">
      <div className="flex min-w-max">
        <div className="w-14 shrink-0 border-r border-slate-200" aria-hidden="true">
          <div className="h-12 border-b border-slate-200" />
          <div className="relative" style={{ height }}>
            {hours.map((h) => (
              <span key={h} className="absolute right-1 -translate-y-1/2 text-xs tabular-nums text-slate-600" style={{ top: top(h) }}>
                {h === day.dayStart ? "" : t(h)}
              </span>
            ))}
          </div>
        </div>
        {day.columns.map((c, i) => (
          <section key={c.id ?? `none-${i}`} aria-labelledby={`col-${i}`} className="w-44 shrink-0 border-r border-slate-200 last:border-r-0" data-testid="schedule-column">
            <header className="flex h-12 flex-col justify-center border-b border-slate-200 px-2">
              <h2 id={`col-${i}`} className="truncate text-sm font-semibold text-slate-900">
                {c.name}
                {c.active ? "" : " (inactive)"}
              </h2>
              <p className="truncate text-xs text-slate-600">{offLabel(c)}</p>
            </header>
            {/* Shaded: outside the column's working time (closed hours, time off, not working). */}
            <div className="relative bg-[repeating-linear-gradient(135deg,#f1f5f9_0,#f1f5f9_6px,#e2e8f0_6px,#e2e8f0_7px)]" style={{ height }}>
              {c.ranges.map((r) => (
                <div key={r.start} aria-hidden="true" className="absolute inset-x-0 bg-white" style={{ top: top(r.start), height: (Math.min(r.end, day.dayEnd) - Math.max(r.start, day.dayStart)) * PX }} />
              ))}
              {hours.map((h) => (
                <div key={h} aria-hidden="true" className="absolute inset-x-0 border-t border-slate-100" style={{ top: top(h) }} />
              ))}
              {/* Busy in the member's (or business's) own Google Calendar: clients cannot book it. */}
              {c.busy
                .filter((r) => r.end > day.dayStart && r.start < day.dayEnd)
                .map((r) => (
                  <div
                    key={`busy-${r.start}`}
                    className="absolute inset-x-0 overflow-hidden bg-slate-200/80 px-2 py-0.5 text-[11px] font-medium text-slate-700"
                    style={{ top: top(r.start), height: Math.max(14, (Math.min(r.end, day.dayEnd) - Math.max(r.start, day.dayStart)) * PX) }}
                  >
                    Busy (Google) <span className="tabular-nums">{t(r.start)}–{t(Math.min(r.end, 1440))}</span>
                  </div>
                ))}
              <ul aria-label={`Free times of ${c.name}`} className="contents">
                {c.free.map((m) => (
                  <li key={m} className="contents">
                    <a
                      href={links.book(c.id, m)}
                      className="group absolute inset-x-0 flex items-center px-2 text-xs text-indigo-800 hover:bg-indigo-50 focus-visible:z-20 focus-visible:bg-indigo-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
                      style={{ top: top(m), height: 30 * PX }}
                    >
                      <span className="opacity-0 group-hover:opacity-100 group-focus-visible:opacity-100">
                        + {t(m)} <span className="sr-only">new appointment with {c.name}</span>
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
              <ul aria-label={`Appointments of ${c.name}`} className="contents">
                {c.blocks.map((b) => (
                  <li key={b.id} className="contents">
                    <a
                      href={links.open(b.id)}
                      aria-label={blockLabel(b)}
                      className={`absolute inset-x-1 z-10 overflow-hidden rounded px-1.5 py-0.5 text-xs leading-tight ring-1 ring-inset focus-visible:outline-2 focus-visible:outline-indigo-700 ${
                        b.conflict
                          ? "bg-amber-50 text-amber-950 ring-amber-500"
                          : b.status === "pending"
                            ? "bg-yellow-50 text-slate-900 ring-yellow-400"
                            : b.status === "confirmed"
                              ? "bg-indigo-50 text-slate-900 ring-indigo-300"
                              : "bg-slate-100 text-slate-700 ring-slate-300"
                      }`}
                      style={{ top: top(b.start), height: Math.max(18, (Math.min(b.end, day.dayEnd) - Math.max(b.start, day.dayStart)) * PX - 2) }}
                    >
                      <span className="font-semibold tabular-nums">{t(b.start)}</span> {b.serviceName}
                      <span className="block truncate">{b.clientName}</span>
                      <span className="block truncate text-[11px]">
                        {blockStatus(b)}
                        {b.conflict ? " · Conflict" : ""}
                      </span>
                    </a>
                  </li>
                ))}
              </ul>
              {day.now !== null && day.now >= day.dayStart && day.now <= day.dayEnd ? (
                <div aria-hidden="true" className="absolute inset-x-0 z-10 border-t-2 border-red-600" style={{ top: top(day.now) }} />
              ) : null}
            </div>
          </section>
        ))}
      </div>
    </div>
  );
}

/** The phone's agenda: one member's day (or each member's in turn), a list that never scrolls sideways. */
export function ScheduleAgenda({ day, links }: { day: ScheduleDay; links: ScheduleLinks }) {
  return (
    <div className="space-y-6">
      {day.columns.map((c, i) => {
        let nowShown = day.now === null;
        return (
          <section key={c.id ?? `none-${i}`} aria-labelledby={`agenda-${i}`} className="space-y-2">
            <div>
              <h2 id={`agenda-${i}`} className="text-base font-semibold text-slate-900">
                {c.name}
                {c.active ? "" : " (inactive)"}
              </h2>
              <p className="text-sm text-slate-600">{offLabel(c)}</p>
              {busyLabel(c) ? <p className="text-sm text-slate-600">{busyLabel(c)}</p> : null}
            </div>
            {c.blocks.length === 0 ? <p className="text-sm text-slate-600">No appointments.</p> : null}
            <ul className="space-y-2" aria-label={`Appointments of ${c.name}`}>
              {c.blocks.map((b) => {
                const showNow = !nowShown && day.now !== null && b.start >= day.now;
                if (showNow) nowShown = true;
                return (
                  <li key={b.id}>
                    {showNow ? <NowLine now={day.now!} /> : null}
                    <a
                      href={links.open(b.id)}
                      className={`block rounded-md px-3 py-2 text-sm ring-1 ring-inset ${b.conflict ? "bg-amber-50 ring-amber-500" : "bg-white ring-slate-200"}`}
                    >
                      <span className="flex flex-wrap items-center gap-2">
                        <span className="font-semibold tabular-nums text-slate-900">
                          {t(b.start)}–{t(Math.min(b.end, 1440))}
                        </span>
                        <span className="text-slate-700">{blockStatus(b)}</span>
                        {b.conflict ? <ConflictMark /> : null}
                      </span>
                      <span className="block break-words text-slate-900">{b.serviceName}</span>
                      <span className="block break-words text-slate-600">{b.clientName}</span>
                    </a>
                  </li>
                );
              })}
            </ul>
            {!nowShown && day.now !== null ? <NowLine now={day.now} /> : null}
            {c.free.length ? (
              <div>
                <p id={`agenda-free-${i}`} className="text-sm font-medium text-slate-800">
                  Free times
                </p>
                <ul aria-labelledby={`agenda-free-${i}`} className="mt-1 flex flex-wrap gap-1.5">
                  {c.free.map((m) => (
                    <li key={m}>
                      <a
                        href={links.book(c.id, m)}
                        aria-label={`${t(m)}, new appointment with ${c.name}`}
                        className="inline-flex min-h-9 items-center rounded-md px-2.5 text-sm tabular-nums text-indigo-800 ring-1 ring-inset ring-slate-300 hover:bg-indigo-50"
                      >
                        {t(m)}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}

function NowLine({ now }: { now: number }) {
  return (
    <p className="my-1 flex items-center gap-2 text-xs font-semibold text-red-700">
      <span className="h-0.5 flex-1 bg-red-600" aria-hidden="true" />
      Now {t(now)}
    </p>
  );
}
