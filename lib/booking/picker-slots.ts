import "server-only";
import { getDb } from "@/lib/runtime";
import { isAppError } from "@/lib/errors";
import type { PickerWindow } from "./picker";
import { listSlots } from "./slots";

/**
 * The free slots of a picker's window, or null when the service can no longer be booked
 * online (gone, deactivated, or the provider is unknown).
 */
export async function loadPickerSlots(
  scope: { providerId: string; serviceId: string; staffId?: string | null },
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
