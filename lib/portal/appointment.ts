import "server-only";
import type { DbOrTx } from "@/db";
import { appointmentDownload } from "@/lib/booking/ics";
import { portalUrl } from "@/lib/booking/links";
import { getAppointmentForActor, type AppointmentView } from "@/lib/booking/read";

/*
 * One appointment as its owner sees it in the portal. Anyone else — another client, a
 * provider, a staff login — gets null, exactly as for an id that does not exist.
 */

export type PortalViewer = { id: string; role: string } | null;

export async function getOwnAppointment(
  db: DbOrTx,
  viewer: PortalViewer,
  appointmentId: string,
  now: Date = new Date(),
): Promise<AppointmentView | null> {
  if (!viewer || viewer.role !== "client") return null;
  return getAppointmentForActor(db, appointmentId, { kind: "client", userId: viewer.id }, now);
}

/** The owner's appointment as an .ics (TENTATIVE while pending, CANCELLED once cancelled), or null. */
export async function ownAppointmentIcsOrNull(db: DbOrTx, viewer: PortalViewer, appointmentId: string): Promise<string | null> {
  const view = await getOwnAppointment(db, viewer, appointmentId);
  if (!view) return null;
  return appointmentDownload(view, portalUrl(view.id));
}
