import { LoadingSkeleton } from "@/components/ui/loading-skeleton";

/** Shown while the guest's appointment page loads. */
export default function ManageBookingLoading() {
  return <LoadingSkeleton label="Loading your appointment…" bars={["h-8 w-1/2 rounded bg-slate-200", "h-48 rounded-lg bg-slate-100", "h-32 rounded-lg bg-slate-100"]} />;
}
