/** Shown while a booking step loads its free times (kept small: it travels in every booking page's RSC payload). */
export default function BookingLoading() {
  return (
    <div className="space-y-6" role="status" aria-live="polite" data-loading-fallback>
      <span className="sr-only">Loading available times…</span>
      <div className="h-4 w-2/3 animate-pulse rounded bg-slate-200" />
      <div className="h-12 animate-pulse rounded-lg bg-slate-100" />
      <div className="h-44 animate-pulse rounded-md bg-slate-100" />
    </div>
  );
}
