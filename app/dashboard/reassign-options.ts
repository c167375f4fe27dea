import type { Db } from "@/db";
import { isAppError } from "@/lib/infra/errors";
import { reassignOptions } from "@/lib/staff/reassign";

/*
 * Reassigning from the list's cards and the schedule's panel: which appointments offer it, and
 * who could take one (null when it is no longer this provider's to move).
 */

/** PRO, with a member, still booked and not over. */
export function canReassign(pro: boolean, a: { staffId: string | null; status: string; endsAt: Date }, now: Date): boolean {
  return pro && a.staffId !== null && (a.status === "pending" || a.status === "confirmed") && a.endsAt.getTime() > now.getTime();
}

/** The qualified members free then, or null for an appointment not found (gone, or not this provider's). */
export function reassignOptionsOrNull(db: Db, providerId: string, appointmentId: string, now: Date) {
  return reassignOptions(db, providerId, appointmentId, now).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  });
}
