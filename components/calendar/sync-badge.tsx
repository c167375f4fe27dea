import type { CalendarSyncStatus } from "@/db/schema";

const labels: Record<CalendarSyncStatus, { text: string; className: string }> = {
  synced: { text: "In Google Calendar", className: "bg-green-50 text-green-800 ring-green-200" },
  pending: { text: "Google Calendar: syncing", className: "bg-slate-50 text-slate-700 ring-slate-200" },
  failed: { text: "Google Calendar: failed", className: "bg-red-50 text-red-800 ring-red-200" },
};

/** An appointment's Google Calendar sync state, shown in the dashboard while sync is on. */
export function SyncBadge({ status }: { status: CalendarSyncStatus }) {
  const l = labels[status];
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${l.className}`} data-sync-status={status}>
      {l.text}
    </span>
  );
}
