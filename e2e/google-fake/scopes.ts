import { ROLE_RANK, type Role } from "./store";

/*
 * Which OAuth scopes let a token call which Calendar method, from the per-method scope lists of
 * Google's discovery document (the `googleapis` typings repeat them) and the scope meanings:
 *   calendar.events.owned(.readonly)  events on calendars the user owns (role "owner") only
 *   calendar.events.freebusy          events.list/get show availability only; freeBusy.query
 *   calendar.freebusy                 freeBusy.query only
 *   calendar.calendarlist(.readonly)  calendarList only
 *   calendar.events(.readonly), calendar(.readonly)  every calendar the user can see
 * `calendar.app.created` is not modelled: the fake has no app-created calendars, so it grants nothing.
 */

export const AUTH = "https://www.googleapis.com/auth/";
const s = (...names: string[]) => names.map((n) => AUTH + n);

const READ_ALL = s("calendar", "calendar.readonly", "calendar.events", "calendar.events.readonly");
const READ_OWNED = s("calendar.events.owned", "calendar.events.owned.readonly");
const READ_AVAILABILITY = s("calendar.events.freebusy");
const WRITE_ALL = s("calendar", "calendar.events");
const WRITE_OWNED = s("calendar.events.owned");

export const METHOD_SCOPES: Record<string, string[]> = {
  "events.list": [...READ_ALL, ...READ_OWNED, ...READ_AVAILABILITY],
  "events.get": [...READ_ALL, ...READ_OWNED, ...READ_AVAILABILITY],
  "events.insert": [...WRITE_ALL, ...WRITE_OWNED],
  "events.patch": [...WRITE_ALL, ...WRITE_OWNED],
  "events.update": [...WRITE_ALL, ...WRITE_OWNED],
  "events.delete": [...WRITE_ALL, ...WRITE_OWNED],
  "freebusy.query": s("calendar", "calendar.readonly", "calendar.freebusy", "calendar.events.freebusy"),
  "calendarList.list": s("calendar", "calendar.readonly", "calendar.calendarlist", "calendar.calendarlist.readonly"),
  "calendarList.get": s("calendar", "calendar.readonly", "calendar.calendarlist", "calendar.calendarlist.readonly"),
};

const has = (granted: string[], any: string[]) => any.some((x) => granted.includes(x));

/** Whether any granted scope admits the method at all (else 403 insufficientPermissions). */
export function methodAllowed(method: string, granted: string[]): boolean {
  return has(granted, METHOD_SCOPES[method] ?? []);
}

export type EventAccess = { ok: true; view: "full" | "availability" } | { ok: false; reason: "scope" | "role" };

/** What a token may do with events of a calendar the user sees with `role`. */
export function eventAccess(method: string, granted: string[], role: Role): EventAccess {
  if (method === "events.list" || method === "events.get") {
    if (role === "freeBusyReader") return has(granted, [...READ_ALL, ...READ_AVAILABILITY]) ? { ok: true, view: "availability" } : { ok: false, reason: "scope" };
    if (has(granted, READ_ALL) || (role === "owner" && has(granted, READ_OWNED))) return { ok: true, view: "full" };
    return has(granted, READ_AVAILABILITY) ? { ok: true, view: "availability" } : { ok: false, reason: "scope" };
  }
  if (has(granted, WRITE_ALL)) return ROLE_RANK[role] >= ROLE_RANK.writer ? { ok: true, view: "full" } : { ok: false, reason: "role" };
  return role === "owner" && has(granted, WRITE_OWNED) ? { ok: true, view: "full" } : { ok: false, reason: "scope" };
}

/** Google answers the token endpoint with full URLs for the OpenID shorthands. */
export function normaliseScopes(scopes: string[]): string[] {
  const full = scopes.map((x) => (x === "email" ? `${AUTH}userinfo.email` : x === "profile" ? `${AUTH}userinfo.profile` : x));
  return [...new Set(full)];
}
