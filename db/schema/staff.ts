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
  text,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { providers, services, staffMembers } from "./core";
import {
  extensionOf,
  id,
  ownedBy,
  stampedNow,
  tokenColumns,
  tstz,
  weeklyIntervalChecks,
  weeklyIntervalColumns,
} from "./columns";

/*
 * PRO multi-staff: what a member provides, when they work, their photo and their login invite.
 * (staff_members itself lives in core.ts: appointments refer to it.)
 */

/** Raw bytes; postgres.js and PGlite both hand bytea back as a Uint8Array/Buffer. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

/** The services a member provides (only their own provider's: checked by lib/staff on write). */
export const staffServices = pgTable(
  "staff_services",
  {
    staffId: ownedBy(() => staffMembers.id),
    serviceId: ownedBy(() => services.id),
  },
  (t) => [primaryKey({ columns: [t.staffId, t.serviceId] }), index().on(t.serviceId)],
);

/** A member's weekly working intervals, wall-clock in the provider's zone; weekday is ISO (1 = Monday). */
export const staffAvailability = pgTable(
  "staff_availability",
  {
    id: id(),
    staffId: ownedBy(() => staffMembers.id),
    ...weeklyIntervalColumns(),
    available: boolean().notNull().default(true),
  },
  (t) => [index().on(t.staffId, t.weekday), ...weeklyIntervalChecks("staff_availability", t)],
);

/** Whole days off, inclusive, in the provider's zone. */
export const staffTimeOff = pgTable(
  "staff_time_off",
  {
    id: id(),
    staffId: ownedBy(() => staffMembers.id),
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }).notNull(),
    reason: text().notNull().default(""),
    createdAt: stampedNow(),
  },
  (t) => [index().on(t.staffId, t.startDate), check("staff_time_off_order_check", sql`${t.startDate} <= ${t.endDate}`)],
);

/**
 * Time off a member asked for from /staff, waiting for the provider (lib/staff/time-off-requests.ts).
 * Approving adds the staff_time_off row, with the same conflict check as the provider's own.
 */
export const staffTimeOffRequests = pgTable(
  "staff_time_off_requests",
  {
    id: id(),
    staffId: ownedBy(() => staffMembers.id),
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }).notNull(),
    reason: text().notNull().default(""),
    status: text().$type<"pending" | "approved" | "declined">().notNull().default("pending"),
    createdAt: stampedNow(),
    decidedAt: tstz(),
  },
  (t) => [
    index().on(t.staffId, t.status),
    check("staff_time_off_requests_order_check", sql`${t.startDate} <= ${t.endDate}`),
    check("staff_time_off_requests_status_check", sql`${t.status} in ('pending', 'approved', 'declined')`),
  ],
);

/** One photo per member, in the database so that every app instance can serve it. */
export const staffPhotos = pgTable(
  "staff_photos",
  {
    staffId: extensionOf(() => staffMembers.id),
    contentType: text().notNull(),
    data: bytea().notNull(),
    byteSize: integer().notNull(),
    updatedAt: stampedNow(),
  },
  (t) => [check("staff_photos_size_check", sql`${t.byteSize} between 1 and 2097152`)],
);

/** A staff login invitation: single use, sha256 of the token only, expires after 7 days. */
export const staffInvites = pgTable(
  "staff_invites",
  {
    id: id(),
    staffId: ownedBy(() => staffMembers.id),
    email: text().notNull(),
    ...tokenColumns(),
    revokedAt: tstz(),
    createdAt: stampedNow(),
  },
  (t) => [uniqueIndex("staff_invites_token_hash_key").on(t.tokenHash), index().on(t.staffId)],
);

/** The 14-day self-serve PRO trial: one row per provider ever, so it cannot be taken twice. */
export const proTrials = pgTable("pro_trials", {
  providerId: extensionOf(() => providers.id),
  startedAt: tstz().notNull(),
  endsAt: tstz().notNull(),
});

export type StaffAvailabilityRow = typeof staffAvailability.$inferSelect;
export type StaffTimeOff = typeof staffTimeOff.$inferSelect;
export type StaffInvite = typeof staffInvites.$inferSelect;
export type ProTrial = typeof proTrials.$inferSelect;
