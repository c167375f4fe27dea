import "server-only";
import type { Db } from "@/db";
import { isAppError } from "@/lib/infra/errors";
import type { PickerWindow } from "./picker";
import { listBookableStaff, type BookableMember } from "./staff-load";
import { loadAvailability } from "./availability";
import { listSlots, slotsOf, usesStaffCalendars } from "./slots";

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
  db: Db,
  scope: PickerScope,
  w: PickerWindow,
  now: Date,
): Promise<{ start: Date }[] | null> {
  try {
    const listing = await listSlots(db, { ...scope, staffId: scope.staffId ?? undefined, from: w.window.from, to: w.window.to }, now);
    return listing.slots;
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  }
}

export type BookingPicker = {
  /** PRO with members who provide the service: the client picks one, or "any available". */
  staffMode: boolean;
  team: BookableMember[];
  /** The window's free slots: a member's, or (no id) the provider's own or any member's. */
  slotsFor(staffId?: string): Promise<{ start: Date }[]>;
};

/**
 * The booking page's staff step and free times from one availability load: a FREE provider's
 * page costs that one query (the staff step reads the plan and the qualified members from it),
 * a PRO one adds its team and the staff calendars. Null when the service can no longer be
 * booked online.
 */
export async function loadBookingPicker(db: Db, providerId: string, serviceId: string, w: PickerWindow, now: Date): Promise<BookingPicker | null> {
  const range = { from: w.window.from, to: w.window.to };
  const loaded = await loadAvailability(db, { provider: { id: providerId }, serviceId, resource: { kind: "provider" }, ...range });
  if (!loaded.ok) return null;
  const staffMode = usesStaffCalendars(loaded, now);
  return {
    staffMode,
    team: staffMode ? await listBookableStaff(db, providerId, serviceId) : [],
    slotsFor: async (staffId) => (await slotsOf(db, loaded, { serviceId, staffId, ...range }, now)).slots,
  };
}
