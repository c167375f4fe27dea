import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackLink } from "@/components/ui/back-link";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/lib/app/runtime";
import { requireProvider } from "@/lib/app/guards";
import { formatWhen } from "@/lib/availability/format";
import { parsePickerChoice, type SearchParams } from "@/lib/booking/picker";
import { getAppointmentForActor } from "@/lib/booking/read";
import { listBookableStaff } from "@/lib/booking/staff-load";
import { isUuid } from "@/lib/infra/validation";
import { isPro } from "@/lib/plans/plans";
import { PickSection } from "@/app/_manage/pick-section";
import { rescheduleByProviderAction } from "./actions";
import { safeBack } from "./back";

export const metadata: Metadata = { title: "Reschedule appointment" };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : "");

/**
 * The provider moves an appointment: from the schedule's panel or the list. The free times are
 * the booking engine's (the member's own, or every qualified member's for an "any available"
 * booking); a PRO provider may pick another member first (a GET form, so the choice is in the
 * URL like the picker's). The client is told through the write path's notices.
 */
export default async function RescheduleByProviderPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<SearchParams> }) {
  const { provider } = await requireProvider();
  const [{ id }, sp] = await Promise.all([params, searchParams]);
  if (!isUuid(id)) notFound();
  const db = await getDb();
  const a = await getAppointmentForActor(db, id, { kind: "provider", providerId: provider.id });
  if (!a) notFound();
  const back = safeBack(one(sp.back));
  const path = `/dashboard/appointments/${a.id}/reschedule`;
  const holding = a.status === "pending" || a.status === "confirmed";

  // PRO with the appointment on a member: the provider may move it to another qualified member.
  const members = holding && a.staffId && isPro(provider, new Date()) ? await listBookableStaff(db, provider.id, a.service.id) : [];
  const chosen = members.find((m) => m.id === one(sp.staff) && m.id !== a.staffId);
  const staffParam = chosen?.id ?? "";
  const carried: Record<string, string> = { back, ...(staffParam ? { staff: staffParam } : {}) };
  // The picker's scope follows the chosen member (their own free times), else the booking's own.
  const scoped = chosen ? { ...a, staffId: chosen.id, staffAssignedBy: "provider" as const } : a;

  return (
    <div className="space-y-6">
      <BackLink href={back}>Back</BackLink>
      <PageHeader
        title="Reschedule appointment"
        description={`${a.service.name} for ${a.clientName}, now ${formatWhen(a.start, a.end, a.provider.timezone)}${a.staffName ? ` with ${a.staffName}` : ""}. The client is told of the new time.`}
      />
      {!holding ? (
        <Flash tone="warning">{a.status === "cancelled" ? "This appointment has been cancelled." : "This appointment has already taken place."}</Flash>
      ) : (
        <>
          {members.length > 1 ? (
            <Card title="Staff member">
              <form method="get" action={path} className="flex flex-wrap items-end gap-2">
                <input type="hidden" name="back" value={back} />
                <label className="text-sm text-slate-700">
                  <span className="block">Move to</span>
                  <select name="staff" defaultValue={staffParam} className="mt-1 max-w-full rounded-md border-0 py-2 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300">
                    <option value="">{a.staffAssignedBy === "any" ? "Whoever is free (as booked)" : `${a.staffName ?? "The same member"} (as now)`}</option>
                    {members
                      .filter((m) => m.id !== a.staffId)
                      .map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.name}
                        </option>
                      ))}
                  </select>
                </label>
                <button type="submit" className={buttonClass("secondary")}>
                  Show their times
                </button>
              </form>
            </Card>
          ) : null}
          <PickSection
            path={path}
            params={carried}
            appointment={scoped}
            choice={parsePickerChoice(sp)}
            title={chosen ? `New time with ${chosen.name}` : "New time"}
            confirmHeading="Confirm the new time"
            confirmLabel="Move appointment"
            pendingLabel="Moving…"
            showOld
            cancelHref={back}
            cancelLabel="Keep the current time"
            confirmId="confirm-new-time"
            unavailableVerb="rescheduled"
            action={rescheduleByProviderAction.bind(null, a.id, staffParam, back)}
          />
        </>
      )}
    </div>
  );
}
