import { sql } from "drizzle-orm";
import { check, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { providers } from "./core";
import { id, ownedBy, stampedNow } from "./columns";

/*
 * What a business keeps about its clients beyond their appointments.
 */

/**
 * The provider's private note on one client (by email, compared in lower case, as the client's
 * record on the details panel counts visits): shown to the provider only, never to the client
 * or to staff.
 */
export const clientNotes = pgTable(
  "client_notes",
  {
    id: id(),
    providerId: ownedBy(() => providers.id),
    /** lower(trim(email)) of the client: one note per client and business. */
    clientEmailKey: text().notNull(),
    note: text().notNull(),
    updatedAt: stampedNow(),
  },
  (t) => [
    uniqueIndex("client_notes_provider_email_key").on(t.providerId, t.clientEmailKey),
    check("client_notes_note_length_check", sql`char_length(${t.note}) between 1 and 2000`),
  ],
);

export type ClientNote = typeof clientNotes.$inferSelect;
