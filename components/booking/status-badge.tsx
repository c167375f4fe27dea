import type { AppointmentStatus } from "@/db/schema";

const styles: Record<AppointmentStatus, { label: string; className: string }> = {
  pending: { label: "Pending confirmation", className: "bg-amber-50 text-amber-800 ring-amber-200" },
  confirmed: { label: "Confirmed", className: "bg-green-50 text-green-800 ring-green-200" },
  completed: { label: "Completed", className: "bg-slate-100 text-slate-700 ring-slate-200" },
  cancelled: { label: "Cancelled", className: "bg-red-50 text-red-800 ring-red-200" },
  no_show: { label: "No-show", className: "bg-slate-100 text-slate-700 ring-slate-200" },
};

/** A hold awaiting the guest's email confirmation (lib/booking/hold.ts): stored as pending. */
const held = { label: "Awaiting email confirmation", className: "bg-sky-50 text-sky-800 ring-sky-200" };

export function StatusBadge({ status, holdUntil }: { status: AppointmentStatus; holdUntil?: Date | null }) {
  const s = holdUntil && status === "pending" ? held : styles[status];
  return (
    <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ring-1 ring-inset ${s.className}`}>
      {s.label}
    </span>
  );
}
