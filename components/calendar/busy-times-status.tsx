import type { CalendarOverview } from "@/lib/calendar/integrations";
import { RECONNECT_FOR_CONFLICTS } from "@/lib/calendar/messages";

/**
 * Whether a connection's busy times are read, for its owner's calendar page (the business's or a
 * member's own): not at all (an older connection that only writes, with a link to reconnect), a
 * problem, when they were last read, or that the first read is under way.
 */
export function BusyTimesStatus({
  overview,
  reconnectHref,
  when,
}: {
  overview: Pick<CalendarOverview, "checksConflicts" | "busyError" | "busySyncedAt">;
  /** The owner's connect route: a reconnect asks for the free/busy scope too. */
  reconnectHref: string;
  /** A time as the page writes them (the business's time zone). */
  when: (d: Date) => string;
}) {
  if (!overview.checksConflicts) {
    return (
      <span className="text-amber-900">
        Not checked: this connection only writes appointments.{" "}
        <a href={reconnectHref} className="font-medium underline">
          {RECONNECT_FOR_CONFLICTS}
        </a>
      </span>
    );
  }
  if (overview.busyError) return <span className="text-amber-900">{overview.busyError}</span>;
  if (overview.busySyncedAt) return <>Checked for conflicts, last read {when(overview.busySyncedAt)}</>;
  return <>Checked for conflicts (reading your calendar now)</>;
}
