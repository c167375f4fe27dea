import { and, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { appointments, clientNotes } from "@/db/schema";
import { AppError } from "@/lib/infra/errors";
import { isSafeMultiLine } from "@/lib/infra/text";
import { isUuid } from "@/lib/infra/validation";

/*
 * The provider's private notes on a client, one per client (by email) and business. Only the
 * provider reads or writes them: every query names the provider, and a note is written only
 * through one of the provider's own appointments with that client.
 */

export const CLIENT_NOTE_MAX = 2000;

const emailKey = (email: string) => email.trim().toLowerCase();

/** The provider's note on the client with this email, or "" when there is none. */
export async function getClientNote(db: DbOrTx, providerId: string, clientEmail: string): Promise<{ note: string; updatedAt: Date | null }> {
  const [row] = await db
    .select({ note: clientNotes.note, updatedAt: clientNotes.updatedAt })
    .from(clientNotes)
    .where(and(eq(clientNotes.providerId, providerId), eq(clientNotes.clientEmailKey, emailKey(clientEmail))));
  return row ?? { note: "", updatedAt: null };
}

/**
 * Saves (or, empty, deletes) the note on the client of `appointmentId`, one of this provider's
 * appointments; anyone else's is NOT_FOUND and nothing is written. Too long or unsafe text is
 * a VALIDATION error beside the note.
 */
export async function saveClientNote(db: DbOrTx, args: { providerId: string; appointmentId: string; note: string }): Promise<"saved" | "cleared"> {
  const note = args.note.replace(/\r\n/g, "\n").trim();
  const invalid = (message: string) => new AppError("VALIDATION", message, { fieldErrors: { note: [message] } });
  if (note.length > CLIENT_NOTE_MAX) throw invalid(`Keep the note under ${CLIENT_NOTE_MAX} characters.`);
  if (!isSafeMultiLine(note)) throw invalid("The note contains characters that are not allowed.");
  if (!isUuid(args.appointmentId)) throw new AppError("NOT_FOUND");
  const [a] = await db
    .select({ email: appointments.clientEmail })
    .from(appointments)
    .where(and(eq(appointments.id, args.appointmentId), eq(appointments.providerId, args.providerId)));
  if (!a) throw new AppError("NOT_FOUND");
  const key = emailKey(a.email);
  if (!note) {
    await db.delete(clientNotes).where(and(eq(clientNotes.providerId, args.providerId), eq(clientNotes.clientEmailKey, key)));
    return "cleared";
  }
  await db
    .insert(clientNotes)
    .values({ providerId: args.providerId, clientEmailKey: key, note })
    .onConflictDoUpdate({ target: [clientNotes.providerId, clientNotes.clientEmailKey], set: { note, updatedAt: sql`now()` } });
  return "saved";
}
