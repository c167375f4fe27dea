import { eq, sql } from "drizzle-orm";
import type { calendar_v3 } from "googleapis";
import type { Db } from "@/db";
import { appointments, calendarEventMappings, calendarIntegrations } from "@/db/schema";
import { appointmentsJoined, calendarEventView } from "@/lib/booking/read";
import { DecryptError } from "@/lib/infra/crypto";
import { googleConfig, type GoogleConfig } from "./config";
import { buildEvent } from "./event";
import { eventIdFor } from "./event-id";
import { calendarApi, classifyGoogleError, describeFailure, oauthClient, type Credentials, type GoogleFailure } from "./google";
import { isPro } from "@/lib/plans/plans";
import { markNeedsReconnect } from "./reconnect";
import { openTokens, persistRefreshedTokens } from "./tokens";

/*
 * The sync worker: reads the appointment as it is now and makes Google match it — insert
 * (with the event id derived from the appointment id, so a retried insert gets 409, never a
 * second event), patch, or delete (404/410 = already gone). Transient failures (429, 5xx,
 * rate-limit 403s, network) throw, and the job queue retries with backoff and jitter;
 * `invalid_grant` marks the integration "needs reconnection" and stops; anything else is
 * recorded on the mapping as failed. Nothing local is ever deleted because Google failed.
 */

export class RetryableSyncError extends Error {
  constructor(readonly failure: GoogleFailure) {
    super(`calendar sync will retry: ${failure.message}`);
    this.name = "RetryableSyncError";
  }
}

export type SyncResult = "synced" | "skipped" | "failed" | "needs_reconnect";

type Loaded = NonNullable<Awaited<ReturnType<typeof load>>>;

async function load(db: Db, appointmentId: string) {
  const [row] = await appointmentsJoined(db, {
    ...calendarEventView,
    integration: {
      status: calendarIntegrations.status,
      syncEnabled: calendarIntegrations.syncEnabled,
      calendarId: calendarIntegrations.calendarId,
      accessTokenEnc: calendarIntegrations.accessTokenEnc,
      refreshTokenEnc: calendarIntegrations.refreshTokenEnc,
      accessTokenExpiresAt: calendarIntegrations.accessTokenExpiresAt,
    },
    mapping: {
      eventId: calendarEventMappings.eventId,
      eventExists: calendarEventMappings.eventExists,
      attempts: calendarEventMappings.attempts,
      neverSynced: sql<boolean>`${calendarEventMappings.syncedVersion} is null`,
      upToDate: sql<boolean>`coalesce(${calendarEventMappings.syncedVersion} = ${appointments.updatedAt}, false)`,
    },
  })
    .leftJoin(calendarIntegrations, eq(calendarIntegrations.providerId, appointments.providerId))
    .leftJoin(calendarEventMappings, eq(calendarEventMappings.appointmentId, appointments.id))
    .where(eq(appointments.id, appointmentId))
    .limit(1);
  return row ?? null;
}

export async function syncAppointment(
  db: Db,
  appointmentId: string,
  opts: { cfg?: GoogleConfig | null; finalAttempt?: boolean; now?: () => Date } = {},
): Promise<SyncResult> {
  const cfg = opts.cfg === undefined ? googleConfig() : opts.cfg;
  const now = opts.now ?? (() => new Date());
  if (!cfg) return "skipped";
  // A change that lands while Google is being called is caught by the next pass.
  for (let pass = 0; pass < 3; pass++) {
    const row = await load(db, appointmentId);
    const integ = row?.integration;
    if (!row || !integ?.accessTokenEnc || integ.status !== "active" || !integ.syncEnabled || !isPro(row, now())) return "skipped";
    if (row.mapping?.upToDate) return "synced";
    const outcome = await reconcileOnce(db, cfg, row, integ, opts.finalAttempt ?? false, now);
    if (outcome !== "synced") return outcome;
  }
  return "synced";
}

