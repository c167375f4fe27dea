import type { Metadata } from "next";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDb } from "@/lib/app/runtime";
import { zonedDate, zonedTime } from "@/lib/availability";
import { formatLongDate } from "@/lib/availability/format";
import { requireProvider } from "@/lib/app/guards";
import { BusyTimesStatus } from "@/components/calendar/busy-times-status";
import { ConnectLink } from "@/components/calendar/connect-link";
import { ConflictCalendarsForm } from "@/components/calendar/conflict-calendars-form";
import { CALLBACK_PATH, googleConfig } from "@/lib/calendar/config";
import { getConflictChoice } from "@/lib/calendar/conflict-calendars";
import { getCalendarOverview, listStaffCalendars, type StaffCalendar } from "@/lib/calendar/integrations";
import { calendarPageFlash, RECONNECT_FOR_CONFLICTS } from "@/lib/calendar/messages";
import { isPro } from "@/lib/plans/plans";
import { env } from "@/lib/infra/env";
import { business } from "@/lib/calendar/owner";
import { conflictCalendarsAction, copyStaffAppointmentsAction, disconnectCalendarAction, disconnectStaffCalendarAction, retrySyncAction, toggleSyncAction } from "./actions";

export const metadata: Metadata = { title: "Google Calendar" };

const WHAT_SYNC_DOES =
  "New bookings appear in your Google Calendar, moved appointments move there and cancelled ones are removed, whoever made the change: you, your client, or a guest through their link.";


