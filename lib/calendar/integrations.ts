import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { appointmentsJoined } from "@/lib/booking/read";
import { appointments, calendarEventMappings, calendarIntegrations, services, staffMembers, type CalendarSyncStatus } from "@/db/schema";
import { enqueue } from "@/lib/infra/jobs/boss";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { hasBusyScopes, type GoogleConfig } from "./config";
import { enqueueStaleSyncs } from "./enqueue";
import { oauthClient } from "./google";
import { business, ownedBy, type ConnectionOwner } from "./owner";
import { openTokens } from "./tokens";

/*
 * Reading and changing connections. Every query names the provider in its WHERE, and the
 * connection's owner (lib/calendar/owner.ts): the business's (no member) or one member's own.
 */

export type CalendarOverview = {
  googleEmail: string;
  calendarId: string;
  status: "active" | "needs_reconnect";
  syncEnabled: boolean;
  connectedAt: Date;
  lastSyncedAt: Date | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  /** The grant covers availability: busy times are mirrored and checked (else "Reconnect to check for conflicts"). */
  checksConflicts: boolean;
  busySyncedAt: Date | null;
  busyError: string | null;
  /** The business's connection: members' appointments are written here too. */
  copyStaffAppointments: boolean;
  counts: Record<CalendarSyncStatus, number>;
  failed: { appointmentId: string; serviceName: string; clientName: string; startsAt: Date; lastError: string | null; attempts: number }[];
};

export async function getCalendarOverview(db: Db, providerId: string, owner: ConnectionOwner = business(providerId)): Promise<CalendarOverview | null> {
  if (owner.providerId !== providerId) return null;
  const [integ] = await db
    .select({
      id: calendarIntegrations.id,
      copyStaffAppointments: calendarIntegrations.copyStaffAppointments,
      googleEmail: calendarIntegrations.googleEmail,
      calendarId: calendarIntegrations.calendarId,
      status: calendarIntegrations.status,
      syncEnabled: calendarIntegrations.syncEnabled,
      connectedAt: calendarIntegrations.connectedAt,
      lastSyncedAt: calendarIntegrations.lastSyncedAt,
      lastError: calendarIntegrations.lastError,
      lastErrorAt: calendarIntegrations.lastErrorAt,
      scopes: calendarIntegrations.scopes,
      busySyncedAt: calendarIntegrations.busySyncedAt,
      busyError: calendarIntegrations.busyError,
    })
    .from(calendarIntegrations)
    .where(ownedBy(owner))
    .limit(1);
  if (!integ) return null;
  const mine = and(eq(calendarEventMappings.providerId, providerId), eq(calendarEventMappings.integrationId, integ.id));
  const countRows = await db
    .select({ status: calendarEventMappings.status, n: sql<number>`count(*)::int` })
    .from(calendarEventMappings)
    .where(mine)
    .groupBy(calendarEventMappings.status);
  const counts = { pending: 0, synced: 0, failed: 0 };
  for (const r of countRows) counts[r.status] = Number(r.n);
  const failed = await appointmentsJoined(db, {
    appointmentId: appointments.id,
    serviceName: services.name,
    clientName: appointments.clientName,
    startsAt: appointments.startsAt,
    lastError: calendarEventMappings.lastError,
    attempts: calendarEventMappings.attempts,
  })
    .innerJoin(calendarEventMappings, eq(calendarEventMappings.appointmentId, appointments.id))
    .where(and(mine, eq(calendarEventMappings.status, "failed")))
    .orderBy(desc(calendarEventMappings.updatedAt))
    .limit(50);
  const { scopes, id: _id, ...rest } = integ;
  return { ...rest, checksConflicts: hasBusyScopes(scopes), counts, failed };
}

const WORSE: Record<CalendarSyncStatus, number> = { synced: 0, pending: 1, failed: 2 };

/**
 * Sync states of these appointments (only those with a mapping), for the dashboard list: over
 * the calendars an appointment is written to, the worst (failed, then waiting).
 */
export async function syncStatesFor(db: Db, providerId: string, appointmentIds: string[]): Promise<Map<string, CalendarSyncStatus>> {
  if (appointmentIds.length === 0) return new Map();
  const rows = await db
    .select({ id: calendarEventMappings.appointmentId, status: calendarEventMappings.status })
    .from(calendarEventMappings)
    .where(and(eq(calendarEventMappings.providerId, providerId), inArray(calendarEventMappings.appointmentId, appointmentIds)));
  const out = new Map<string, CalendarSyncStatus>();
  for (const r of rows) {
    const had = out.get(r.id);
    if (!had || WORSE[r.status] > WORSE[had]) out.set(r.id, r.status);
  }
  return out;
}

/** Sync state per appointment for the dashboard list; empty while sync is off or not connected. */
export async function calendarSyncStates(db: Db, providerId: string, appointmentIds: string[]): Promise<Map<string, CalendarSyncStatus>> {
  if (!(await isSyncOn(db, providerId))) return new Map();
  return syncStatesFor(db, providerId, appointmentIds);
}

/** Whether any of this provider's calendars syncs (connected, active, enabled): the dashboard shows states then. */
export async function isSyncOn(db: Db, providerId: string): Promise<boolean> {
  const rows = await db
    .select({ on: sql<boolean>`${calendarIntegrations.syncEnabled} and ${calendarIntegrations.status} = 'active'` })
    .from(calendarIntegrations)
    .where(eq(calendarIntegrations.providerId, providerId));
  return rows.some((r) => r.on);
}

