import type { ServerResponse } from "node:http";
import { calendarListGet, calendarListList } from "./calendar-list";
import { apiError, scopeError, sendJson, type Reply } from "./errors";
import { listEvents } from "./events-list";
import { present } from "./events-view";
import { cancelEvent, changeEvent, findEvent, insertEvent, type WriteResult } from "./events-write";
import { freeBusyQuery } from "./freebusy";
import { eventAccess, METHOD_SCOPES, methodAllowed } from "./scopes";
import type { CallRecord, FakeState, Grant } from "./state";

/*
 * Calendar v3 over HTTP: calendarList.list/get, events insert/get/patch/update/delete/list and
 * freeBusy.query, each behind Google's checks in Google's order: a live token (401), a scope
 * that admits the method (403 insufficientPermissions), a calendar the account can see (404),
 * then the calendar's access role and the scope's reach (owned-only scopes, writer access).
 */

export type Route = { method: string; op: string; calendarId?: string; eventId?: string };
export type Ctx = { res: ServerResponse; state: FakeState; body: unknown; q: URLSearchParams; record(c: Omit<CallRecord, "at" | "target">): void };

const EVENT_OPS: Record<string, [string, string]> = {
  GET: ["events.get", "get"],
  PATCH: ["events.patch", "patch"],
  PUT: ["events.update", "update"],
  DELETE: ["events.delete", "delete"],
};

/** Which Calendar method a request is, or null for a path Google does not serve. */
export function calendarRoute(path: string, http: string): Route | null {
  const d = decodeURIComponent;
  if (path === "/calendar/v3/users/me/calendarList" && http === "GET") return { method: "calendarList.list", op: "calendarList.list" };
  let m = path.match(/^\/calendar\/v3\/users\/me\/calendarList\/([^/]+)$/);
  if (m && http === "GET") return { method: "calendarList.get", op: "calendarList.get", calendarId: d(m[1]!) };
  if (path === "/calendar/v3/freeBusy" && http === "POST") return { method: "freebusy.query", op: "freebusy.query" };
  m = path.match(/^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/);
  if (!m) return null;
  const calendarId = d(m[1]!);
  if (!m[2]) {
    if (http === "GET") return { method: "events.list", op: "list", calendarId };
    return http === "POST" ? { method: "events.insert", op: "insert", calendarId } : null;
  }
  const e = EVENT_OPS[http];
  return e ? { method: e[0], op: e[1], calendarId, eventId: d(m[2]) } : null;
}

export function handleCalendar(ctx: Ctx, route: Route, grant: Grant | null) {
  const reply = grant ? answer(ctx, route, grant) : { status: 401 };
  const eventId = (reply.body as { id?: string } | undefined)?.id ?? route.eventId ?? (ctx.body as { id?: string } | undefined)?.id;
  ctx.record({ op: route.op, method: route.method, status: reply.status, eventId, calendarId: route.calendarId, email: grant?.email });
  send(ctx.res, route.method, reply);
}

function send(res: ServerResponse, method: string, r: Reply) {
  if (r.status === 204) {
    res.writeHead(204);
    return res.end();
  }
  if (r.status === 403 && r.reason === "insufficientPermissions") return scopeError(res, method, METHOD_SCOPES[method] ?? []);
  if (r.status >= 400) return apiError(res, r.status, r.reason, r.message, { location: r.location });
  sendJson(res, r.status, r.body);
}

function answer(ctx: Ctx, route: Route, grant: Grant): Reply {
  const { state } = ctx;
  if (!methodAllowed(route.method, grant.scopes)) return { status: 403, reason: "insufficientPermissions" };
  if (route.method === "calendarList.list") return calendarListList(state, grant.email, ctx.q);
  if (route.method === "calendarList.get") return calendarListGet(state, grant.email, route.calendarId!);
  if (route.method === "freebusy.query") return freeBusyQuery(state, grant, ctx.body);

  const seen = state.store.access(grant.email, route.calendarId!);
  if (!seen) return { status: 404 };
  const { cal, entry } = seen;
  const access = eventAccess(route.method, grant.scopes, entry.role);
  if (!access.ok) return access.reason === "scope" ? { status: 403, reason: "insufficientPermissions" } : { status: 403, reason: "requiredAccessLevel" };
  const show = (r: WriteResult): Reply =>
    "ev" in r ? { status: 200, body: present(r.ev, cal, { tz: cal.timeZone, view: access.view, minimalCancelled: false }) } : r;
  const input = (ctx.body ?? {}) as Record<string, unknown>;

  switch (route.method) {
    case "events.list":
      return listEvents(state, cal, entry.role, access.view, ctx.q);
    case "events.insert":
      return show(insertEvent(state.store, cal, input, grant.email));
    case "events.get": {
      const found = findEvent(cal, route.eventId!);
      return found ? show({ status: 200, stored: found.stored, ev: found.ev }) : { status: 404 };
    }
    case "events.patch":
      return show(changeEvent(state.store, cal, route.eventId!, input, "patch"));
    case "events.update":
      return show(changeEvent(state.store, cal, route.eventId!, input, "replace"));
    default:
      return cancelEvent(state.store, cal, route.eventId!);
  }
}