export default async function CalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const { provider } = await requireProvider();
  const search = await searchParams;
  const pro = isPro(provider);
  const cfg = googleConfig();
  const db = await getDb();
  const [overview, staffCalendars] = await Promise.all([getCalendarOverview(db, provider.id), listStaffCalendars(db, provider.id)]);
  // Read live from Google (about 2 s at most); null list when Google cannot be reached.
  const conflictChoice =
    pro && cfg && overview?.checksConflicts && overview.status === "active" ? await getConflictChoice(db, business(provider.id), { cfg }) : null;
  const when = (d: Date) => `${formatLongDate(zonedDate(d, provider.timezone))}, ${zonedTime(d, provider.timezone)}`;
  const { error, done } = calendarPageFlash(search);

  return (
    <div className="space-y-6">
      <PageHeader title="Google Calendar" description="Keep your Google Calendar in step with your Slotbook appointments." />
      <Flash tone="error">{error}</Flash>
      <Flash tone="success">{search.connected === "1" ? "Google Calendar connected. Your upcoming appointments are being added." : done}</Flash>

      {!pro ? (
        <Card title="A PRO feature">
          <p className="text-slate-800">{WHAT_SYNC_DOES}</p>
          <p className="mt-2 text-sm text-slate-600">It is one-way: Slotbook writes to your calendar and never reads or changes your other events.</p>
          {overview ? (
            <>
              <p className="mt-2 text-sm text-slate-600">
                Your plan has ended, so sync to {overview.googleEmail} is paused. The connection is kept until you disconnect it.
              </p>
              <DisconnectForm className="mt-3" />
            </>
          ) : null}
          <div className="mt-4">
            <ButtonLink href="/dashboard/upgrade">Upgrade to PRO</ButtonLink>
          </div>
        </Card>
      ) : !cfg ? (
        <Card title="Google Calendar isn't configured">
          <p className="text-slate-800">This Slotbook server has no Google OAuth client yet. Whoever runs it needs to set:</p>
          <ul className="mt-2 list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>
              <code>GOOGLE_CLIENT_ID</code> and <code>GOOGLE_CLIENT_SECRET</code> from a Google Cloud OAuth client (type “Web application”)
            </li>
            <li>
              the authorized redirect URI <code className="break-all">{`${env().APP_URL}${CALLBACK_PATH}`}</code>
            </li>
            <li>the Google Calendar API enabled in that project</li>
          </ul>
          <p className="mt-2 text-sm text-slate-600">The README explains each step.</p>
        </Card>
      ) : !overview ? (
        <Card title="Not connected">
          <p className="text-slate-800">{WHAT_SYNC_DOES}</p>
          <p className="mt-2 text-sm text-slate-600">
            Slotbook asks only for your email address, permission to manage events on calendars you own, and to see when
            you are busy (never what your events say), so clients can&apos;t book you when your calendar is busy.
          </p>
          <div className="mt-4">
            <ConnectLink href="/dashboard/calendar/connect">Connect Google Calendar</ConnectLink>
          </div>
        </Card>
      ) : (
        <>
          {overview.status === "needs_reconnect" ? (
            <Card title="Reconnect needed">
              <p role="alert" className="text-amber-900">
                Google no longer accepts Slotbook&apos;s access to {overview.googleEmail} (access was revoked or expired). Nothing is
                lost: reconnect and Slotbook catches up.
              </p>
              <div className="mt-4">
                <ConnectLink href="/dashboard/calendar/connect">Reconnect Google Calendar</ConnectLink>
              </div>
            </Card>
          ) : null}
          <Card title="Connected">
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
              <dt className="text-slate-500">Google account</dt>
              <dd className="break-all font-medium text-slate-900">{overview.googleEmail}</dd>
              <dt className="text-slate-500">Calendar</dt>
              <dd className="text-slate-900">{overview.calendarId === "primary" ? "Main calendar" : overview.calendarId}</dd>
              <dt className="text-slate-500">Last successful sync</dt>
              <dd className="text-slate-900">{overview.lastSyncedAt ? when(overview.lastSyncedAt) : "Not yet"}</dd>
              <dt className="text-slate-500">Busy times</dt>
              <dd className="text-slate-900">
                <BusyTimesStatus overview={overview} reconnectHref="/dashboard/calendar/connect" when={when} />
              </dd>
              <dt className="text-slate-500">Sync</dt>
              <dd className="text-slate-900">
                {overview.syncEnabled ? "On" : "Off"} · {overview.counts.synced} synced, {overview.counts.pending} waiting,{" "}
                {overview.counts.failed} failed
              </dd>
            </dl>
            <form action={toggleSyncAction} className="mt-4">
              <input type="hidden" name="enabled" value={overview.syncEnabled ? "off" : "on"} />
              <SubmitButton variant="secondary">{overview.syncEnabled ? "Turn sync off" : "Turn sync on"}</SubmitButton>
            </form>
            {staffCalendars.length > 0 ? (
              <form action={copyStaffAppointmentsAction} className="mt-4 border-t border-slate-200 pt-4">
                <p className="text-sm text-slate-800">
                  <span className="font-medium">Business calendar also gets every appointment:</span>{" "}
                  {overview.copyStaffAppointments
                    ? "on. Your staff members' appointments appear here too (and in their own calendars when they connect one)."
                    : "off. Only appointments without a staff member appear here; members' go to their own calendars."}
                </p>
                <input type="hidden" name="copy" value={overview.copyStaffAppointments ? "off" : "on"} />
                <SubmitButton variant="secondary" className="mt-2">
                  {overview.copyStaffAppointments ? "Stop adding staff appointments here" : "Add staff appointments here too"}
                </SubmitButton>
              </form>
            ) : null}
          </Card>

          {conflictChoice ? (
            <Card title="Calendars checked for conflicts">
              <ConflictCalendarsForm action={conflictCalendarsAction} calendars={conflictChoice.calendars} chosen={conflictChoice.chosen} />
            </Card>
          ) : null}

          {overview.lastError && overview.lastErrorAt && (!overview.lastSyncedAt || overview.lastErrorAt > overview.lastSyncedAt) ? (
            <Card title="Latest problem">
              <p className="text-sm text-slate-800">{overview.lastError}</p>
              <p className="mt-1 text-xs text-slate-500">{when(overview.lastErrorAt)}</p>
            </Card>
          ) : null}

          {overview.failed.length > 0 ? (
            <Card
              title="Appointments that failed to sync"
              actions={
                <form action={retrySyncAction}>
                  <SubmitButton variant="secondary">Retry all</SubmitButton>
                </form>
              }
            >
              <ul className="divide-y divide-slate-200">
                {overview.failed.map((f) => (
                  <li key={f.appointmentId} className="flex flex-wrap items-center justify-between gap-3 py-3">
                    <div className="min-w-0">
                      <p className="font-medium text-slate-900">
                        {f.serviceName} – {f.clientName}, {when(f.startsAt)}
                      </p>
                      <p className="text-sm text-slate-600">{f.lastError ?? "Unknown problem"}</p>
                    </div>
                    <form action={retrySyncAction}>
                      <input type="hidden" name="appointmentId" value={f.appointmentId} />
                      <SubmitButton variant="secondary" aria-label={`Retry ${f.serviceName} – ${f.clientName}`}>
                        Retry
                      </SubmitButton>
                    </form>
                  </li>
                ))}
              </ul>
            </Card>
          ) : null}

          <Card title="Disconnect">
            <p className="text-sm text-slate-700">
              Disconnecting revokes Slotbook&apos;s access at Google and deletes the stored tokens. Events already in your Google
              Calendar stay there.
            </p>
            <DisconnectForm className="mt-4" />
          </Card>
        </>
      )}
      {staffCalendars.length > 0 && (pro || staffCalendars.some((m) => m.connection)) ? <StaffCalendars members={staffCalendars} when={when} /> : null}
    </div>
  );
}

