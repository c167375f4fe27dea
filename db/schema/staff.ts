import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  time,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { providers, services, staffMembers } from "../schema";

/*
 * PRO multi-staff: what a member provides, when they work, their photo and their login invite.
 * (staff_members itself lives in db/schema.ts: appointments refer to it.)
 * References to tables in ../schema stay inside callbacks: the two modules import each other.
 */

const tstz = () => timestamp({ withTimezone: true });

/** Raw bytes; postgres.js and PGlite both hand bytea back as a Uint8Array/Buffer. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** The services a member provides (only their own provider's: checked by lib/staff on write). */
export const staffServices = pgTable(
  "staff_services",
  {
    staffId: uuid()
      .notNull()
      .references(() => staffMembers.id, { onDelete: "cascade" }),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.serviceId] }), index().on(t.serviceId)],
);

/** A member's weekly working intervals, wall-clock in the provider's zone; weekday is ISO (1 = Monday). */
export const staffAvailability = pgTable(
  "staff_availability",
  {
    id: uuid().primaryKey().defaultRandom(),
    staffId: uuid()
      .notNull()
      .references(() => staffMembers.id, { onDelete: "cascade" }),
    weekday: smallint().notNull(),
    startTime: time().notNull(),
    endTime: time().notNull(),
    available: boolean().notNull().default(true),
  },
  (t) => [
    index().on(t.staffId, t.weekday),
    check("staff_availability_weekday_check", sql`${t.weekday} between 1 and 7`),
    check("staff_availability_order_check", sql`${t.startTime} < ${t.endTime}`),
  ],
);

/** Whole days off, inclusive, in the provider's zone. */
export const staffTimeOff = pgTable(
  "staff_time_off",
  {
    id: uuid().primaryKey().defaultRandom(),
    staffId: uuid()
      .notNull()
      .references(() => staffMembers.id, { onDelete: "cascade" }),
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }).notNull(),
    reason: text().notNull().default(""),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [index().on(t.staffId, t.startDate), check("staff_time_off_order_check", sql`${t.startDate} <= ${t.endDate}`)],
);

/** One photo per member, in the database so that every app instance can serve it. */
export const staffPhotos = pgTable(
  "staff_photos",
  {
    staffId: uuid()
      .primaryKey()
      .references(() => staffMembers.id, { onDelete: "cascade" }),
    contentType: text().notNull(),
    data: bytea().notNull(),
    byteSize: integer().notNull(),
    updatedAt: tstz().notNull().defaultNow(),
  },
  (t) => [check("staff_photos_size_check", sql`${t.byteSize} between 1 and 2097152`)],
);

/** A staff login invitation: single use, sha256 of the token only, expires after 7 days. */
export const staffInvites = pgTable(
  "staff_invites",
  {
    id: uuid().primaryKey().defaultRandom(),
    staffId: uuid()
      .notNull()
      .references(() => staffMembers.id, { onDelete: "cascade" }),
    email: text().notNull(),
    tokenHash: text().notNull(),
    expiresAt: tstz().notNull(),
    usedAt: tstz(),
    revokedAt: tstz(),
    createdAt: tstz().notNull().defaultNow(),
  },
  (t) => [uniqueIndex("staff_invites_token_hash_key").on(t.tokenHash), index().on(t.staffId)],
);

/** The 14-day self-serve PRO trial: one row per provider ever, so it cannot be taken twice. */
export const proTrials = pgTable("pro_trials", {
  providerId: uuid()
    .primaryKey()
    .references(() => providers.id, { onDelete: "cascade" }),
  startedAt: tstz().notNull(),
  endsAt: tstz().notNull(),
});

export type StaffAvailabilityRow = typeof staffAvailability.$inferSelect;
export type StaffTimeOff = typeof staffTimeOff.$inferSelect;
export type StaffInvite = typeof staffInvites.$inferSelect;
export type ProTrial = typeof proTrials.$inferSelect;
