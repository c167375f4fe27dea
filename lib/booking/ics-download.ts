import type { DbOrTx } from "@/db";
import { icsSequence } from "./ics";
import { getAppointmentByToken, mailParties } from "./appointment-view";
import { appointmentIcsFor, manageUrl } from "./mails";

/** The guest's appointment as an .ics (TENTATIVE while pending, CANCELLED once cancelled), or null for an unknown token. */
export async function bookingIcsOrNull(db: DbOrTx, token: string): Promise<string | null> {
  const view = await getAppointmentByToken(db, token);
  if (!view) return null;
  return appointmentIcsFor(mailParties(view, view.start, view.end), {
    sequence: icsSequence(view.updatedAt),
    manageLink: manageUrl(token),
    cancelled: view.status === "cancelled",
    tentative: view.status === "pending",
  });
}
