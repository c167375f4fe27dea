import { bigint, pgTable, text } from "drizzle-orm/pg-core";

/**
 * What the public pages show, versioned: one row per business (`provider:<id>`: its profile,
 * services, hours, closed dates, staff, plan and appointments) and one for the directory
 * (`directory`: every business's card). Triggers (drizzle/0009_page_versions.sql) bump the
 * row in the transaction of every write to those tables, whatever code path or process made
 * it, so a page cached under an older version is never served again (lib/page-cache).
 */
export const pageVersions = pgTable("page_versions", {
  scope: text().primaryKey(),
  version: bigint({ mode: "number" }).notNull().default(0),
});
