import { LoadingSkeleton } from "@/components/ui/loading-skeleton";

/** Shown while a booking step loads its free times. */
export default function BookingLoading() {
  return <LoadingSkeleton label="Loading available times…" bars={["h-4 w-2/3 rounded bg-slate-200", "h-12 rounded-lg bg-slate-100", "h-44 rounded-md bg-slate-100"]} />;
}
