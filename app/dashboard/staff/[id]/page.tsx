import type { Metadata } from "next";
import { formatLongDate, formatWhen } from "@/lib/availability/format";
import { StaffPhoto } from "@/components/staff/staff-photo";
import { ButtonLink } from "@/components/ui/button";
import { BackLink } from "@/components/ui/back-link";
import { Card } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDb } from "@/lib/app/runtime";
import { zonedDate } from "@/lib/availability";
import { requirePro } from "@/lib/app/guards";
import { resolvedSummary, staffErrorMessage } from "@/lib/staff/flash";
import { getInviteStatus } from "@/lib/staff/invites";
import { getStaffUsage, listMemberUpcoming, staffDeletionRefusal } from "@/lib/staff/members";
import { deleteStaffAction, revokeInviteAction, sendInviteAction, setStaffActiveAction } from "../actions";
import { MemberAppointments } from "../_components/member-appointments";
import { reassignOptions } from "@/lib/staff/reassign";
import { memberOrNotFound } from "./member";
import { listConflicts } from "@/lib/booking/schedule";

export const metadata: Metadata = { title: "Staff member" };

type Search = {
  timeOff?: string;
  done?: string;
  reassigned?: string;
  cancelled?: string;
  created?: string;
  saved?: string;
  invited?: string;
  revoked?: string;
  activated?: string;
  deactivated?: string;
  error?: string;
  reassignedCount?: string;
  cancelledCount?: string;
  keptForHistory?: string;
};

const flashes: [keyof Search, string][] = [
  ["reassigned", "Appointment reassigned. The client has been told by email."],
  ["cancelled", "Appointment cancelled. The client has been told by email."],
  ["timeOff", "Time off added."],
  ["created", "Staff member added. Set their working hours next."],
  ["saved", "Changes saved."],
  ["invited", "Invitation sent. The link works once and expires in 7 days."],
  ["revoked", "Invitation revoked: the link no longer works."],
  ["activated", "Staff member activated."],
  ["deactivated", "Staff member deactivated: clients can no longer book them, and their login sees nothing."],
];

