import type { Metadata } from "next";
import Link from "next/link";
import { formatLongDate, formatWhen } from "@/lib/format";
import { StaffPhoto } from "@/components/staff/staff-photo";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDb } from "@/lib/runtime";
import { zonedDate } from "@/lib/availability";
import { requirePro } from "@/lib/plans/guard";
import { staffErrorMessage } from "@/lib/staff/flash";
import { getInviteStatus } from "@/lib/staff/invites";
import { getStaffUsage, listMemberUpcoming, staffDeletionRefusal } from "@/lib/staff/members";
import {
  cancelMemberAppointmentAction,
  deleteStaffAction,
  reassignAppointmentAction,
  revokeInviteAction,
  sendInviteAction,
  setStaffActiveAction,
} from "../actions";
import { reassignOptions } from "@/lib/staff/reassign";
import { memberOrNotFound } from "./member";

export const metadata: Metadata = { title: "Staff member" };

type Search = { reassigned?: string; cancelled?: string; created?: string; saved?: string; invited?: string; revoked?: string; activated?: string; deactivated?: string; error?: string };

const flashes: [keyof Search, string][] = [
  ["reassigned", "Appointment reassigned. The client has been told by email."],
  ["cancelled", "Appointment cancelled. The client has been told by email."],
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
  const [invite, upcoming, usage] = await Promise.all([
    getInviteStatus(db, provider.id, member.id, now),
    listMemberUpcoming(db, provider.id, member.id, now),
    getStaffUsage(db, provider.id, member.id, now),
  ]);
  const refusal = staffDeletionRefusal(usage);
  const options = await Promise.all(upcoming.map((a) => reassignOptions(db, provider.id, a.id, now)));
  const success = flashes.find(([key]) => search[key] === "1")?.[1];
  const error = search.error === "IN_USE" ? refusal : staffErrorMessage(search.error);

  return (
    <div className="space-y-6">
      <p>
        <Link href="/dashboard/staff" className="text-sm text-indigo-700 underline-offset-2 hover:underline">
          ← All staff
        </Link>
      </p>
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
            <ul className="divide-y divide-slate-100" aria-label={`Upcoming appointments of ${member.name}`}>
              {upcoming.map((a, i) => (
                <li key={a.id} className="space-y-2 py-3 text-sm">
                  <div>
                    <p className="font-medium text-slate-900">{formatWhen(a.startsAt, a.endsAt, provider.timezone)}</p>
                    <p className="text-slate-600">
                      {a.serviceName} · {a.clientName}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-end gap-2">
                    {options[i]!.length ? (
                      <form action={reassignAppointmentAction} className="flex flex-wrap items-end gap-2">
                        <input type="hidden" name="staffId" value={member.id} />
                        <input type="hidden" name="appointmentId" value={a.id} />
                        <label className="text-xs text-slate-600">
                          <span className="block">Reassign to</span>
                          <select name="toStaffId" className="mt-1 rounded-md border-0 py-2 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300" aria-label={`Reassign ${a.clientName}'s appointment to`}>
                            {options[i]!.map((o) => (
                              <option key={o.id} value={o.id}>
                                {o.name}
                              </option>
                            ))}
                          </select>
                        </label>
                        <SubmitButton variant="secondary" pendingLabel="Reassigning…">
                          Reassign
                        </SubmitButton>
                      </form>
                    ) : (
                      <p className="text-slate-500">Nobody else who provides this service is free then.</p>
                    )}
                    <form action={cancelMemberAppointmentAction}>
                      <input type="hidden" name="staffId" value={member.id} />
                      <input type="hidden" name="appointmentId" value={a.id} />
                      <ConfirmButton confirm={`Cancel ${a.clientName}'s appointment? They will be told by email.`} pendingLabel="Cancelling…">
                        Cancel appointment
                      </ConfirmButton>
                    </form>
                  </div>
                </li>
              ))}
            </ul>
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
            <form action={setStaffActiveAction}>
              <input type="hidden" name="staffId" value={member.id} />
              <input type="hidden" name="back" value="detail" />
              <input type="hidden" name="active" value={member.active ? "false" : "true"} />
              <SubmitButton variant="secondary">{member.active ? "Deactivate" : "Activate"}</SubmitButton>
            </form>
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
