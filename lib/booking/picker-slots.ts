import "server-only";
import { getDb } from "@/lib/runtime";
import { isAppError } from "@/lib/errors";
import type { PickerWindow } from "./picker";
import { listSlots } from "./slots";

export type PickerScope = { providerId: string; serviceId: string; staffId?: string | null; excludeAppointmentId?: string | null };

/**
 * Whose free times a reschedule offers: the same member, or — for a booking made with "any
 * available" — every qualified member's (staffId null), the appointment's own time left free.
 */
export function rescheduleScope(a: {
  id: string;
  provider: { id: string };
  service: { id: string };
  staffId: string | null;
  staffAssignedBy: string | null;
}): PickerScope {
  return {
    providerId: a.provider.id,
    serviceId: a.service.id,
    staffId: a.staffAssignedBy === "any" ? null : a.staffId,
    excludeAppointmentId: a.id,
  };
}

/**
 * The free slots of a picker's window, or null when the service can no longer be booked
 * online (gone, deactivated, or the provider is unknown).
 */
export async function loadPickerSlots(
  scope: PickerScope,
  w: PickerWindow,
  now: Date,
): Promise<{ start: Date }[] | null> {
  try {
    const listing = await listSlots(await getDb(), { ...scope, staffId: scope.staffId ?? undefined, from: w.window.from, to: w.window.to }, now);
    return listing.slots;
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  }
}
