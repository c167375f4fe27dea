import type { Metadata } from "next";
import Link from "next/link";
import { ActiveBadge, ActiveToggle } from "@/components/dashboard/active-controls";
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { StaffPhoto } from "@/components/staff/staff-photo";
import { getDb } from "@/lib/app/runtime";
import { requirePro } from "@/lib/app/guards";
import { resolvedSummary, staffErrorMessage } from "@/lib/staff/flash";
import { listStaff, MAX_ACTIVE_STAFF, type StaffListItem } from "@/lib/staff/members";
import { moveStaffAction, setStaffActiveAction, staffTimeOffSettingAction } from "./actions";
import { pendingRequestCounts } from "@/lib/staff/time-off-requests";

export const metadata: Metadata = { title: "Staff" };

type Search = { timeOffSetting?: string; deleted?: string; activated?: string; deactivated?: string; moved?: string; error?: string; reassignedCount?: string; cancelledCount?: string };

const flashes: [keyof Search, string][] = [
  ["timeOffSetting", "Time-off setting saved."],
  ["deleted", "Staff member deleted."],
  ["activated", "Staff member activated: clients can book them again."],
  ["deactivated", "Staff member deactivated: clients can no longer book them, and their login sees nothing."],
];

export default async function StaffListPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { provider } = await requirePro("staff");
  const db = await getDb();
  const [search, list, requests] = await Promise.all([searchParams, listStaff(db, provider.id), pendingRequestCounts(db, provider.id)]);
  const waiting = list.filter((s) => requests.get(s.id));
  const activeCount = list.filter((s) => s.active).length;
  const found = flashes.find(([key]) => search[key] === "1")?.[1];
  const resolved = resolvedSummary(search);
  const success = found && resolved ? `${found} ${resolved}` : found;
  const error = staffErrorMessage(search.error);
  const full = activeCount >= MAX_ACTIVE_STAFF;

  return (
    <div className="space-y-6">
      <PageHeader
        title="Staff"
        description={`${activeCount} of ${MAX_ACTIVE_STAFF} active members. Clients choose who they see, or “any available”.`}
        actions={full ? null : <ButtonLink href="/dashboard/staff/new">Add staff member</ButtonLink>}
      />
      {success ? <Flash tone="success">{success}</Flash> : null}
      {error ? <Flash tone="error">{error}</Flash> : null}
      {waiting.length ? (
        <Flash tone="info">
          Time off waiting for your answer:{" "}
          {waiting.map((s, i) => (
            <span key={s.id}>
              {i ? ", " : ""}
              <Link href={`/dashboard/staff/${s.id}/availability#time-off`} className="font-medium underline">
                {s.name} ({requests.get(s.id)})
              </Link>
            </span>
          ))}
          .
        </Flash>
      ) : null}
      {full ? <Flash tone="info">You have {MAX_ACTIVE_STAFF} active members, the most PRO allows. Deactivate someone to add another.</Flash> : null}

      {list.length === 0 ? (
        <EmptyState title="No staff yet" action={<ButtonLink href="/dashboard/staff/new">Add your first staff member</ButtonLink>}>
          Add the people clients can book, with the services they provide and their working hours.
        </EmptyState>
      ) : (
        <ol className="space-y-3" aria-label="Your staff">
          {list.map((s, i) => (
            <StaffItem key={s.id} staff={s} first={i === 0} last={i === list.length - 1} />
          ))}
        </ol>
      )}

      <section id="time-off-setting" aria-labelledby="time-off-setting-title" className="scroll-mt-6 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 id="time-off-setting-title" className="font-semibold text-slate-900">
          Staff time off
        </h2>
        <form action={staffTimeOffSettingAction} className="mt-2 space-y-3">
          <label className="flex items-start gap-2 text-sm text-slate-800">
            <input type="checkbox" name="direct" value="1" defaultChecked={provider.staffAddTimeOff} className="mt-0.5 size-4" />
            Members add their own time off from their schedule without asking (otherwise they request it and you approve it here)
          </label>
          <SubmitButton variant="secondary" pendingLabel="Saving…">
            Save setting
          </SubmitButton>
        </form>
      </section>
    </div>
  );
}

function StaffItem({ staff: s, first, last }: { staff: StaffListItem; first: boolean; last: boolean }) {
  const moves = [
    ["up", "↑", first],
    ["down", "↓", last],
  ] as const;
  return (
    <li className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <div className="flex min-w-0 items-center gap-3">
          <StaffPhoto staff={s} />
          <div className="min-w-0 space-y-0.5">
            <h2 className="flex flex-wrap items-center gap-2 font-semibold text-slate-900">
              <Link href={`/dashboard/staff/${s.id}`} className="break-words underline-offset-2 hover:underline">
                {s.name}
              </Link>
              <ActiveBadge active={s.active} />
            </h2>
            <p className="break-words text-sm text-slate-600">
              {s.services.length ? s.services.map((x) => x.name).join(", ") : "No services yet"}
            </p>
            {s.active && !s.hasHours ? (
              <p className="text-sm font-medium text-amber-900">No working hours yet: clients cannot book them yet.</p>
            ) : null}
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {moves.map(([direction, arrow, disabled]) => (
            <form key={direction} action={moveStaffAction}>
              <input type="hidden" name="staffId" value={s.id} />
              <input type="hidden" name="direction" value={direction} />
              <SubmitButton variant="ghost" disabled={disabled} aria-label={`Move ${s.name} ${direction}`}>
                {arrow}
              </SubmitButton>
            </form>
          ))}
          <ButtonLink href={`/dashboard/staff/${s.id}/edit`} variant="secondary" aria-label={`Edit ${s.name}`}>
            Edit
          </ButtonLink>
          <ButtonLink href={`/dashboard/staff/${s.id}/availability`} variant="secondary" aria-label={`Availability of ${s.name}`}>
            Availability
          </ButtonLink>
          <ActiveToggle action={setStaffActiveAction} idField="staffId" id={s.id} name={s.name} active={s.active} />
        </div>
      </div>
    </li>
  );
}
