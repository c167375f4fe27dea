import { sql } from "drizzle-orm";
import { check, integer, smallint, text, time, timestamp, uuid, type AnyPgColumn } from "drizzle-orm/pg-core";

/*
 * Column shapes shared by the table files. Every helper builds a new column each call (a
 * builder belongs to one table), and references stay lazy (a callback), as Drizzle asks.
 */

/** Every instant is a timestamp with time zone. */
export const tstz = () => timestamp({ withTimezone: true });

export const id = () => uuid().primaryKey().defaultRandom();

/** When the row was written (createdAt) or last changed (updatedAt): the database's clock. */
export const stampedNow = () => tstz().notNull().defaultNow();

/** A required link to the row that owns this one: deleting the owner deletes it. */
export const ownedBy = (parent: () => AnyPgColumn) => uuid().notNull().references(parent, { onDelete: "cascade" });

/** A one-to-one extension of another row, keyed by that row's id and deleted with it. */
export const extensionOf = (parent: () => AnyPgColumn) =>
  uuid().primaryKey().references(parent, { onDelete: "cascade" });

/** A mailed single-use token: only its sha256 is stored, with when it lapses and when it was used. */
export const tokenColumns = () => ({ tokenHash: text().notNull(), ...expiringColumns() });

/** A mailed link that acts for one account (verify the email, reset the password). */
export const accountTokenColumns = (user: () => AnyPgColumn) => ({
  id: id(),
  userId: ownedBy(user),
  ...tokenColumns(),
  createdAt: stampedNow(),
});

export const expiringColumns = () => ({ expiresAt: tstz().notNull(), usedAt: tstz() });

/** A weekly wall-clock interval in the provider's zone; weekday is ISO (1 = Monday). */
export const weeklyIntervalColumns = () => ({
  weekday: smallint().notNull(),
  startTime: time().notNull(),
  endTime: time().notNull(),
});

export const weeklyIntervalChecks = (
  table: string,
  t: { weekday: AnyPgColumn; startTime: AnyPgColumn; endTime: AnyPgColumn },
) => [
  check(`${table}_weekday_check`, sql`${t.weekday} between 1 and 7`),
  check(`${table}_order_check`, sql`${t.startTime} < ${t.endTime}`),
];

/** An outbox row's delivery record (after its status), kept by the job that sends it. */
export const deliveryColumns = () => ({
  attempts: integer().notNull().default(0),
  lastError: text(),
  createdAt: stampedNow(),
  sentAt: tstz(),
});
