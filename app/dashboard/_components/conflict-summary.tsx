import Link from "next/link";
import { Flash } from "@/components/ui/flash";
import { zonedDate } from "@/lib/availability";
import { formatWhen } from "@/lib/availability/format";
import type { Conflict } from "@/lib/booking/schedule";

const SHOWN = 5;

/**
 * After hours, closed dates or time off change: the booked appointments now outside working
 * time (client, time, member), each a link to its details on the schedule, where it is resolved.
 */
export function ConflictSummary({ conflicts, timezone }: { conflicts: Conflict[]; timezone: string }) {
  if (conflicts.length === 0) return null;
  return (
    <Flash tone="warning">
      <p>
        {conflicts.length === 1 ? "1 booked appointment falls" : `${conflicts.length} booked appointments fall`} outside working time. Open{" "}
        {conflicts.length === 1 ? "it" : "each"} to reassign, ask the client to reschedule, cancel or keep it:
      </p>
      <ul className="mt-1 list-disc pl-5">
        {conflicts.slice(0, SHOWN).map((c) => (
          <li key={c.id}>
            <Link
              href={`/dashboard/schedule?date=${zonedDate(c.startsAt, timezone)}&open=${c.id}#appointment-details`}
              className="font-medium underline underline-offset-2"
            >
              {c.clientName}, {formatWhen(c.startsAt, c.endsAt, timezone)}
              {c.staffName ? ` with ${c.staffName}` : ""}
            </Link>
          </li>
        ))}
      </ul>
      {conflicts.length > SHOWN ? (
        <p className="mt-1">
          And {conflicts.length - SHOWN} more, marked “Conflict” in the{" "}
          <Link href="/dashboard" className="font-medium underline underline-offset-2">
            appointment list
          </Link>
          .
        </p>
      ) : null}
    </Flash>
  );
}
