import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { appointmentsJoined } from "@/lib/booking/read";
import { appointments, calendarEventMappings, calendarIntegrations, services, type CalendarSyncStatus } from "@/db/schema";
import { enqueue } from "@/lib/infra/jobs/boss";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { hasBusyScopes, type GoogleConfig } from "./config";
import { enqueueStaleSyncs } from "./enqueue";
import { oauthClient } from "./google";
import { openTokens } from "./tokens";

/* Reading and changing a provider's connection. Every query names the provider in its WHERE. */

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
  counts: Record<CalendarSyncStatus, number>;
  failed: { appointmentId: string; serviceName: string; clientName: string; startsAt: Date; lastError: string | null; attempts: number }[];
};

export async function getCalendarOverview(db: Db, providerId: string): Promise<CalendarOverview | null> {
  const [integ] = await db
    .select({
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
    .where(eq(calendarIntegrations.providerId, providerId))
    .limit(1);
  if (!integ) return null;
  const countRows = await db
    .select({ status: calendarEventMappings.status, n: sql<number>`count(*)::int` })
    .from(calendarEventMappings)
    .where(eq(calendarEventMappings.providerId, providerId))
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
    .where(and(eq(calendarEventMappings.providerId, providerId), eq(calendarEventMappings.status, "failed")))
    .orderBy(desc(calendarEventMappings.updatedAt))
    .limit(50);
  const { scopes, ...rest } = integ;
  return { ...rest, checksConflicts: hasBusyScopes(scopes), counts, failed };
}

/** Sync states of these appointments (only those with a mapping), for the dashboard list. */
export async function syncStatesFor(db: Db, providerId: string, appointmentIds: string[]): Promise<Map<string, CalendarSyncStatus>> {
  if (appointmentIds.length === 0) return new Map();
  const rows = await db
    .select({ id: calendarEventMappings.appointmentId, status: calendarEventMappings.status })
    .from(calendarEventMappings)
    .where(and(eq(calendarEventMappings.providerId, providerId), inArray(calendarEventMappings.appointmentId, appointmentIds)));
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** Sync state per appointment for the dashboard list; empty while sync is off or not connected. */
export async function calendarSyncStates(db: Db, providerId: string, appointmentIds: string[]): Promise<Map<string, CalendarSyncStatus>> {
  if (!(await isSyncOn(db, providerId))) return new Map();
  return syncStatesFor(db, providerId, appointmentIds);
}

/** Whether this provider's sync is on (connected, active, enabled): the dashboard shows states then. */
export async function isSyncOn(db: Db, providerId: string): Promise<boolean> {
  const [row] = await db
    .select({ on: sql<boolean>`${calendarIntegrations.syncEnabled} and ${calendarIntegrations.status} = 'active'` })
    .from(calendarIntegrations)
    .where(eq(calendarIntegrations.providerId, providerId));
  return Boolean(row?.on);
}

/** Turning sync off stops new jobs (queued ones find it off and do nothing); on catches up. */
export async function setSyncEnabled(db: Db, providerId: string, enabled: boolean): Promise<boolean> {
  const updated = await db
    .update(calendarIntegrations)
    .set({ syncEnabled: enabled, updatedAt: new Date() })
    .where(eq(calendarIntegrations.providerId, providerId))
    .returning({ id: calendarIntegrations.id });
  if (updated.length === 0) return false;
  if (enabled) await enqueueStaleSyncs(db, { providerId });
  return true;
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
 * Disconnects: revokes the grant at Google, then deletes the stored tokens and the mappings
 * (events already in Google stay there). The tokens are deleted even if Google cannot be
 * reached; `revoked` says whether Google confirmed.
 */
export async function disconnectCalendar(db: Db, providerId: string, cfg: GoogleConfig | null): Promise<{ disconnected: boolean; revoked: boolean }> {
  const [integ] = await db.select().from(calendarIntegrations).where(eq(calendarIntegrations.providerId, providerId)).limit(1);
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
  await db.transaction(async (tx) => {
    await tx.delete(calendarEventMappings).where(eq(calendarEventMappings.providerId, providerId));
    await tx.delete(calendarIntegrations).where(eq(calendarIntegrations.providerId, providerId));
  });
  return { disconnected: true, revoked };
}
