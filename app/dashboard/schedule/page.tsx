import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { busyLabel, ConflictMark, ScheduleAgenda, ScheduleGrid, type ScheduleLinks } from "@/components/dashboard/schedule-grid";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { requireProvider } from "@/lib/app/guards";
import { addDays, formatWallTime, isoWeekday, isValidLocalDate, zonedDate } from "@/lib/availability";
import { formatLongDate } from "@/lib/availability/format";
import { loadSchedule, scheduleDay, type ScheduleBlock } from "@/lib/booking/schedule";
import { ownValue, isSaneIsoDate } from "@/lib/infra/text";
import { zoneLabel } from "@/lib/infra/time";
import { parseUuid } from "@/lib/infra/validation";
import { isPro } from "@/lib/plans/plans";
import { clientHistory } from "@/lib/provider/appointments";
import { AppointmentCard } from "../_components/appointment-card";
import { ConflictActions } from "../_components/conflict-actions";
import { MessageLog } from "../_components/message-log";
import { ClientNoteForm } from "../_components/client-note-form";
import { getClientNote } from "@/lib/provider/client-notes";
import { appointmentMessageLog } from "@/lib/notices/message-log";
import { scheduleHref } from "./schedule-href";
import { doneMessages } from "../done-messages";
import { canReassign, reassignOptionsOrNull } from "../reassign-options";

export const metadata: Metadata = { title: "Schedule" };


const errorMessages: Record<string, string> = {
  NOT_FOUND: "We couldn't find that appointment.",
  INVALID_STATE: "This appointment is no longer booked ahead, so there is nothing to resolve.",
  VALIDATION: "That request wasn't valid. Please try again.",
};

type Search = { date?: string; view?: string; member?: string; open?: string; reassign?: string; done?: string; error?: string };

/**
 * The provider's day: a column per active member (one column without staff), hours from
 * opening to closing, appointments as blocks; a free cell opens the new-appointment form for
 * that member, day and time; an appointment opens its details and actions in a panel. One
 * query loads the view (lib/booking/schedule.ts).
 */
