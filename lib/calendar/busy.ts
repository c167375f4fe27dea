import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { calendar_v3 } from "googleapis";
import { queryRows, type Db } from "@/db";
import { calendarBusyIntervals, calendarConflictCalendars, calendarIntegrations, providers } from "@/db/schema";
import { zonedDateTimeToInstant } from "@/lib/availability";
import { DecryptError } from "@/lib/infra/crypto";
import { bossFor } from "@/lib/infra/jobs/boss";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { isPro } from "@/lib/plans/plans";
import { googleConfig, hasBusyScopes, type GoogleConfig } from "./config";
import { calendarApi, classifyGoogleError, describeFailure, oauthClient, withBackoff, type Credentials, type GoogleFailure } from "./google";
import { markNeedsReconnect } from "./reconnect";
import { openTokens, persistRefreshedTokens } from "./tokens";

/*
 * The busy mirror: the events of a connection's conflict calendars that make its owner busy,
 * kept as rows of calendar_busy_intervals, which the slot engine subtracts from the resource
 * they belong to (slot_availability, lib/booking/staff-load.ts). Read by events.list with
 * singleEvents (one row per instance of a recurring event): a full list from yesterday on, then
 * only what changed since (syncToken); Google's 410 (the token expired) starts a full list again.
 * Each calendar's rows and its token are written in one transaction, so a sync that fails midway
 * leaves the previous mirror whole and its token, and the next sync reads the same changes again.
 * Blocks nothing: cancelled events, events marked free (transparency "transparent"), events the
 * owner declined, working-location entries, and Slotbook's own events (an appointment never
 * blocks itself). All-day events block their days in the business's zone, unless turned off.
 */

export class RetryableBusySyncError extends Error {
  constructor(readonly failure: GoogleFailure) {
    super(`busy-times sync will retry: ${failure.message}`);
    this.name = "RetryableBusySyncError";
  }
}

export type BusyInterval = { eventId: string; start: Date; end: Date; allDay: boolean };

/** Slotbook's own event ids ("sb" + base32hex of the appointment uuid: lib/calendar/event-id.ts). */
const OWN_EVENT_ID = /^sb[0-9a-v]{26}$/;

/** The interval an event makes its owner busy, or null when it blocks nothing. */
export function busyIntervalOf(ev: calendar_v3.Schema$Event, timezone: string, allDayBlocks: boolean): BusyInterval | null {
  if (!ev.id || ev.status === "cancelled" || ev.transparency === "transparent") return null;
  if (ev.eventType === "workingLocation") return null;
  if (ev.extendedProperties?.private?.slotbookAppointmentId || OWN_EVENT_ID.test(ev.id)) return null;
  if (ev.attendees?.some((a) => a.self && a.responseStatus === "declined")) return null;
  let start: Date;
  let end: Date;
  let allDay = false;
  if (ev.start?.dateTime && ev.end?.dateTime) {
    start = new Date(ev.start.dateTime);
    end = new Date(ev.end.dateTime);
  } else if (ev.start?.date && ev.end?.date) {
    if (!allDayBlocks) return null;
    allDay = true;
    start = zonedDateTimeToInstant(ev.start.date, "00:00", timezone);
    end = zonedDateTimeToInstant(ev.end.date, "00:00", timezone);
  } else {
    return null;
  }
  if (!(end.getTime() > start.getTime())) return null;
  return { eventId: ev.id, start, end, allDay };
}

type Connection = {
  id: string;
  providerId: string;
  staffId: string | null;
  status: "active" | "needs_reconnect";
  scopes: string;
  allDayBlocks: boolean;
  accessTokenEnc: string;
  refreshTokenEnc: string;
  accessTokenExpiresAt: Date | null;
  timezone: string;
  plan: "free" | "pro";
  proUntil: Date | null;
};

