import { and, eq, inArray, isNull, or, sql } from "drizzle-orm";
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
 * The sync worker: reads the appointment as it is now and makes each calendar that should hold
 * it match (the business's, unless it opted out of members' appointments, and the member's own),
 * and removes its event from one that should not any more (a reassignment) — insert
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
type Target = Loaded["connections"][number];
type Mapping = Loaded["mappings"][number];

/**
 * The appointment as it is now, the provider's connections that may hold its event (the
 * business's, the member's own, and any that holds one from before a reassignment), and its mappings.
 */
async function load(db: Db, appointmentId: string) {
  const [row] = await appointmentsJoined(db, { ...calendarEventView, staffId: appointments.staffId })
    .where(eq(appointments.id, appointmentId))
    .limit(1);
  if (!row) return null;
  const mappings = await db
    .select({
      integrationId: calendarEventMappings.integrationId,
      eventId: calendarEventMappings.eventId,
      eventExists: calendarEventMappings.eventExists,
      attempts: calendarEventMappings.attempts,
      neverSynced: sql<boolean>`${calendarEventMappings.syncedVersion} is null`,
      upToDate: sql<boolean>`coalesce(${calendarEventMappings.syncedVersion} = ${row.version}::timestamptz, false)`,
    })
    .from(calendarEventMappings)
    .where(and(eq(calendarEventMappings.appointmentId, row.id), eq(calendarEventMappings.providerId, row.providerId)));
  const mapped = mappings.map((m) => m.integrationId);
  const connections = await db
    .select({
      id: calendarIntegrations.id,
      providerId: calendarIntegrations.providerId,
      staffId: calendarIntegrations.staffId,
      status: calendarIntegrations.status,
      syncEnabled: calendarIntegrations.syncEnabled,
      copyStaffAppointments: calendarIntegrations.copyStaffAppointments,
      calendarId: calendarIntegrations.calendarId,
      accessTokenEnc: calendarIntegrations.accessTokenEnc,
      refreshTokenEnc: calendarIntegrations.refreshTokenEnc,
      accessTokenExpiresAt: calendarIntegrations.accessTokenExpiresAt,
    })
    .from(calendarIntegrations)
    .where(
      and(
        eq(calendarIntegrations.providerId, row.providerId),
        or(
          isNull(calendarIntegrations.staffId),
          row.staffId ? eq(calendarIntegrations.staffId, row.staffId) : undefined,
          mapped.length ? inArray(calendarIntegrations.id, mapped) : undefined,
        ),
      ),
    );
  return { ...row, mappings, connections };
}

/** Whether a connection's calendar should hold this appointment's event: the member's own, and the business's unless it opted out of members' appointments. */
export function wantsAppointment(c: { staffId: string | null; copyStaffAppointments: boolean }, appointmentStaffId: string | null): boolean {
  return c.staffId === null ? appointmentStaffId === null || c.copyStaffAppointments : c.staffId === appointmentStaffId;
}

const usable = (c: Target) => c.status === "active" && c.syncEnabled;

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
    if (!row || !isPro(row, now())) return "skipped";
    const mappingOf = (c: Target) => row.mappings.find((m) => m.integrationId === c.id);
    // The calendars that should hold the event, and those holding one they should not (the
    // member before a reassignment, the business after it stopped taking members' appointments).
    const targets = row.connections.filter((c) => usable(c) && wantsAppointment(c, row.staffId));
    const leaving = row.connections.filter((c) => {
      const m = mappingOf(c);
      return usable(c) && !targets.includes(c) && m && (m.eventExists || (m.neverSynced && m.attempts > 0));
    });
    const work = [
      ...leaving.map((c) => ({ c, want: false, leave: true })),
      ...targets.filter((c) => !mappingOf(c)?.upToDate).map((c) => ({ c, want: row.status !== "cancelled", leave: false })),
    ];
    if (work.length === 0) return targets.length > 0 ? "synced" : "skipped";
    let retry: RetryableSyncError | null = null;
    const outcomes: SyncResult[] = [];
    // Removals first: a calendar shared by both sides ends with the event, not without it.
    for (const w of work) {
      try {
        outcomes.push(await reconcileOnce(db, cfg, row, w.c, mappingOf(w.c), w.want, w.leave, opts.finalAttempt ?? false, now));
      } catch (e) {
        if (!(e instanceof RetryableSyncError)) throw e;
        retry ??= e;
      }
    }
    // One calendar failing for now does not hold back the others; the job retries the rest.
    if (retry) throw retry;
    const worst = outcomes.find((o) => o === "failed") ?? outcomes.find((o) => o === "needs_reconnect");
    if (worst) return worst;
  }
  return "synced";
}

