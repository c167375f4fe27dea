import type { Metadata } from "next";
import Link from "next/link";
import { BusyTimesStatus } from "@/components/calendar/busy-times-status";
import { ConnectLink } from "@/components/calendar/connect-link";
import { ConflictCalendarsForm } from "@/components/calendar/conflict-calendars-form";
import { Card } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { requireRole } from "@/lib/app/guards";
import { zonedDate, zonedTime } from "@/lib/availability";
import { formatLongDate } from "@/lib/availability/format";
import { googleConfig } from "@/lib/calendar/config";
import { getConflictChoice } from "@/lib/calendar/conflict-calendars";
import { getCalendarOverview } from "@/lib/calendar/integrations";
import { connectingMember } from "@/lib/calendar/members";
import { calendarPageFlash } from "@/lib/calendar/messages";
import { disconnectMyCalendarAction, myConflictCalendarsAction } from "./actions";

export const metadata: Metadata = { title: "My Google Calendar" };


export default async function StaffCalendarPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const user = await requireRole("staff");
  const search = await searchParams;
  const db = await getDb();
  const member = await connectingMember(db, user.id);
  const overview = member ? await getCalendarOverview(db, member.owner.providerId, member.owner) : null;
  const cfg = googleConfig();
  // Read live from Google (about 2 s at most); null list when Google cannot be reached.
  const conflictChoice =
    member?.access === "ok" && cfg && overview?.checksConflicts && overview.status === "active" ? await getConflictChoice(db, member.owner, { cfg }) : null;
  const { error, done } = calendarPageFlash(search);

  const header = (
    <>
      <PageHeader title="My Google Calendar" description="Your appointments in your own Google Calendar, and your busy times kept free of bookings." />
      <p>
        <Link href="/staff" className="text-sm font-medium text-slate-700 underline">
          Back to my schedule
        </Link>
      </p>
      <Flash tone="error">{error}</Flash>
      <Flash tone="success">{search.connected === "1" ? "Google Calendar connected. Your upcoming appointments are being added." : done}</Flash>
    </>
  );

  if (!member) {
    return (
      <div className="space-y-6">
        {header}
        <EmptyState title="Your login is not linked to a business">Ask the business that invited you to send a new invitation.</EmptyState>
      </div>
    );
  }
  const when = (d: Date) => `${formatLongDate(zonedDate(d, member.provider.timezone))}, ${zonedTime(d, member.provider.timezone)}`;
  const disconnect = overview ? (
    <form action={disconnectMyCalendarAction} className="mt-4">
      <ConfirmButton confirm="Disconnect your Google Calendar? Events already in your calendar stay there.">Disconnect my Google Calendar</ConfirmButton>
    </form>
  ) : null;

  if (member.access !== "ok") {
    return (
      <div className="space-y-6">
        {header}
        <EmptyState title={member.access === "inactive" ? "Your staff access is switched off" : "Calendar connections are paused"}>
          {member.access === "inactive"
            ? `${member.provider.businessName} has deactivated your staff profile, so your calendar is not used.`
            : `${member.provider.businessName}'s PRO plan has ended, so staff calendars are paused until it is renewed.`}
        </EmptyState>
        {overview ? (
          <Card title="Your connection">
            <p className="text-sm text-slate-700">{overview.googleEmail} is still connected. You can disconnect it at any time.</p>
            {disconnect}
          </Card>
        ) : null}
      </div>
    );
  }

  return (
    <div className="space-y-6">
      {header}
      {!cfg ? (
        <Card title="Google Calendar isn't set up here">
          <p className="text-slate-800">This Slotbook server has no Google connection yet. Ask {member.provider.businessName} or whoever runs Slotbook.</p>
        </Card>
      ) : !overview ? (
        <Card title="Not connected">
          <p className="text-slate-800">
            Connect your own Google Calendar: the appointments {member.provider.businessName} gives you appear there, and when your
            calendar is busy clients can&apos;t book you then (your colleagues stay bookable).
          </p>
          <p className="mt-2 text-sm text-slate-600">
            Slotbook asks only for your email address, permission to manage events on calendars you own, and to see when you are
            busy (never what your events say).
          </p>
          <div className="mt-4">
            <ConnectLink href="/staff/calendar/connect">Connect my Google Calendar</ConnectLink>
          </div>
        </Card>
      ) : (
        <>
          {overview.status === "needs_reconnect" ? (
            <Card title="Reconnect needed">
              <p role="alert" className="text-amber-900">
                Google no longer accepts Slotbook&apos;s access to {overview.googleEmail} (access was revoked or expired). Reconnect and
                Slotbook catches up.
              </p>
              <div className="mt-4">
                <ConnectLink href="/staff/calendar/connect">Reconnect my Google Calendar</ConnectLink>
              </div>
            </Card>
          ) : null}
          <Card title="Connected">
            <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
              <dt className="text-slate-500">Google account</dt>
              <dd className="break-all font-medium text-slate-900">{overview.googleEmail}</dd>
              <dt className="text-slate-500">Last successful sync</dt>
              <dd className="text-slate-900">{overview.lastSyncedAt ? when(overview.lastSyncedAt) : "Not yet"}</dd>
              <dt className="text-slate-500">Busy times</dt>
              <dd className="text-slate-900">
                <BusyTimesStatus overview={overview} reconnectHref="/staff/calendar/connect" when={when} />
              </dd>
              <dt className="text-slate-500">Appointments</dt>
              <dd className="text-slate-900">
                {overview.counts.synced} synced, {overview.counts.pending} waiting, {overview.counts.failed} failed
              </dd>
            </dl>
          </Card>
          {conflictChoice ? (
            <Card title="Calendars checked for conflicts">
              <ConflictCalendarsForm action={myConflictCalendarsAction} calendars={conflictChoice.calendars} chosen={conflictChoice.chosen} />
            </Card>
          ) : null}
          <Card title="Disconnect">
            <p className="text-sm text-slate-700">
              Disconnecting revokes Slotbook&apos;s access at Google and deletes the stored tokens. Events already in your calendar stay
              there.
            </p>
            {disconnect}
          </Card>
        </>
      )}
    </div>
  );
}