export default async function StaffMemberPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { provider } = await requirePro("staff");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const db = await getDb();
  const member = await memberOrNotFound(db, provider.id, id);
  const now = new Date();
  const [invite, upcoming, usage, conflicts] = await Promise.all([
    getInviteStatus(db, provider.id, member.id, now),
    listMemberUpcoming(db, provider.id, member.id, now),
    getStaffUsage(db, provider.id, member.id, now),
    listConflicts(db, provider.id, now, { staffId: member.id }),
  ]);
  const conflictIds = new Set(conflicts.map((c) => c.id));
  const refusal = staffDeletionRefusal(usage);
  const options = await Promise.all(upcoming.map((a) => reassignOptions(db, provider.id, a.id, now)));
  const found = flashes.find(([key]) => search[key] === "1")?.[1];
  const resolved = resolvedSummary(search);
  const kept = search.keptForHistory === "1" ? "They have appointments on record, so they were deactivated instead of deleted." : null;
  const conflictDone =
    search.done === "asked"
      ? "The client has been emailed a link to choose a new time. The appointment stays booked until they do."
      : search.done === "kept"
        ? "Appointment kept as it is: it is no longer marked as a conflict."
        : undefined;
  const success = found ? [found, resolved, kept].filter(Boolean).join(" ") : conflictDone;
  const error = search.error === "IN_USE" ? refusal : staffErrorMessage(search.error);

  return (
    <div className="space-y-6">
      <BackLink href="/dashboard/staff">All staff</BackLink>
      <PageHeader
        title={member.name}
        description={member.active ? "Active: clients can book them." : "Inactive: clients can't book them."}
        actions={
          <>
            <ButtonLink href={`/dashboard/staff/${member.id}/edit`} variant="secondary">
              Edit
            </ButtonLink>
            <ButtonLink href={`/dashboard/staff/${member.id}/availability`} variant="secondary">
              Availability
            </ButtonLink>
          </>
        }
      />
      {success ? <Flash tone="success">{success}</Flash> : null}
      {error ? <Flash tone="error">{error}</Flash> : null}
      {member.active && !member.hasHours ? (
        <Flash tone="warning">No working hours yet: clients cannot book them yet. Set their hours under Availability.</Flash>
      ) : null}
      {conflicts.length ? (
        <Flash tone="warning">
          {conflicts.length === 1 ? "1 appointment" : `${conflicts.length} appointments`} of {member.name} now{" "}
          {conflicts.length === 1 ? "falls" : "fall"} outside their working time:{" "}
          {conflicts.map((c) => `${c.clientName} (${formatWhen(c.startsAt, c.endsAt, provider.timezone)})`).join("; ")}.{" "}
          <a href="#upcoming" className="font-medium underline">
            Resolve {conflicts.length === 1 ? "it" : "them"}
          </a>
        </Flash>
      ) : null}

      <Card title="Profile">
        <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
          <StaffPhoto staff={member} size={96} />
          <dl className="grid min-w-0 gap-x-6 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="font-medium text-slate-700">Email</dt>
            <dd className="break-words text-slate-900">{member.email || "—"}</dd>
            <dt className="font-medium text-slate-700">Phone</dt>
            <dd className="text-slate-900">{member.phone || "—"}</dd>
            <dt className="font-medium text-slate-700">Services</dt>
            <dd className="text-slate-900">{member.services.length ? member.services.map((s) => s.name).join(", ") : "None yet: clients can't book them."}</dd>
            <dt className="font-medium text-slate-700">Bio</dt>
            <dd className="whitespace-pre-line break-words text-slate-900">{member.bio || "—"}</dd>
          </dl>
        </div>
      </Card>

      <div id="login" className="scroll-mt-6">
        <Card title="Login">
          {invite.state === "linked" ? (
            <p className="text-sm text-slate-700">They sign in with their own login and see only their own appointments.</p>
          ) : (
            <div className="space-y-3 text-sm text-slate-700">
              {invite.state === "pending" ? (
                <p>
                  Invitation sent to <strong className="break-words">{invite.email}</strong>; it expires on{" "}
                  {formatLongDate(zonedDate(invite.expiresAt, provider.timezone))}.
                </p>
              ) : invite.state === "expired" ? (
                <p>The invitation to {invite.email} has expired.</p>
              ) : (
                <p>Invite them by email to sign in and see their own appointments.</p>
              )}
              <div className="flex flex-wrap gap-2">
                <form action={sendInviteAction}>
                  <input type="hidden" name="staffId" value={member.id} />
                  <SubmitButton pendingLabel="Sending…" disabled={!member.email || !member.active}>
                    {invite.state === "none" ? "Send invitation" : "Resend invitation"}
                  </SubmitButton>
                </form>
                {invite.state === "pending" ? (
                  <form action={revokeInviteAction}>
                    <input type="hidden" name="staffId" value={member.id} />
                    <ConfirmButton confirm="Revoke this invitation? The link stops working." pendingLabel="Revoking…">
                      Revoke invitation
                    </ConfirmButton>
                  </form>
                ) : null}
              </div>
              {!member.email ? <p className="text-slate-500">Add their email address (Edit) to invite them.</p> : null}
            </div>
          )}
        </Card>
      </div>

      <div id="upcoming" className="scroll-mt-6">
        <Card title="Upcoming appointments">
          {upcoming.length === 0 ? (
            <p className="text-sm text-slate-600">No upcoming appointments.</p>
          ) : (
            <MemberAppointments
              memberId={member.id}
              memberName={member.name}
              timezone={provider.timezone}
              appointments={upcoming}
              options={options}
              back={{ to: "member" }}
              conflicts={conflictIds}
            />
          )}
        </Card>
      </div>

      <Card title="Deactivate or delete">
        <div className="space-y-3 text-sm text-slate-700">
          <p>
            Deactivating keeps their history; clients can no longer book them and their login sees nothing. Deleting removes them for
            good and is only possible for a member without appointments.
          </p>
          {refusal ? <p className="text-amber-900">{refusal}</p> : null}
          <div className="flex flex-wrap gap-2">
            {member.active && usage.upcoming > 0 ? (
              // Future appointments are resolved first, on their own page (works without JavaScript).
              <ButtonLink href={`/dashboard/staff/${member.id}/resolve?then=deactivate`} variant="secondary">
                Deactivate…
              </ButtonLink>
            ) : (
              <form action={setStaffActiveAction}>
                <input type="hidden" name="staffId" value={member.id} />
                <input type="hidden" name="back" value="detail" />
                <input type="hidden" name="active" value={member.active ? "false" : "true"} />
                <SubmitButton variant="secondary">{member.active ? "Deactivate" : "Activate"}</SubmitButton>
              </form>
            )}
            {usage.upcoming > 0 && usage.total === usage.upcoming ? (
              <ButtonLink href={`/dashboard/staff/${member.id}/resolve?then=delete`} variant="secondary">
                Delete…
              </ButtonLink>
            ) : null}
            {refusal ? null : (
              <form action={deleteStaffAction}>
                <input type="hidden" name="staffId" value={member.id} />
                <ConfirmButton confirm={`Delete ${member.name}? This can't be undone.`} pendingLabel="Deleting…">
                  Delete
                </ConfirmButton>
              </form>
            )}
          </div>
        </div>
      </Card>
    </div>
  );
}