async function reconcileOnce(
  db: Db,
  cfg: GoogleConfig,
  row: Loaded,
  integ: Target,
  mapping: Mapping | undefined,
  wantEvent: boolean,
  leaving: boolean,
  finalAttempt: boolean,
  now: () => Date,
): Promise<SyncResult> {
  const eventId = mapping?.eventId ?? eventIdFor(row.id);

  let creds: Credentials;
  try {
    creds = openTokens(integ);
  } catch (e) {
    if (!(e instanceof DecryptError)) throw e;
    await markNeedsReconnect(db, integ.id, "Slotbook can no longer read the stored Google tokens (the encryption key changed). Reconnect to resume syncing.", now());
    return "needs_reconnect";
  }

  // Nothing was ever written for this appointment and none is wanted: no call at all.
  if (!wantEvent && !mapping?.eventExists && (!mapping || !mapping.neverSynced || mapping.attempts === 0)) {
    if (leaving) await dropMapping(db, row, integ);
    else await recordSuccess(db, row, integ, eventId, false, now());
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
    if (wantEvent) await ensurePresent(cal, calendarId, eventId, body, mapping?.eventExists ?? false);
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
    if (refreshed) await persistRefreshedTokens(db, integ, refreshed);
    const failure = classifyGoogleError(e);
    const message = describeFailure(failure);
    if (failure.kind === "invalid_grant") {
      await markNeedsReconnect(db, integ.id, message, now());
      await recordFailure(db, row, integ, eventId, message, "failed", now());
      return "needs_reconnect";
    }
    const retry = failure.kind === "transient" || failure.kind === "unauthorized";
    await recordFailure(db, row, integ, eventId, message, retry && !finalAttempt ? "pending" : "failed", now());
    if (retry && !finalAttempt) throw new RetryableSyncError(failure);
    return "failed";
  }
  if (refreshed) await persistRefreshedTokens(db, integ, refreshed);
  if (leaving) await dropMapping(db, row, integ);
  else await recordSuccess(db, row, integ, eventId, wantEvent, now());
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

/** The event left a calendar that should no longer hold it: its mapping goes with it. */
async function dropMapping(db: Db, row: Loaded, integ: Target) {
  await db
    .delete(calendarEventMappings)
    .where(and(eq(calendarEventMappings.appointmentId, row.id), eq(calendarEventMappings.integrationId, integ.id)));
}

async function recordSuccess(db: Db, row: Loaded, integ: Target, eventId: string, exists: boolean, at: Date) {
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
    .values({ appointmentId: row.id, providerId: row.providerId, integrationId: integ.id, ...values })
    .onConflictDoUpdate({ target: [calendarEventMappings.appointmentId, calendarEventMappings.integrationId], set: values });
  await db.update(calendarIntegrations).set({ lastSyncedAt: at }).where(eq(calendarIntegrations.id, integ.id));
}

async function recordFailure(db: Db, row: Loaded, integ: Target, eventId: string, message: string, status: "pending" | "failed", at: Date) {
  await db
    .insert(calendarEventMappings)
    .values({ appointmentId: row.id, providerId: row.providerId, integrationId: integ.id, eventId, status, attempts: 1, lastError: message, updatedAt: at })
    .onConflictDoUpdate({
      target: [calendarEventMappings.appointmentId, calendarEventMappings.integrationId],
      set: { status, attempts: sql`${calendarEventMappings.attempts} + 1`, lastError: message, updatedAt: at },
    });
  await db.update(calendarIntegrations).set({ lastError: message, lastErrorAt: at }).where(eq(calendarIntegrations.id, integ.id));
}
