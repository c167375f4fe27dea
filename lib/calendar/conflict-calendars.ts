import { and, eq, inArray, notInArray } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db";
import { calendarBusyIntervals, calendarConflictCalendars, calendarIntegrations } from "@/db/schema";
import { AppError } from "@/lib/infra/errors";
import { log } from "@/lib/infra/log";
import { enqueueBusySyncs } from "./busy";
import { googleConfig, hasBusyScopes, type GoogleConfig } from "./config";
import { calendarApi, oauthClient, type Credentials } from "./google";
import { ownedBy, type ConnectionOwner } from "./owner";
import { openTokens, persistRefreshedTokens } from "./tokens";

/*
 * "Check these calendars for conflicts": which of the account's calendars (Google's
 * calendarList) a connection's busy mirror and live check read. Stored as rows of
 * calendar_conflict_calendars; none means the primary calendar (busy.ts). The primary calendar
 * is always stored as "primary" (not its address), so a choice never reads it twice.
 * Every read and write goes through the connection's owner (`ownedBy`): the business's own, or
 * one member's own.
 */

/** Reading the list while a page renders: never longer than this. */
export const CALENDAR_LIST_TIMEOUT_MS = 2_000;

export const PRIMARY = "primary";

export type AccountCalendar = { id: string; summary: string; primary: boolean };

export type ConflictChoice = {
  /** The saved choice ("primary" when nothing was chosen yet). */
  chosen: string[];
  /** The account's calendars, or null when Google could not be asked in time. */
  calendars: AccountCalendar[] | null;
};

const listLog = log.child({ component: "calendar-conflict-calendars" });

async function connectionOf(db: Db, owner: ConnectionOwner) {
  const [row] = await db.select().from(calendarIntegrations).where(ownedBy(owner)).limit(1);
  return row ?? null;
}

async function savedChoice(db: Db, integrationId: string): Promise<string[]> {
  const rows = await db
    .select({ calendarId: calendarConflictCalendars.calendarId })
    .from(calendarConflictCalendars)
    .where(eq(calendarConflictCalendars.integrationId, integrationId))
    .orderBy(calendarConflictCalendars.calendarId);
  return rows.length ? rows.map((r) => r.calendarId) : [PRIMARY];
}

/**
 * The account's calendars from calendarList (every page, hidden ones left out), the primary
 * one as "primary". Throws on any failure, including the deadline.
 */
async function fetchCalendarList(db: Db, conn: NonNullable<Awaited<ReturnType<typeof connectionOf>>>, cfg: GoogleConfig, timeoutMs: number): Promise<AccountCalendar[]> {
  const client = oauthClient(cfg, openTokens(conn));
  let refreshed: Credentials | null = null;
  client.on("tokens", (t) => {
    refreshed = { ...(refreshed ?? {}), ...t };
  });
  const cal = calendarApi(cfg, client, timeoutMs);
  const read = async () => {
    const out: AccountCalendar[] = [];
    let pageToken: string | undefined;
    for (let page = 0; page < 10; page++) {
      const { data } = await cal.calendarList.list({ maxResults: 250, pageToken });
      for (const c of data.items ?? []) {
        if (!c.id) continue;
        out.push({ id: c.primary ? PRIMARY : c.id, summary: c.summaryOverride || c.summary || c.id, primary: !!c.primary });
      }
      if (!data.nextPageToken) break;
      pageToken = data.nextPageToken;
    }
    return out;
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      read(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("calendarList timed out")), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (refreshed) await persistRefreshedTokens(db, conn, refreshed);
  }
}

/**
 * What the form shows: the saved choice and the account's calendars read live (null when the
 * connection cannot check conflicts). Google being slow or down never throws: `calendars` is
 * null then and the saved choice is shown alone.
 */
export async function getConflictChoice(
  db: Db,
  owner: ConnectionOwner,
  opts: { cfg?: GoogleConfig | null; timeoutMs?: number } = {},
): Promise<ConflictChoice | null> {
  const conn = await connectionOf(db, owner);
  if (!conn || !hasBusyScopes(conn.scopes)) return null;
  const chosen = await savedChoice(db, conn.id);
  const cfg = opts.cfg === undefined ? googleConfig() : opts.cfg;
  if (!cfg || conn.status !== "active") return { chosen, calendars: null };
  try {
    return { chosen, calendars: await fetchCalendarList(db, conn, cfg, opts.timeoutMs ?? CALENDAR_LIST_TIMEOUT_MS) };
  } catch (err) {
    listLog.warn({ providerId: owner.providerId, staffId: owner.staffId, error: (err as Error)?.message }, "calendar list could not be read");
    return { chosen, calendars: null };
  }
}

