import type { ReactNode } from "react";
import type { AppointmentView } from "@/lib/booking/read";
import { formatDuration, formatWhen } from "@/lib/availability/format";

/** What was booked, when (on the provider's clock, zone named), where and for whom. */
export function AppointmentSummary({ appointment: a }: { appointment: AppointmentView }) {
  const tz = a.provider.timezone;
  return (
    <dl className="grid gap-x-6 gap-y-4 text-sm sm:grid-cols-2">
      <Item label="Service">
        {a.service.name} <span className="text-slate-600">· {formatDuration(a.service.durationMinutes)}</span>
      </Item>
      <Item label="When">
        {formatWhen(a.start, a.end, tz)}
        <span className="block text-xs text-slate-500">Times are in {tz}</span>
      </Item>
      {a.staffName ? <Item label="With">{a.staffName}</Item> : null}
      <Item label="Where">
        <span className="font-medium">{a.provider.businessName}</span>
        {a.provider.address ? <span className="block whitespace-pre-line">{a.provider.address}</span> : null}
        {a.provider.phone ? (
          <a href={`tel:${a.provider.phone.replace(/[^0-9+]/g, "")}`} className="block text-indigo-700 hover:underline">
            {a.provider.phone}
          </a>
        ) : null}
      </Item>
      <Item label="Booked for">
        {a.clientName}
        <span className="block break-all text-slate-600">{a.clientEmail}</span>
        {a.clientPhone ? <span className="block text-slate-600">{a.clientPhone}</span> : null}
      </Item>
      {a.notes ? (
        <Item label="Notes" wide>
          <span className="whitespace-pre-line">{a.notes}</span>
        </Item>
      ) : null}
      {a.status === "cancelled" ? (
        <Item label="Cancelled" wide>
          {a.cancelledBy === "provider" ? `By ${a.provider.businessName}` : "By you"}
          {a.cancellationReason ? <span className="block whitespace-pre-line">Reason: {a.cancellationReason}</span> : null}
        </Item>
      ) : null}
    </dl>
  );
}

function Item({ label, wide, children }: { label: string; wide?: boolean; children: ReactNode }) {
  return (
    <div className={wide ? "sm:col-span-2" : undefined}>
      <dt className="font-medium text-slate-600">{label}</dt>
      <dd className="mt-0.5 text-slate-900">{children}</dd>
    </div>
  );
}