export default async function SchedulePage({ searchParams }: { searchParams: Promise<Search> }) {
  const { provider } = await requireProvider();
  const search = await searchParams;
  const now = new Date();
  const tz = provider.timezone;
  const today = zonedDate(now, tz);
  const dateParam = typeof search.date === "string" ? search.date : "";
  const badDate = dateParam !== "" && !(isValidLocalDate(dateParam) && isSaneIsoDate(dateParam));
  const date = dateParam && !badDate ? dateParam : today;
  const db = await getDb();
  if (search.view === "week") return <WeekView providerId={provider.id} date={date} today={today} timezone={tz} now={now} member={typeof search.member === "string" ? search.member : ""} />;
  const data = await loadSchedule(db, provider.id, date, date, { busy: true });
  if (!data) notFound();
  const day = scheduleDay(data, date, now);

  // The member filter names one column; anything else shows everyone, with a message.
  const memberParam = typeof search.member === "string" ? search.member : "";
  const chosen = day.columns.find((c) => c.id !== null && c.id === memberParam);
  const unknownMember = memberParam !== "" && !chosen;
  const member = chosen?.id ?? undefined;
  const shown = chosen ? { ...day, columns: [chosen] } : day;
  const here = scheduleHref({ date: dateParam ? date : undefined, member });

  const links: ScheduleLinks = {
    open: (id) => `${scheduleHref({ date, member, open: id })}#appointment-details`,
    book: (staffId, minutes) => {
      const q = new URLSearchParams({ date, time: formatWallTime(minutes) });
      if (staffId) q.set("staffId", staffId);
      return `/dashboard/appointments/new?${q}`;
    },
  };

  // The panel: one of this day's appointments (the id is only looked up among them).
  const openId = parseUuid(search.open);
  const blocks = day.columns.flatMap((c) => c.blocks);
  const opened = openId ? blocks.find((b) => b.id === openId) : undefined;
  const conflicts = blocks.filter((b) => b.conflict);
  const done = ownValue(doneMessages, search.done);
  const error = ownValue(errorMessages, search.error);
  const columnsWithPeople = day.columns.filter((c) => c.id !== null);

  return (
    <div className="space-y-5">
      <PageHeader
        title="Schedule"
        description={`${formatLongDate(date)}${date === today ? " (today)" : ""}. Times are shown in ${zoneLabel(tz, now)}.`}
        actions={
          <>
            <ButtonLink href={`/dashboard/appointments/new?date=${date}`}>New appointment</ButtonLink>
            <ButtonLink href="/dashboard" variant="secondary">
              Appointment list
            </ButtonLink>
          </>
        }
      />
      {done ? <Flash tone="success">{done}</Flash> : null}
      {error ? <Flash tone="error">{error}</Flash> : null}
      {badDate ? <Flash tone="warning">That date isn&apos;t valid, so today is shown.</Flash> : null}
      {unknownMember ? <Flash tone="warning">We couldn&apos;t find that staff member, so everyone is shown.</Flash> : null}
      {conflicts.length ? (
        <Flash tone="warning">
          {conflicts.length === 1 ? "1 appointment falls" : `${conflicts.length} appointments fall`} outside working time on this day (marked
          “Conflict”). Open {conflicts.length === 1 ? "it" : "each"} to reassign, ask the client to reschedule, cancel or keep it.
        </Flash>
      ) : null}

      <div className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <nav aria-label="Day" className="flex flex-wrap items-center gap-2">
          <Link href={scheduleHref({ date: addDays(date, -1), member })} className={buttonClass("secondary")} rel="prev">
            <span aria-hidden="true">‹</span> Previous day
          </Link>
          {date !== today ? (
            <Link href={scheduleHref({ member })} className={buttonClass("ghost")}>
              Today
            </Link>
          ) : null}
          <Link href={scheduleHref({ date: addDays(date, 1), member })} className={buttonClass("secondary")} rel="next">
            Next day <span aria-hidden="true">›</span>
          </Link>
          <Link href={scheduleHref({ date, view: "week", member })} className={buttonClass("ghost")}>
            Week
          </Link>
        </nav>
        {/* GET forms: they work without JavaScript, and the choice stays in the URL. */}
        <form method="get" action="/dashboard/schedule" className="flex flex-wrap items-end gap-2">
          {member ? <input type="hidden" name="member" value={member} /> : null}
          <label className="text-sm text-slate-700">
            <span className="block">Date</span>
            <input type="date" name="date" defaultValue={date} required className="mt-1 rounded-md border-0 py-2 pl-3 pr-2 text-sm ring-1 ring-inset ring-slate-300" />
          </label>
          <button type="submit" className={buttonClass("secondary")}>
            Show day
          </button>
        </form>
        {columnsWithPeople.length > 1 || member ? (
          <form method="get" action="/dashboard/schedule" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="date" value={date} />
            <label className="text-sm text-slate-700">
              <span className="block">Staff member</span>
              <select name="member" defaultValue={member ?? ""} className="mt-1 max-w-full rounded-md border-0 py-2 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300">
                <option value="">Everyone</option>
                {columnsWithPeople.map((c) => (
                  <option key={c.id} value={c.id!}>
                    {c.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className={buttonClass("secondary")}>
              Show
            </button>
          </form>
        ) : null}
      </div>

      {opened ? (
        <AppointmentPanel
          block={opened}
          staffName={day.columns.find((c) => c.id === opened.staffId && c.id !== null)?.name ?? null}
          providerId={provider.id}
          pro={isPro(provider, now)}
          timezone={tz}
          now={now}
          here={scheduleHref({ date, member })}
          reassignOpen={parseUuid(search.reassign) === opened.id}
          closeHref={here}
        />
      ) : null}

      <div className="hidden md:block">
        <ScheduleGrid day={shown} links={links} />
      </div>
      <div className="space-y-4 md:hidden">
        {columnsWithPeople.length > 1 ? (
          <nav aria-label="Staff member">
            <ul className="flex flex-wrap gap-2">
              {[{ id: undefined, name: "Everyone" }, ...columnsWithPeople.map((c) => ({ id: c.id!, name: c.name }))].map((m) => (
                <li key={m.id ?? "all"}>
                  <Link
                    href={scheduleHref({ date, member: m.id })}
                    aria-current={m.id === member ? "page" : undefined}
                    className={`inline-flex min-h-9 items-center rounded-full px-3 py-1 text-sm ring-1 ring-inset ${
                      m.id === member ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-700 ring-slate-300"
                    }`}
                  >
                    {m.name}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <ScheduleAgenda day={shown} links={links} />
      </div>
    </div>
  );
}

async function AppointmentPanel({
  block,
  staffName,
  providerId,
  pro,
  timezone,
  now,
  here,
  reassignOpen,
  closeHref,
}: {
  block: ScheduleBlock;
  staffName: string | null;
  providerId: string;
  pro: boolean;
  timezone: string;
  now: Date;
  here: string;
  reassignOpen: boolean;
  closeHref: string;
}) {
  const reassignable = canReassign(pro, block, now);
  // A conflict offers its colleagues at once; otherwise "Reassign…" opens them (a GET).
  const wantOptions = reassignable && (reassignOpen || block.conflict);
  const options = wantOptions ? await reassignOptionsOrNull(await getDb(), providerId, block.id, now) : null;
  const db = await getDb();
  const [history, messages, note] = await Promise.all([
    clientHistory(db, { providerId, clientUserId: block.clientUserId, clientEmail: block.clientEmail }, now),
    appointmentMessageLog(db, providerId, block.id),
    getClientNote(db, providerId, block.clientEmail),
  ]);
  const list = { view: "upcoming", status: "all", returnTo: `${here}${here.includes("?") ? "&" : "?"}open=${block.id}` };
  return (
    <aside
      id="appointment-details"
      tabIndex={-1}
      aria-labelledby="appointment-details-title"
      className="scroll-mt-4 space-y-3 rounded-lg bg-slate-50 p-4 ring-1 ring-slate-300 md:fixed md:inset-y-0 md:right-0 md:z-40 md:w-[28rem] md:overflow-y-auto md:rounded-none md:shadow-xl"
    >
      <div className="flex items-center justify-between gap-2">
        <h2 id="appointment-details-title" className="text-lg font-semibold text-slate-900">
          Appointment details
        </h2>
        <Link href={closeHref} className={buttonClass("ghost")}>
          Close
        </Link>
      </div>
      {block.conflict ? (
        <div className="space-y-2 rounded-md bg-amber-50 p-3 text-sm text-amber-950 ring-1 ring-inset ring-amber-300">
          <p className="flex flex-wrap items-center gap-2">
            <ConflictMark />
            This appointment falls outside {staffName ? `${staffName}'s` : "your"} working time (time off, hours or a closed date).
          </p>
          <p>Reassign it to a free colleague or cancel it below, ask the client to choose a new time, or keep it as it is.</p>
          <ConflictActions appointmentId={block.id} clientName={block.clientName} back={`${here}${here.includes("?") ? "&" : "?"}open=${block.id}`} />
        </div>
      ) : null}
      <section aria-labelledby="client-history-title" className="rounded-md bg-white p-3 text-sm ring-1 ring-inset ring-slate-200">
        <h3 id="client-history-title" className="font-semibold text-slate-900">
          {block.clientName} at your business
        </h3>
        <p className="text-slate-700">
          {history.visits === 1 ? "1 visit" : `${history.visits} visits`}
          {history.lastVisit ? ` (last ${formatLongDate(zonedDate(history.lastVisit, timezone))})` : ""} ·{" "}
          {history.noShows === 1 ? "1 no-show" : `${history.noShows} no-shows`} ·{" "}
          {history.cancelled === 1 ? "1 cancellation" : `${history.cancelled} cancellations`} · {history.upcoming} booked ahead
        </p>
        <p className="text-xs text-slate-600">{block.clientUserId ? "By their verified account and email." : "By email address."}</p>
        <div className="mt-3">
          <ClientNoteForm appointmentId={block.id} clientName={block.clientName} note={note.note} back={`${here}${here.includes("?") ? "&" : "?"}open=${block.id}`} />
        </div>
      </section>
      <ul>
        <AppointmentCard
          appointment={{ ...block, staffName, cancellationReason: null, holdUntil: block.holdUntil ?? null }}
          timezone={timezone}
          now={now}
          list={list}
          reassign={
            reassignable
              ? { openHref: `${scheduleHref({ date: zonedDate(block.startsAt, timezone), open: block.id, reassign: block.id })}#appointment-details`, options }
              : undefined
          }
        />
      </ul>
      <MessageLog messages={messages} timezone={timezone} />
    </aside>
  );
}

/**
 * The week of the chosen day (Monday to Sunday), loaded in the same one query: per day, each
 * member's appointments as times and clients, each day a link to its day view. A list, so a
 * phone never scrolls sideways.
 */
async function WeekView({ providerId, date, today, timezone, now, member }: { providerId: string; date: string; today: string; timezone: string; now: Date; member: string }) {
  const monday = addDays(date, 1 - isoWeekday(date));
  const sunday = addDays(monday, 6);
  const data = await loadSchedule(await getDb(), providerId, monday, sunday, { busy: true });
  if (!data) notFound();
  const days = Array.from({ length: 7 }, (_, i) => scheduleDay(data, addDays(monday, i), now));
  const memberId = data.members.some((m) => m.id === member) ? member : undefined;
  return (
    <div className="space-y-5">
      <PageHeader
        title="Schedule: week"
        description={`${formatLongDate(monday)} – ${formatLongDate(sunday)}. Times are shown in ${zoneLabel(timezone, now)}.`}
        actions={
          <ButtonLink href={scheduleHref({ date, member: memberId })} variant="secondary">
            Day view
          </ButtonLink>
        }
      />
      <nav aria-label="Week" className="flex flex-wrap items-center gap-2">
        <Link href={scheduleHref({ date: addDays(monday, -7), view: "week", member: memberId })} className={buttonClass("secondary")} rel="prev">
          <span aria-hidden="true">‹</span> Previous week
        </Link>
        <Link href={scheduleHref({ date: addDays(monday, 7), view: "week", member: memberId })} className={buttonClass("secondary")} rel="next">
          Next week <span aria-hidden="true">›</span>
        </Link>
      </nav>
      <ol className="grid gap-3 lg:grid-cols-7">
        {days.map((d) => {
          const columns = d.columns.filter((c) => !memberId || c.id === memberId);
          const count = columns.reduce((n, c) => n + c.blocks.length, 0);
          return (
            <li key={d.date} className="min-w-0 rounded-lg bg-white p-3 ring-1 ring-slate-200">
              <h2 className="text-sm font-semibold text-slate-900">
                <Link href={scheduleHref({ date: d.date, member: memberId })} className="underline-offset-2 hover:underline">
                  {formatLongDate(d.date)}
                </Link>
                {d.date === today ? <span className="ml-1 text-indigo-700">Today</span> : null}
              </h2>
              <p className="text-xs text-slate-600">{count === 1 ? "1 appointment" : `${count} appointments`}</p>
              <ul className="mt-2 space-y-2">
                {columns
                  .filter((c) => c.blocks.length || c.off || c.busy.length)
                  .map((c) => (
                    <li key={c.id ?? "none"} className="text-sm">
                      <p className="font-medium text-slate-800">
                        {c.name}
                        {c.off ? <span className="font-normal text-slate-600"> · {c.off.kind === "closed" ? "Closed" : "Time off"}</span> : null}
                      </p>
                      {busyLabel(c) ? <p className="text-xs text-slate-600">{busyLabel(c)}</p> : null}
                      <ul>
                        {c.blocks.map((b) => (
                          <li key={b.id} className="break-words">
                            <Link href={`${scheduleHref({ date: d.date, member: memberId, open: b.id })}#appointment-details`} className="text-indigo-800 underline-offset-2 hover:underline">
                              <span className="tabular-nums">{formatWallTime(b.start)}</span> {b.clientName}
                            </Link>
                            {b.conflict ? (
                              <>
                                {" "}
                                <ConflictMark />
                              </>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </li>
                  ))}
              </ul>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
