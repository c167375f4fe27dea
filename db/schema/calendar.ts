import { boolean, index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { appointments, providers, users } from "./core";
import { expiringColumns, id, ownedBy, stampedNow, tstz } from "./columns";

export const calendarIntegrationStatus = pgEnum("calendar_integration_status", ["active", "needs_reconnect"]);
export const calendarSyncStatus = pgEnum("calendar_sync_status", ["pending", "synced", "failed"]);

/** A provider's Google Calendar connection; tokens are sealed by lib/crypto (never plaintext). */
export const calendarIntegrations = pgTable(
  "calendar_integrations",
  {
    id: id(),
    providerId: ownedBy(() => providers.id),
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
    connectedAt: stampedNow(),
    updatedAt: stampedNow(),
  },
  (t) => [uniqueIndex("calendar_integrations_provider_key").on(t.providerId)],
);

/** One Google event per appointment: what was last written there and how that went. */
export const calendarEventMappings = pgTable(
  "calendar_event_mappings",
  {
    id: id(),
    appointmentId: ownedBy(() => appointments.id),
    providerId: ownedBy(() => providers.id),
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
    uniqueIndex("calendar_event_mappings_appointment_key").on(t.appointmentId),
    index().on(t.providerId, t.status),
  ],
);

/** OAuth `state` values: bound to the provider who started the flow, single use, 10 minutes. */
export const calendarOauthStates = pgTable(
  "calendar_oauth_states",
  {
    id: id(),
    /** sha256 of the state; the state itself only travels in the URL and a cookie. */
    stateHash: text().notNull(),
    providerId: ownedBy(() => providers.id),
    userId: ownedBy(() => users.id),
    ...expiringColumns(),
    createdAt: stampedNow(),
  },
  (t) => [uniqueIndex("calendar_oauth_states_hash_key").on(t.stateHash)],
);

export type CalendarIntegration = typeof calendarIntegrations.$inferSelect;
export type CalendarEventMapping = typeof calendarEventMappings.$inferSelect;
export type CalendarSyncStatus = (typeof calendarSyncStatus.enumValues)[number];