/** Turning the business's sync off stops new jobs (queued ones find it off and do nothing); on catches up. */
export async function setSyncEnabled(db: Db, providerId: string, enabled: boolean): Promise<boolean> {
  const updated = await db
    .update(calendarIntegrations)
    .set({ syncEnabled: enabled, updatedAt: new Date() })
    .where(ownedBy(business(providerId)))
    .returning({ id: calendarIntegrations.id });
  if (updated.length === 0) return false;
  if (enabled) await enqueueStaleSyncs(db, { providerId });
  return true;
}

/**
 * Whether the business's calendar also gets members' appointments (they go to a member's own
 * calendar when connected either way). A change adds or removes the upcoming ones' events there.
 */
export async function setCopyStaffAppointments(db: Db, providerId: string, on: boolean): Promise<boolean> {
  const updated = await db
    .update(calendarIntegrations)
    .set({ copyStaffAppointments: on, updatedAt: new Date() })
    .where(ownedBy(business(providerId)))
    .returning({ id: calendarIntegrations.id });
  if (updated.length === 0) return false;
  await enqueueStaleSyncs(db, { providerId });
  return true;
}

export type StaffCalendar = {
  staffId: string;
  name: string;
  active: boolean;
  connection: {
    googleEmail: string;
    status: "active" | "needs_reconnect";
    checksConflicts: boolean;
    lastSyncedAt: Date | null;
    problem: string | null;
    failed: number;
  } | null;
};

/** Every member of this provider, with their own calendar's connection and health (the provider's "Staff calendars"). */
export async function listStaffCalendars(db: Db, providerId: string): Promise<StaffCalendar[]> {
  const rows = await db
    .select({
      staffId: staffMembers.id,
      name: staffMembers.name,
      active: staffMembers.active,
      integrationId: calendarIntegrations.id,
      googleEmail: calendarIntegrations.googleEmail,
      status: calendarIntegrations.status,
      scopes: calendarIntegrations.scopes,
      lastSyncedAt: calendarIntegrations.lastSyncedAt,
      lastError: calendarIntegrations.lastError,
      lastErrorAt: calendarIntegrations.lastErrorAt,
      busyError: calendarIntegrations.busyError,
      failed: sql<number>`(select count(*)::int from calendar_event_mappings m where m.integration_id = ${calendarIntegrations.id} and m.status = 'failed')`,
    })
    .from(staffMembers)
    .leftJoin(
      calendarIntegrations,
      and(eq(calendarIntegrations.staffId, staffMembers.id), eq(calendarIntegrations.providerId, staffMembers.providerId)),
    )
    .where(eq(staffMembers.providerId, providerId))
    .orderBy(staffMembers.displayOrder, staffMembers.name);
  return rows.map((r) => ({
    staffId: r.staffId,
    name: r.name,
    active: r.active,
    connection: r.integrationId
      ? {
          googleEmail: r.googleEmail!,
          status: r.status!,
          checksConflicts: hasBusyScopes(r.scopes ?? ""),
          lastSyncedAt: r.lastSyncedAt,
          problem:
            r.status === "needs_reconnect"
              ? (r.lastError ?? "Google no longer accepts the access.")
              : (r.busyError ?? (r.lastError && r.lastErrorAt && (!r.lastSyncedAt || r.lastErrorAt > r.lastSyncedAt) ? r.lastError : null)),
          failed: Number(r.failed),
        }
      : null,
  }));
}

/** Retries failed syncs of this provider: one appointment, or all of them. */
export async function retryFailedSyncs(db: Db, providerId: string, appointmentId?: string): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(calendarEventMappings)
      .set({ status: "pending", attempts: 0, updatedAt: new Date() })
      .where(
        and(
          eq(calendarEventMappings.providerId, providerId),
          eq(calendarEventMappings.status, "failed"),
          appointmentId ? eq(calendarEventMappings.appointmentId, appointmentId) : undefined,
        ),
      )
      .returning({ id: calendarEventMappings.appointmentId });
    for (const r of rows) await enqueue(tx, QUEUES.calendarSync, { appointmentId: r.id }, { singletonKey: r.id });
    return rows.length;
  });
}

/**
 * Disconnects one connection (the business's, or a member's own): revokes the grant at Google, then deletes the stored tokens and the mappings
 * (events already in Google stay there). The tokens are deleted even if Google cannot be
 * reached; `revoked` says whether Google confirmed.
 */
export async function disconnectCalendar(
  db: Db,
  owner: ConnectionOwner | string,
  cfg: GoogleConfig | null,
): Promise<{ disconnected: boolean; revoked: boolean }> {
  const who = typeof owner === "string" ? business(owner) : owner;
  const [integ] = await db.select().from(calendarIntegrations).where(ownedBy(who)).limit(1);
  if (!integ) return { disconnected: false, revoked: false };
  let revoked = false;
  if (cfg) {
    try {
      const { refresh_token } = openTokens(integ);
      await oauthClient(cfg).revokeToken(refresh_token!);
      revoked = true;
    } catch (e) {
      // Already revoked at Google counts as revoked.
      revoked = (e as { response?: { data?: { error?: string } } }).response?.data?.error === "invalid_token";
    }
  }
  // Its mappings and busy intervals go with it (the foreign keys cascade); other connections' stay.
  await db.transaction(async (tx) => {
    await tx.delete(calendarEventMappings).where(eq(calendarEventMappings.integrationId, integ.id));
    await tx.delete(calendarIntegrations).where(and(eq(calendarIntegrations.id, integ.id), ownedBy(who)));
  });
  return { disconnected: true, revoked };
}
