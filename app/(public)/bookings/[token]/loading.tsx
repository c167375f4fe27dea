export default function ManageBookingLoading() {
  return (
    <div className="space-y-6" role="status" aria-live="polite" data-loading-fallback>
      <span className="sr-only">Loading your appointment…</span>
      <div className="h-8 w-1/2 animate-pulse rounded bg-slate-200" />
      <div className="h-48 animate-pulse rounded-lg bg-slate-100" />
      <div className="h-32 animate-pulse rounded-lg bg-slate-100" />
    </div>
  );
}
