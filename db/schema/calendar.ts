import { sql } from "drizzle-orm";
import { boolean, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { appointments, providers, staffMembers, users } from "./core";
import { expiringColumns, id, ownedBy, stampedNow, tstz } from "./columns";

export const calendarIntegrationStatus = pgEnum("calendar_integration_status", ["active", "needs_reconnect"]);
export const calendarSyncStatus = pgEnum("calendar_sync_status", ["pending", "synced", "failed"]);

/**
 * A Google Calendar connection; tokens are sealed by lib/crypto (never plaintext). The business's
 * own (staff_id null, at most one per provider) or a staff member's own (at most one per member).
 */
export const calendarIntegrations = pgTable(
  "calendar_integrations",
  {
    id: id(),
    providerId: ownedBy(() => providers.id),
    /** The member whose own calendar this is; null = the business's calendar. */
    staffId: uuid().references(() => staffMembers.id, { onDelete: "cascade" }),
    googleEmail: text().notNull(),
    calendarId: text().notNull().default("primary"),
    accessTokenEnc: text().notNull(),
    accessTokenExpiresAt: tstz(),
    refreshTokenEnc: text().notNull(),
    scopes: text().notNull(),
    status: calendarIntegrationStatus().notNull().default("active"),
    syncEnabled: boolean().notNull().default(true),
    lastSyncedAt: tstz(),
    lastError: text(),
    lastErrorAt: tstz(),
    /** When Google refused the grant (invalid_grant): busy intervals still count for a grace period after it. */
    needsReconnectAt: tstz(),
    /** When the owner was told the connection needs reconnecting (once per lapse). */
    reconnectNoticeAt: tstz(),
    /** All-day events block the whole day (in the business's zone); off: they block nothing. */
    allDayBlocks: boolean().notNull().default(true),
    /** The last busy-times sync that finished, and the last one's failure (provider-facing words). */
    busySyncedAt: tstz(),
    busyError: text(),
    /**
     * The business's connection only: appointments of members also get an event here (on by
     * default, as before staff connected their own). Off: only the business's own appointments.
     */
    copyStaffAppointments: boolean().notNull().default(true),
    connectedAt: stampedNow(),
    updatedAt: stampedNow(),
  },
  (t) => [
    uniqueIndex("calendar_integrations_business_key").on(t.providerId).where(sql`${t.staffId} is null`),
    uniqueIndex("calendar_integrations_member_key").on(t.providerId, t.staffId),
  ],
);

/**
 * One Google event per appointment per connection it is written to (the business's calendar,
 * the member's own): what was last written there and how that went.
 */
export const calendarEventMappings = pgTable(
  "calendar_event_mappings",
  {
    id: id(),
    appointmentId: ownedBy(() => appointments.id),
    providerId: ownedBy(() => providers.id),
    /** The connection whose calendar holds the event; a disconnect drops its mappings. */
    integrationId: ownedBy(() => calendarIntegrations.id),
    /** Derived from the appointment id in Google's base32hex alphabet (lib/calendar/event-id.ts). */
    eventId: text().notNull(),
    status: calendarSyncStatus().notNull().default("pending"),
    /** Whether the event currently exists at Google (false after a delete, or before the first insert). */
    eventExists: boolean().notNull().default(false),
    attempts: integer().notNull().default(0),
    lastError: text(),
    /** The appointment's updatedAt that the event reflects; older than the appointment = stale. */
    syncedVersion: tstz(),
    syncedAt: tstz(),
    updatedAt: stampedNow(),
  },
  (t) => [
    uniqueIndex("calendar_event_mappings_target_key").on(t.appointmentId, t.integrationId),
    index().on(t.providerId, t.status),
    index().on(t.integrationId, t.status),
  ],
);

/** OAuth `state` values: bound to the provider (and member) who started the flow, single use, 10 minutes. */
export const calendarOauthStates = pgTable(
  "calendar_oauth_states",
  {
    id: id(),
    /** sha256 of the state; the state itself only travels in the URL and a cookie. */
    stateHash: text().notNull(),
    providerId: ownedBy(() => providers.id),
    userId: ownedBy(() => users.id),
    /** A member connecting their own calendar; null = the business's connection. */
    staffId: uuid().references(() => staffMembers.id, { onDelete: "cascade" }),
    ...expiringColumns(),
    createdAt: stampedNow(),
  },
  (t) => [uniqueIndex("calendar_oauth_states_hash_key").on(t.stateHash)],
);

/** The calendars of a connection checked for conflicts ("primary" by default), with each one's sync cursor. */
export const calendarConflictCalendars = pgTable(
  "calendar_conflict_calendars",
  {
    integrationId: ownedBy(() => calendarIntegrations.id),
    calendarId: text().notNull(),
    /** events.list's nextSyncToken; null = the next sync is a full one. */
    syncToken: text(),
    syncedAt: tstz(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.calendarId] })],
);

/**
 * The busy mirror: one row per event (instance) of a conflict calendar that makes its owner
 * busy. The slot engine (slot_availability, lib/booking/staff-load.ts) subtracts them from the
 * resource they belong to: the provider (staff_id null) or a staff member.
 */
export const calendarBusyIntervals = pgTable(
  "calendar_busy_intervals",
  {
    integrationId: ownedBy(() => calendarIntegrations.id),
    providerId: ownedBy(() => providers.id),
    staffId: uuid().references(() => staffMembers.id, { onDelete: "cascade" }),
    calendarId: text().notNull(),
    eventId: text().notNull(),
    startsAt: tstz().notNull(),
    endsAt: tstz().notNull(),
    allDay: boolean().notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.calendarId, t.eventId] }),
    index("calendar_busy_intervals_resource_idx").on(t.providerId, t.staffId, t.startsAt),
  ],
);

export type CalendarIntegration = typeof calendarIntegrations.$inferSelect;
export type CalendarEventMapping = typeof calendarEventMappings.$inferSelect;
export type CalendarSyncStatus = (typeof calendarSyncStatus.enumValues)[number];
