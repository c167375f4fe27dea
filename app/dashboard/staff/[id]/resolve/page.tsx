import type { Metadata } from "next";
import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDb } from "@/lib/app/runtime";
import { isAppError } from "@/lib/infra/errors";
import { requirePro } from "@/lib/app/guards";
import { staffErrorMessage } from "@/lib/staff/flash";
import { getStaffUsage, listMemberUpcoming } from "@/lib/staff/members";
import { reassignOptions } from "@/lib/staff/reassign";
import { deleteStaffAction, resolveAndRemoveStaffAction, setStaffActiveAction } from "../../actions";
import { MemberAppointments } from "../../_components/member-appointments";
import { memberOrNotFound } from "../member";
import { BackToMember } from "../../_components/back-to-member";

export const metadata: Metadata = { title: "Resolve future appointments" };

type Search = { then?: string; confirm?: string; reassigned?: string; cancelled?: string; error?: string };

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;

/**
 * Before a member with future appointments is deactivated or deleted: each appointment is
 * reassigned to a free qualified member or cancelled (the client is told either way), one by
 * one or all at once after a confirmation step; then the deactivation or deletion proceeds.
 * Everything is a link or a form post, so it works without JavaScript.
 */
export default async function ResolveMemberPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const { provider } = await requirePro("staff");
  const [{ id }, search] = await Promise.all([params, searchParams]);
  const db = await getDb();
  const member = await memberOrNotFound(db, provider.id, id);
  const then = search.then === "delete" ? "delete" : "deactivate";
  const now = new Date();
  const [upcoming, usage] = await Promise.all([listMemberUpcoming(db, provider.id, member.id, now), getStaffUsage(db, provider.id, member.id, now)]);
  // An appointment cancelled or ended since the list was read has nobody to offer.
  const options = await Promise.all(
    upcoming.map((a) =>
      reassignOptions(db, provider.id, a.id, now).catch((e) => {
        if (isAppError(e) && e.code === "NOT_FOUND") return [];
        throw e;
      }),
    ),
  );
  const movable = options.filter((o) => o.length > 0).length;
  const stranded = upcoming.length - movable;
  const path = `/dashboard/staff/${member.id}/resolve?then=${then}`;
  const verb = then === "delete" ? "delete" : "deactivate";
  const error = staffErrorMessage(search.error);
  const success =
    search.reassigned === "1"
      ? "Appointment reassigned. The client has been told by email."
      : search.cancelled === "1"
        ? "Appointment cancelled. The client has been told by email."
        : null;

  return (
    <div className="space-y-6">
      <BackToMember member={member} />
      <PageHeader
        title={`Before you ${verb} ${member.name}`}
        description={
          upcoming.length
            ? `${member.name} has ${plural(upcoming.length, "future appointment")}. Reassign each to a colleague who is free then, or cancel it; the client is told by email either way.`
            : `${member.name} has no future appointments left.`
        }
      />
      {success ? <Flash tone="success">{success}</Flash> : null}
      {error ? <Flash tone="error">{error}</Flash> : null}

      {upcoming.length ? (
        <>
          <Card title="Resolve all at once">
            {search.confirm === "1" ? (
              <div className="space-y-3 text-sm text-slate-700">
                <Flash tone="warning">
                  This reassigns {plural(movable, "appointment")} to free colleagues (fewest appointments that day first), cancels{" "}
                  {plural(stranded, "appointment")} that nobody else can take, tells each client by email, and then{" "}
                  {then === "delete" ? "deletes" : "deactivates"} {member.name}.
                </Flash>
                <div className="flex flex-wrap items-center gap-3">
                  <form action={resolveAndRemoveStaffAction}>
                    <input type="hidden" name="staffId" value={member.id} />
                    <input type="hidden" name="then" value={then} />
                    <SubmitButton variant="danger" pendingLabel="Working…">
                      Yes, reassign {movable}, cancel {stranded} and {verb}
                    </SubmitButton>
                  </form>
                  <Link href={path} className="text-sm font-medium text-indigo-700 hover:underline">
                    Not now
                  </Link>
                </div>
              </div>
            ) : (
              <div className="space-y-3 text-sm text-slate-700">
                <p>
                  {movable === upcoming.length
                    ? "Every appointment can go to a colleague who is free then."
                    : `${plural(movable, "appointment")} can go to a free colleague; ${stranded === 1 ? "1 has" : `${stranded} have`} nobody free and would be cancelled with a notice.`}
                </p>
                <ButtonLink href={`${path}&confirm=1`} variant="secondary">
                  Reassign all, cancel the rest…
                </ButtonLink>
              </div>
            )}
          </Card>
          <Card title="One by one">
            <MemberAppointments
              memberId={member.id}
              memberName={member.name}
              timezone={provider.timezone}
              appointments={upcoming}
              options={options}
              back={{ to: "resolve", then }}
            />
          </Card>
        </>
      ) : (
        <Card title={then === "delete" ? "Delete" : "Deactivate"}>
          <div className="space-y-3 text-sm text-slate-700">
            {then === "delete" && usage.total > 0 ? (
              <p>They have appointments on record, so they can only be deactivated, never deleted.</p>
            ) : null}
            {then === "delete" && usage.total === 0 ? (
              <form action={deleteStaffAction}>
                <input type="hidden" name="staffId" value={member.id} />
                <SubmitButton variant="danger">Delete {member.name}</SubmitButton>
              </form>
            ) : member.active ? (
              <form action={setStaffActiveAction}>
                <input type="hidden" name="staffId" value={member.id} />
                <input type="hidden" name="back" value="detail" />
                <input type="hidden" name="active" value="false" />
                <SubmitButton variant="secondary">Deactivate {member.name}</SubmitButton>
              </form>
            ) : (
              <p>{member.name} is already inactive.</p>
            )}
          </div>
        </Card>
      )}
    </div>
  );
}