async function reconcileOnce(
  db: Db,
  cfg: GoogleConfig,
  row: Loaded,
  integ: NonNullable<Loaded["integration"]> & { accessTokenEnc: string },
  finalAttempt: boolean,
  now: () => Date,
): Promise<SyncResult> {
  const eventId = row.mapping?.eventId ?? eventIdFor(row.id);
  const wantEvent = row.status !== "cancelled";

  let creds: Credentials;
  try {
    creds = openTokens({ providerId: row.providerId, ...integ, refreshTokenEnc: integ.refreshTokenEnc! });
  } catch (e) {
    if (!(e instanceof DecryptError)) throw e;
    await markNeedsReconnect(db, row.providerId, "Slotbook can no longer read the stored Google tokens (the encryption key changed). Reconnect to resume syncing.", now());
    return "needs_reconnect";
  }

  // Nothing was ever written for this appointment and none is wanted: no call at all.
  if (!wantEvent && !row.mapping?.eventExists && (!row.mapping || !row.mapping.neverSynced || row.mapping.attempts === 0)) {
    await recordSuccess(db, row, eventId, false, now());
    return "synced";
  }

  const client = oauthClient(cfg, creds);
  let refreshed: Credentials | null = null;
  client.on("tokens", (t) => {
    refreshed = { ...t };
  });
  const cal = calendarApi(cfg, client);
  const calendarId = integ.calendarId ?? "primary";
  const body = buildEvent({ appointmentId: row.id, ...row, staffName: row.staffName ?? null });

  const attempt = async () => {
    // Refreshes (and emits "tokens") only when the access token is expired or about to be.
    await client.getAccessToken();
    if (wantEvent) await ensurePresent(cal, calendarId, eventId, body, row.mapping?.eventExists ?? false);
    else await ensureAbsent(cal, calendarId, eventId);
  };

  try {
    try {
      await attempt();
    } catch (e) {
      if (classifyGoogleError(e).kind !== "unauthorized") throw e;
      // The access token was refused (expired early or rotated): refresh once and try again.
      client.setCredentials({ ...client.credentials, expiry_date: 1 });
      await attempt();
    }
  } catch (e) {
    if (refreshed) await persistRefreshedTokens(db, row.providerId, refreshed);
    const failure = classifyGoogleError(e);
    const message = describeFailure(failure);
    if (failure.kind === "invalid_grant") {
      await markNeedsReconnect(db, row.providerId, message, now());
      await recordFailure(db, row, eventId, message, "failed", now());
      return "needs_reconnect";
    }
    const retry = failure.kind === "transient" || failure.kind === "unauthorized";
    await recordFailure(db, row, eventId, message, retry && !finalAttempt ? "pending" : "failed", now());
    if (retry && !finalAttempt) throw new RetryableSyncError(failure);
    return "failed";
  }
  if (refreshed) await persistRefreshedTokens(db, row.providerId, refreshed);
  await recordSuccess(db, row, eventId, wantEvent, now());
  return "synced";
}

async function ensurePresent(cal: calendar_v3.Calendar, calendarId: string, eventId: string, body: calendar_v3.Schema$Event, exists: boolean) {
  if (exists) {
    try {
      await cal.events.patch({ calendarId, eventId, requestBody: body });
      return;
    } catch (e) {
      if (classifyGoogleError(e).kind !== "not_found") throw e;
    }
  }
  try {
    await cal.events.insert({ calendarId, requestBody: { ...body, id: eventId } });
  } catch (e) {
    // Already there (an earlier try succeeded unseen, or the event was deleted and keeps its id):
    // make it match, which also restores a cancelled event.
    if (classifyGoogleError(e).kind !== "duplicate") throw e;
    await cal.events.patch({ calendarId, eventId, requestBody: body });
  }
}

async function ensureAbsent(cal: calendar_v3.Calendar, calendarId: string, eventId: string) {
  try {
    await cal.events.delete({ calendarId, eventId, sendUpdates: "none" });
  } catch (e) {
    const kind = classifyGoogleError(e).kind;
    if (kind !== "not_found" && kind !== "gone") throw e;
  }
}

async function recordSuccess(db: Db, row: Loaded, eventId: string, exists: boolean, at: Date) {
  const values = {
    eventId,
    status: "synced" as const,
    eventExists: exists,
    attempts: 0,
    lastError: null,
    syncedVersion: sql`${row.version}::timestamptz`,
    syncedAt: at,
    updatedAt: at,
  };
  await db
    .insert(calendarEventMappings)
    .values({ appointmentId: row.id, providerId: row.providerId, ...values })
    .onConflictDoUpdate({ target: calendarEventMappings.appointmentId, set: values });
  await db
    .update(calendarIntegrations)
    .set({ lastSyncedAt: at })
    .where(eq(calendarIntegrations.providerId, row.providerId));
}

async function recordFailure(db: Db, row: Loaded, eventId: string, message: string, status: "pending" | "failed", at: Date) {
  await db
    .insert(calendarEventMappings)
    .values({ appointmentId: row.id, providerId: row.providerId, eventId, status, attempts: 1, lastError: message, updatedAt: at })
    .onConflictDoUpdate({
      target: calendarEventMappings.appointmentId,
      set: { status, attempts: sql`${calendarEventMappings.attempts} + 1`, lastError: message, updatedAt: at },
    });
  await db
    .update(calendarIntegrations)
    .set({ lastError: message, lastErrorAt: at })
    .where(eq(calendarIntegrations.providerId, row.providerId));
}
