import Link from "next/link";
import { formatWhen } from "@/lib/availability/format";
import { StatusBadge } from "@/components/booking/status-badge";
import type { ClientAppointment } from "@/lib/booking/read";

const actionClass =
  "inline-flex min-h-10 items-center rounded-md px-3 text-sm font-medium text-indigo-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50";

/** One row per appointment: what, where, when on the business's clock, with whom, status, and its actions. */
export function AppointmentList({ items, kind }: { items: ClientAppointment[]; kind: "upcoming" | "past" }) {
  return (
    <ul className="divide-y divide-slate-100" id={kind === "past" ? "past" : undefined} aria-label={kind === "past" ? "Past appointments" : "Upcoming appointments"}>
      {items.map((a) => (
        <li key={a.id} className="flex flex-col gap-2 py-3 sm:flex-row sm:items-center sm:justify-between">
          <div className="min-w-0">
            <p className="break-words font-medium text-slate-900">
              {a.serviceName} ·{" "}
              <Link href={`/p/${a.providerSlug}`} className="text-indigo-700 hover:underline">
                {a.providerName}
              </Link>
            </p>
            <p className="text-sm text-slate-600">
              {formatWhen(a.startsAt, a.endsAt, a.timezone)} <span className="text-xs text-slate-500">({a.timezone})</span>
            </p>
            {a.staffName ? <p className="text-sm text-slate-600">With {a.staffName}</p> : null}
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <StatusBadge status={a.status} holdUntil={a.holdUntil} />
            <Link
              href={`/account/appointments/${a.id}`}
              className={actionClass}
              aria-label={`Details: ${a.serviceName} at ${a.providerName}`}
            >
              {kind === "upcoming" ? "Manage" : "Details"}
            </Link>
            {kind === "past" && a.serviceActive ? (
              <Link
                href={`/account/appointments/${a.id}/rebook`}
                className={actionClass}
                aria-label={`Book again: ${a.serviceName} at ${a.providerName}`}
              >
                Book again
              </Link>
            ) : null}
          </div>
        </li>
      ))}
    </ul>
  );
}