async function loadConnection(db: Db, integrationId: string): Promise<Connection | null> {
  const [row] = await db
    .select({
      id: calendarIntegrations.id,
      providerId: calendarIntegrations.providerId,
      staffId: calendarIntegrations.staffId,
      status: calendarIntegrations.status,
      scopes: calendarIntegrations.scopes,
      allDayBlocks: calendarIntegrations.allDayBlocks,
      accessTokenEnc: calendarIntegrations.accessTokenEnc,
      refreshTokenEnc: calendarIntegrations.refreshTokenEnc,
      accessTokenExpiresAt: calendarIntegrations.accessTokenExpiresAt,
      timezone: providers.timezone,
      plan: providers.plan,
      proUntil: providers.proUntil,
    })
    .from(calendarIntegrations)
    .innerJoin(providers, eq(providers.id, calendarIntegrations.providerId))
    .where(eq(calendarIntegrations.id, integrationId))
    .limit(1);
  // A member's own connection (staffId) makes that member busy, the business's (null) the business.
  return row ?? null;
}

/** The calendars checked for conflicts; a connection that has none checks its primary calendar. */
async function conflictCalendars(db: Db, integrationId: string) {
  // Only while none is chosen: an owner who unticked primary (conflict-calendars.ts) keeps it off.
  await queryRows(
    db,
    sql`insert into calendar_conflict_calendars (integration_id, calendar_id)
        select ${integrationId}::uuid, 'primary'
        where not exists (select 1 from calendar_conflict_calendars where integration_id = ${integrationId}::uuid)
        on conflict do nothing`,
  );
  return db
    .select({ calendarId: calendarConflictCalendars.calendarId, syncToken: calendarConflictCalendars.syncToken })
    .from(calendarConflictCalendars)
    .where(eq(calendarConflictCalendars.integrationId, integrationId));
}

/** Stops checking one calendar of a connection: its row and its busy intervals go together. */
async function forgetCalendar(db: Db, integrationId: string, calendarId: string): Promise<number> {
  return db.transaction(async (tx) => {
    await tx
      .delete(calendarConflictCalendars)
      .where(and(eq(calendarConflictCalendars.integrationId, integrationId), eq(calendarConflictCalendars.calendarId, calendarId)));
    const gone = await tx
      .delete(calendarBusyIntervals)
      .where(and(eq(calendarBusyIntervals.integrationId, integrationId), eq(calendarBusyIntervals.calendarId, calendarId)))
      .returning({ id: calendarBusyIntervals.eventId });
    return gone.length;
  });
}

export type BusySyncResult = { result: "synced"; changed: number } | { result: "skipped" | "needs_reconnect" };

/** Full lists start here: what ended before yesterday can block nothing. */
const FULL_SYNC_FROM_MS = 24 * 3600_000;

/**
 * Brings one connection's busy mirror up to date. Transient failures (after backoff with jitter
 * within the call) record a provider-facing error and throw RetryableBusySyncError for the job
 * queue; invalid_grant marks the connection "needs reconnect" and tells the owner once.
 */
