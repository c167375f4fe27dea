import type { DbOrTx } from "@/db";
import { appointmentDownload } from "./ics";
import { getAppointmentByToken } from "./read";
import { manageUrl } from "./links";

/** The guest's appointment as an .ics (TENTATIVE while pending, CANCELLED once cancelled), or null for an unknown token. */
export async function bookingIcsOrNull(db: DbOrTx, token: string): Promise<string | null> {
  const view = await getAppointmentByToken(db, token);
  if (!view) return null;
  return appointmentDownload(view, manageUrl(token));
}
