import type { Reply } from "./errors";
import { calendarItems, present, type Item } from "./events-view";
import type { FakeState } from "./state";
import { ROLE_RANK, type FakeCalendar, type Role } from "./store";
import { isTimeZone, parseInstant } from "./time";

/*
 * events.list with full and incremental sync, as Google documents it:
 * - the last page of a list carries `nextSyncToken`, every other page `nextPageToken` (pages may
 *   hold fewer items than maxResults: the control API can cap them);
 * - a request with `syncToken` returns every event changed since, deleted ones included as
 *   `status: "cancelled"`, whatever window the full list had; it refuses the filters Google
 *   refuses with it (400 syncTokenWithRequestRestrictions), and answers 410 fullSyncRequired
 *   once the control API has expired the calendar's tokens;
 * - the sync token is the store's change counter when the list's first page was read, so a
 *   change made while a client pages through is delivered again by the next incremental list.
 * The fake is stricter than Google in one place: a syncToken must come back with the same
 * `singleEvents` it was issued for (Google calls a mismatch undefined behaviour).
 */

type SyncToken = { c: string; s: number; g: number; se: boolean };
type PageToken = { k: number[]; snap: number; since: number | null };

const WITH_SYNC_REFUSED = ["iCalUID", "orderBy", "privateExtendedProperty", "q", "sharedExtendedProperty", "timeMin", "timeMax", "updatedMin"];

const encode = (o: object) => `CAE${Buffer.from(JSON.stringify(o)).toString("base64url")}`;
function decode<T>(token: string, ok: (v: Record<string, unknown>) => boolean): T | null {
  try {
    const v = JSON.parse(Buffer.from(token.replace(/^CAE/, ""), "base64url").toString()) as Record<string, unknown>;
    return token.startsWith("CAE") && v && ok(v) ? (v as T) : null;
  } catch {
    return null;
  }
}

const bad = (message: string, location?: string): Reply => ({ status: 400, reason: "invalid", message, location });

export function listEvents(state: FakeState, cal: FakeCalendar, role: Role, view: "full" | "availability", q: URLSearchParams): Reply {
  const singleEvents = q.get("singleEvents") === "true";
  const syncToken = q.get("syncToken");
  const max = q.has("maxResults") ? Number(q.get("maxResults")) : 250;
  if (!Number.isInteger(max) || max < 1) return bad(`Invalid value '${q.get("maxResults")}'. Values must be within the range: [1, 2500]`, "maxResults");
  const tz = q.get("timeZone") ?? cal.timeZone;
  if (!isTimeZone(tz)) return bad("Invalid time zone definition.", "timeZone");
  if (syncToken && (WITH_SYNC_REFUSED.some((p) => q.has(p)) || q.get("showDeleted") === "false")) {
    return { status: 400, reason: "syncTokenWithRequestRestrictions" };
  }
  const timeMin = q.has("timeMin") ? parseInstant(q.get("timeMin")) : null;
  const timeMax = q.has("timeMax") ? parseInstant(q.get("timeMax")) : null;
  if (q.has("timeMin") && timeMin === null) return bad("Bad Request", "timeMin");
  if (q.has("timeMax") && timeMax === null) return bad("Bad Request", "timeMax");
  if (timeMin !== null && timeMax !== null && timeMax <= timeMin) return { status: 400, reason: "timeRangeEmpty", location: "timeMax" };
  const orderBy = q.get("orderBy");
  if (orderBy && !["startTime", "updated"].includes(orderBy)) return bad(`Invalid value for: ${orderBy} is not a valid value`, "orderBy");
  if (orderBy === "startTime" && !singleEvents) return bad("The requested ordering is not available for the particular query.", "orderBy");
  const updatedMin = q.has("updatedMin") ? parseInstant(q.get("updatedMin")) : null;
  if (q.has("updatedMin") && updatedMin === null) return bad("Bad Request", "updatedMin");

  let since: number | null = null;
  if (syncToken) {
    const t = decode<SyncToken>(syncToken, (v) => typeof v.c === "string" && typeof v.s === "number");
    if (!t) return bad("Invalid sync token value.", "syncToken");
    if (t.c !== cal.id || t.g !== cal.generation) return { status: 410, reason: "fullSyncRequired", location: "syncToken" };
    if (t.se !== singleEvents) {
      return bad(`This syncToken was issued for singleEvents=${t.se}; send the same parameters as the full sync (fake Google is strict here).`, "syncToken");
    }
    since = t.s;
  }
  const pageToken = q.get("pageToken");
  const page = pageToken ? decode<PageToken>(pageToken, (v) => Array.isArray(v.k) && typeof v.snap === "number") : null;
  if (pageToken && (!page || page.since !== since)) return bad("Invalid page token value.", "pageToken");
  const snap = page?.snap ?? state.store.seq;

  const showDeleted = q.get("showDeleted") === "true" || since !== null || updatedMin !== null;
  const keep = filters(q, { singleEvents, showDeleted, since, timeMin, timeMax, updatedMin });
  const key = sortKey(orderBy);
  const items = calendarItems(cal, singleEvents, timeMin ?? -Infinity, timeMax ?? Infinity, tz)
    .filter(keep)
    .sort((a, b) => compare(key(a), key(b)))
    .filter((it) => !page || compare(key(it), page.k) > 0);
  const size = Math.min(max, 2500, state.pageSizeCap ?? Infinity);
  const shown = items.slice(0, size);
  const more = items.length > size;
  const latest = [...cal.events.values()].reduce((m, s) => (s.ev.updated > m ? s.ev.updated : m), new Date(0).toISOString());
  return {
    status: 200,
    body: {
      kind: "calendar#events",
      etag: `"${snap}"`,
      summary: cal.summary,
      ...(cal.description ? { description: cal.description } : {}),
      updated: latest,
      timeZone: cal.timeZone,
      accessRole: role,
      defaultReminders: ROLE_RANK[role] >= ROLE_RANK.writer ? [{ method: "popup", minutes: 30 }] : [],
      ...(more
        ? { nextPageToken: encode({ k: key(shown.at(-1)!), snap, since } satisfies PageToken) }
        : { nextSyncToken: encode({ c: cal.id, s: snap, g: cal.generation, se: singleEvents } satisfies SyncToken) }),
      items: shown.map((it) => present(it.ev, cal, { tz, view, minimalCancelled: true })),
    },
  };
}