export async function syncBusyTimes(
  db: Db,
  integrationId: string,
  opts: { cfg?: GoogleConfig | null; now?: () => Date; backoff?: Parameters<typeof withBackoff>[1] } = {},
): Promise<BusySyncResult> {
  const cfg = opts.cfg === undefined ? googleConfig() : opts.cfg;
  const now = opts.now ?? (() => new Date());
  if (!cfg) return { result: "skipped" };
  const conn = await loadConnection(db, integrationId);
  if (!conn || conn.status !== "active" || !hasBusyScopes(conn.scopes) || !isPro(conn, now())) return { result: "skipped" };

  let creds: Credentials;
  try {
    creds = openTokens(conn);
  } catch (e) {
    if (!(e instanceof DecryptError)) throw e;
    await markNeedsReconnect(db, conn.id, "Slotbook can no longer read the stored Google tokens (the encryption key changed). Reconnect to resume syncing.", now());
    return { result: "needs_reconnect" };
  }
  const client = oauthClient(cfg, creds);
  let refreshed: Credentials | null = null;
  client.on("tokens", (t) => {
    refreshed = { ...(refreshed ?? {}), ...t };
  });
  const cal = calendarApi(cfg, client);
  const call = <T>(f: () => Promise<T>) => withBackoff(f, opts.backoff);

  let changed = 0;
  try {
    for (const c of await conflictCalendars(db, integrationId)) {
      const run = () => syncCalendar(db, cal, conn, c.calendarId, c.syncToken, call, now());
      try {
        changed += await run();
      } catch (e) {
        const kind = classifyGoogleError(e).kind;
        if (kind === "not_found" && c.calendarId !== "primary") {
          // A chosen calendar deleted (or no longer shared) in Google: it is no longer checked,
          // and its busy times go; the others still sync.
          changed += await forgetCalendar(db, conn.id, c.calendarId);
          continue;
        }
        if (kind !== "unauthorized") throw e;
        // The access token was refused (expired early or rotated): refresh once and try again.
        client.setCredentials({ ...client.credentials, expiry_date: 1 });
        changed += await run();
      }
    }
  } catch (e) {
    if (refreshed) await persistRefreshedTokens(db, conn, refreshed);
    const failure = classifyGoogleError(e);
    const message = describeFailure(failure);
    if (failure.kind === "invalid_grant") {
      await markNeedsReconnect(db, conn.id, message, now());
      return { result: "needs_reconnect" };
    }
    await db.update(calendarIntegrations).set({ busyError: `Busy times could not be read: ${message}` }).where(eq(calendarIntegrations.id, conn.id));
    throw new RetryableBusySyncError(failure);
  }
  if (refreshed) await persistRefreshedTokens(db, conn, refreshed);
  await db.update(calendarIntegrations).set({ busySyncedAt: now(), busyError: null }).where(eq(calendarIntegrations.id, conn.id));
  return { result: "synced", changed };
}

/** One calendar: incremental when it has a token (full again on 410), else full. Returns rows written or removed. */
async function syncCalendar(
  db: Db,
  cal: calendar_v3.Calendar,
  conn: Connection,
  calendarId: string,
  syncToken: string | null,
  call: <T>(f: () => Promise<T>) => Promise<T>,
  now: Date,
): Promise<number> {
  let listed: { items: calendar_v3.Schema$Event[]; nextSyncToken: string | null; full: boolean };
  try {
    listed = await listAll(cal, calendarId, syncToken, call, now);
  } catch (e) {
    if (!syncToken || classifyGoogleError(e).kind !== "gone") throw e;
    listed = await listAll(cal, calendarId, null, call, now);
  }
  const keep: BusyInterval[] = [];
  const drop: string[] = [];
  for (const ev of listed.items) {
    const b = busyIntervalOf(ev, conn.timezone, conn.allDayBlocks);
    if (b) keep.push(b);
    else if (ev.id) drop.push(ev.id);
  }
  const where = and(eq(calendarBusyIntervals.integrationId, conn.id), eq(calendarBusyIntervals.calendarId, calendarId));
  return db.transaction(async (tx) => {
    // The calendar is still chosen (locked against an owner unticking it meanwhile): a calendar
    // no longer checked writes no intervals, whatever this sync read.
    const [still] = await tx
      .select({ calendarId: calendarConflictCalendars.calendarId })
      .from(calendarConflictCalendars)
      .where(and(eq(calendarConflictCalendars.integrationId, conn.id), eq(calendarConflictCalendars.calendarId, calendarId)))
      .for("update");
    if (!still) return 0;
    let n = 0;
    if (listed.full) {
      n += (await tx.delete(calendarBusyIntervals).where(where).returning({ id: calendarBusyIntervals.eventId })).length;
    } else {
      // A changed event that no longer blocks (cancelled, deleted, made free, declined) leaves.
      for (let i = 0; i < drop.length; i += 1000) {
        const ids = drop.slice(i, i + 1000);
        n += (await tx.delete(calendarBusyIntervals).where(and(where, inArray(calendarBusyIntervals.eventId, ids))).returning({ id: calendarBusyIntervals.eventId })).length;
      }
    }
    // An event listed twice (changed while the list was paged) counts once, as last seen.
    const unique = [...new Map(keep.map((b) => [b.eventId, b])).values()];
    for (let i = 0; i < unique.length; i += 1000) {
      const rows = unique.slice(i, i + 1000).map((b) => ({
        integrationId: conn.id,
        providerId: conn.providerId,
        staffId: conn.staffId,
        calendarId,
        eventId: b.eventId,
        startsAt: b.start,
        endsAt: b.end,
        allDay: b.allDay,
      }));
      await tx
        .insert(calendarBusyIntervals)
        .values(rows)
        .onConflictDoUpdate({
          target: [calendarBusyIntervals.integrationId, calendarBusyIntervals.calendarId, calendarBusyIntervals.eventId],
          set: { startsAt: sql`excluded.starts_at`, endsAt: sql`excluded.ends_at`, allDay: sql`excluded.all_day` },
        });
      n += rows.length;
    }
    // What ended before yesterday blocks nothing any more: keep the mirror (and the slot
    // engine's index scan) to what is ahead. An empty delete bumps no page version.
    n += (
      await tx
        .delete(calendarBusyIntervals)
        .where(and(where, lt(calendarBusyIntervals.endsAt, new Date(now.getTime() - FULL_SYNC_FROM_MS))))
        .returning({ id: calendarBusyIntervals.eventId })
    ).length;
    await tx
      .update(calendarConflictCalendars)
      .set({ syncToken: listed.nextSyncToken, syncedAt: now })
      .where(and(eq(calendarConflictCalendars.integrationId, conn.id), eq(calendarConflictCalendars.calendarId, calendarId)));
    return n;
  });
}

