"use client";

/**
 * A page's loading fallback: a spoken label and grey bars shaped like what is coming. A client
 * component, so the loading.tsx files that render it add only their props to every RSC
 * payload of their segment, not the markup.
 */
export function LoadingSkeleton({ label, bars }: { label: string; bars: string[] }) {
  return (
    <div className="space-y-6" role="status" aria-live="polite" data-loading-fallback>
      <span className="sr-only">{label}</span>
      {bars.map((bar, i) => (
        <div key={i} className={`animate-pulse ${bar}`} />
      ))}
    </div>
  );
}