type Window = { singleEvents: boolean; showDeleted: boolean; since: number | null; timeMin: number | null; timeMax: number | null; updatedMin: number | null };

function filters(q: URLSearchParams, w: Window) {
  const priv = q.getAll("privateExtendedProperty").map((p) => p.split("="));
  const shared = q.getAll("sharedExtendedProperty").map((p) => p.split("="));
  const text = q.get("q")?.toLowerCase();
  const types = q.getAll("eventTypes");
  return (it: Item) => {
    const ev = it.ev;
    if (w.since !== null) return it.seq > w.since;
    // Google: cancelled instances stay listed when showDeleted and singleEvents are both false.
    if (!w.showDeleted && ev.status === "cancelled" && !(ev.recurringEventId && !w.singleEvents)) return false;
    if (it.series && (w.timeMin !== null || w.timeMax !== null)) return it.endMs > it.startMs;
    if (!it.series && w.timeMin !== null && !(it.endMs > w.timeMin)) return false;
    if (!it.series && w.timeMax !== null && !(it.startMs < w.timeMax)) return false;
    if (w.updatedMin !== null && Date.parse(ev.updated) < w.updatedMin) return false;
    const props = (ev.extendedProperties ?? {}) as { private?: Record<string, string>; shared?: Record<string, string> };
    if (!priv.every(([k, v]) => props.private?.[k!] === v) || !shared.every(([k, v]) => props.shared?.[k!] === v)) return false;
    if (q.has("iCalUID") && ev.iCalUID !== q.get("iCalUID")) return false;
    if (types.length && !types.includes((ev.eventType as string) ?? "default")) return false;
    if (text) {
      const people = ((ev.attendees ?? []) as { email?: string; displayName?: string }[]).flatMap((a) => [a.email, a.displayName]);
      const hay = [ev.summary, ev.description, ev.location, ...people, (ev.organizer as { email?: string })?.email].join(" ").toLowerCase();
      if (!hay.includes(text)) return false;
    }
    return true;
  };
}

function sortKey(orderBy: string | null): (it: Item) => number[] {
  if (orderBy === "startTime") return (it) => [it.startMs, it.order, it.endMs];
  if (orderBy === "updated") return (it) => [Date.parse(it.ev.updated), it.order, it.startMs];
  return (it) => [it.order, it.startMs, it.endMs];
}

function compare(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