async function listAll(
  cal: calendar_v3.Calendar,
  calendarId: string,
  syncToken: string | null,
  call: <T>(f: () => Promise<T>) => Promise<T>,
  now: Date,
): Promise<{ items: calendar_v3.Schema$Event[]; nextSyncToken: string | null; full: boolean }> {
  const items: calendar_v3.Schema$Event[] = [];
  let pageToken: string | undefined;
  for (;;) {
    const params: calendar_v3.Params$Resource$Events$List = syncToken
      ? { calendarId, singleEvents: true, maxResults: 2500, syncToken, pageToken }
      : { calendarId, singleEvents: true, maxResults: 2500, timeMin: new Date(now.getTime() - FULL_SYNC_FROM_MS).toISOString(), pageToken };
    const { data } = await call(() => cal.events.list(params));
    items.push(...(data.items ?? []));
    if (!data.nextPageToken) return { items, nextSyncToken: data.nextSyncToken ?? null, full: !syncToken };
    pageToken = data.nextPageToken;
  }
}

/**
 * Queues a busy-times sync for every connection that checks conflicts (active, PRO, with the
 * availability scope; a member's only while the member is active), or for one. The queue is stately per connection: one runs and one waits
 * at most, across instances. Run every minute by the sweep, and at once after a connect.
 */
export async function enqueueBusySyncs(db: Db, scope: { integrationId?: string } = {}): Promise<number> {
  const rows = await queryRows<{ id: string; scopes: string }>(
    db,
    sql`select i.id, i.scopes from calendar_integrations i join providers p on p.id = i.provider_id
        where i.status = 'active' and p.plan = 'pro' and (p.pro_until is null or p.pro_until > now())
          and (i.staff_id is null or exists (select 1 from staff_members m where m.id = i.staff_id and m.provider_id = i.provider_id and m.active))
          ${scope.integrationId ? sql`and i.id = ${scope.integrationId}::uuid` : sql``}`,
  );
  const due = rows.filter((r) => hasBusyScopes(r.scopes));
  if (due.length === 0) return 0;
  await bossFor(db).insert(
    QUEUES.calendarBusy,
    due.map((r) => ({ data: { integrationId: r.id }, singletonKey: r.id })),
  );
  return due.length;
}