/** The form's ticked calendars (a repeated field); which exist is decided against the account's list. */
export const conflictChoiceSchema = z.object({ calendarId: z.array(z.string().trim().min(1).max(1024)).max(250) });
export const readConflictChoice = (formData: FormData) => ({ calendarId: formData.getAll("calendarId").filter((v) => typeof v === "string") });

export const NO_CALENDAR_CHOSEN = "Choose at least one calendar to check for conflicts.";
export const NOT_IN_LIST = "Some of those calendars are not in your Google account's calendar list, so nothing was changed.";
export const LIST_UNREACHABLE = "Google could not be reached to check your calendar list, so nothing was changed. Please try again in a moment.";

/**
 * Saves which calendars are checked for conflicts. Only ids the account's calendarList returns
 * (read now) are accepted. A calendar no longer checked loses its busy intervals at once (they
 * stop blocking; the page versions change through the table's trigger); a busy sync is queued
 * at once so newly checked calendars block soon.
 */
export async function setConflictCalendars(
  db: Db,
  owner: ConnectionOwner,
  calendarIds: string[],
  opts: { cfg?: GoogleConfig | null; timeoutMs?: number } = {},
): Promise<{ added: number; removed: number }> {
  const wanted = [...new Set(calendarIds.map((c) => c.trim()).filter(Boolean))];
  if (wanted.length === 0) throw new AppError("VALIDATION", NO_CALENDAR_CHOSEN, { fieldErrors: { calendarId: [NO_CALENDAR_CHOSEN] } });
  const conn = await connectionOf(db, owner);
  if (!conn) throw new AppError("NOT_FOUND", "There is no Google Calendar connected here.");
  if (!hasBusyScopes(conn.scopes) || conn.status !== "active") {
    throw new AppError("INVALID_STATE", "Reconnect your Google Calendar before choosing the calendars to check for conflicts.");
  }
  const cfg = opts.cfg === undefined ? googleConfig() : opts.cfg;
  let listed: AccountCalendar[];
  try {
    if (!cfg) throw new Error("Google is not configured");
    listed = await fetchCalendarList(db, conn, cfg, opts.timeoutMs ?? 10_000);
  } catch (err) {
    listLog.warn({ providerId: owner.providerId, staffId: owner.staffId, error: (err as Error)?.message }, "calendar list could not be read to save a choice");
    throw new AppError("UNAVAILABLE", LIST_UNREACHABLE);
  }
  // The primary calendar may come back by its address: it is stored as "primary".
  const primaryAddress = conn.googleEmail.toLowerCase();
  const ids = [...new Set(wanted.map((id) => (id.toLowerCase() === primaryAddress ? PRIMARY : id)))];
  const known = new Set(listed.map((c) => c.id));
  if (ids.some((id) => !known.has(id))) throw new AppError("VALIDATION", NOT_IN_LIST, { fieldErrors: { calendarId: [NOT_IN_LIST] } });

  const integrationId = conn.id;
  const result = await db.transaction(async (tx) => {
    const mine = and(eq(calendarConflictCalendars.integrationId, integrationId), ownedIntegration(tx, owner, integrationId));
    const removed = await tx
      .delete(calendarConflictCalendars)
      .where(and(mine, notInArray(calendarConflictCalendars.calendarId, ids)))
      .returning({ calendarId: calendarConflictCalendars.calendarId });
    // With no rows yet the primary calendar was checked implicitly: its intervals go too when it is left out.
    await tx
      .delete(calendarBusyIntervals)
      .where(and(eq(calendarBusyIntervals.integrationId, integrationId), eq(calendarBusyIntervals.providerId, owner.providerId), notInArray(calendarBusyIntervals.calendarId, ids)));
    const added = await tx
      .insert(calendarConflictCalendars)
      .values(ids.map((calendarId) => ({ integrationId, calendarId })))
      .onConflictDoNothing()
      .returning({ calendarId: calendarConflictCalendars.calendarId });
    return { added: added.length, removed: removed.length };
  });
  await enqueueBusySyncs(db, { integrationId });
  return result;
}

/** The connection is still this owner's (the WHERE of every write names the owner). */
function ownedIntegration(tx: Tx, owner: ConnectionOwner, integrationId: string) {
  return inArray(
    calendarConflictCalendars.integrationId,
    tx.select({ id: calendarIntegrations.id }).from(calendarIntegrations).where(and(eq(calendarIntegrations.id, integrationId), ownedBy(owner))),
  );
}