/** Each member's own calendar: connected and healthy, needing a reconnect, or not connected; the provider can disconnect it. */
function StaffCalendars({ members, when }: { members: StaffCalendar[]; when: (d: Date) => string }) {
  return (
    <Card title="Staff calendars">
      <p className="text-sm text-slate-700">
        Staff members connect their own Google Calendar from their staff page (My Google Calendar). Their appointments are written
        there, and their busy times keep clients from booking them only.
      </p>
      <ul className="mt-3 divide-y divide-slate-200" aria-label="Staff calendars">
        {members.map((m) => {
          const c = m.connection;
          const state = !c
            ? "Not connected"
            : c.status === "needs_reconnect"
              ? "Needs reconnect"
              : c.problem
                ? "Connected, with a problem"
                : c.checksConflicts
                  ? "Connected and healthy"
                  : `Connected (${RECONNECT_FOR_CONFLICTS.toLowerCase()})`;
          return (
            <li key={m.staffId} className="flex flex-wrap items-start justify-between gap-3 py-3">
              <div className="min-w-0">
                <p className="font-medium text-slate-900">
                  {m.name}
                  {m.active ? null : <span className="ml-2 text-sm font-normal text-slate-500">(inactive)</span>}
                </p>
                <p className={`text-sm ${c && (c.status === "needs_reconnect" || c.problem) ? "text-amber-900" : "text-slate-600"}`}>
                  {state}
                  {c ? <span className="break-all"> · {c.googleEmail}</span> : null}
                </p>
                {c?.problem ? <p className="text-sm text-slate-600">{c.problem}</p> : null}
                {c ? (
                  <p className="text-xs text-slate-500">
                    Last sync: {c.lastSyncedAt ? when(c.lastSyncedAt) : "not yet"}
                    {c.failed > 0 ? ` · ${c.failed} failed` : ""}
                  </p>
                ) : null}
              </div>
              {c ? (
                <form action={disconnectStaffCalendarAction}>
                  <input type="hidden" name="staffId" value={m.staffId} />
                  <ConfirmButton
                    confirm={`Disconnect ${m.name}'s Google Calendar? Events already in their calendar stay there.`}
                    aria-label={`Disconnect ${m.name}'s Google Calendar`}
                  >
                    Disconnect
                  </ConfirmButton>
                </form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </Card>
  );
}

/** Disconnect, offered while PRO and also after it lapsed (the connection is kept until then). */
function DisconnectForm({ className }: { className: string }) {
  return (
    <form action={disconnectCalendarAction} className={className}>
      <ConfirmButton confirm="Disconnect Google Calendar? Events already in your calendar stay there.">
        Disconnect Google Calendar
      </ConfirmButton>
    </form>
  );
}
