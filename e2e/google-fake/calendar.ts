import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { apiError, sendJson } from "./errors";
import type { CallRecord, FakeEvent, FakeState } from "./state";

/* Calendar v3 events: insert, get, patch, delete, list, with Google's id rule and error codes. */

const CALENDAR_SCOPES = [
  "https://www.googleapis.com/auth/calendar",
  "https://www.googleapis.com/auth/calendar.events",
  "https://www.googleapis.com/auth/calendar.events.owned",
];
// Google: ids use base32hex (lowercase a–v and 0–9), 5 to 1024 characters.
const EVENT_ID = /^[a-v0-9]{5,1024}$/;

type Ctx = { req: IncomingMessage; res: ServerResponse; state: FakeState; body: unknown; record(c: Omit<CallRecord, "at" | "target">): void };

export function calendarRoute(ctx: Ctx, method: string, calendarId: string, eventId: string | undefined, q: URLSearchParams) {
  const { req, res, state } = ctx;
  const op = opName(method, eventId);
  const grant = state.grantForBearer(req.headers.authorization);
  if (!grant) {
    ctx.record({ op, status: 401, eventId });
    return apiError(res, 401);
  }
  if (!grant.scopes.some((s) => CALENDAR_SCOPES.includes(s))) {
    ctx.record({ op, status: 403, eventId, email: grant.email });
    return apiError(res, 403, "insufficientPermissions", "Request had insufficient authentication scopes.");
  }
  if (calendarId !== "primary" && calendarId !== grant.email) {
    ctx.record({ op, status: 404, eventId, email: grant.email });
    return apiError(res, 404);
  }
  const cal = state.calendar(grant.email);
  const done = (status: number, body?: unknown, id?: string) => {
    ctx.record({ op, status, eventId: id ?? eventId, email: grant.email });
    if (status === 204) {
      res.writeHead(204);
      return res.end();
    }
    if (status >= 400) return apiError(res, status, undefined, typeof body === "string" ? body : undefined);
    sendJson(res, status, body);
  };

  if (method === "POST" && !eventId) {
    const input = (ctx.body ?? {}) as Record<string, unknown>;
    const id = typeof input.id === "string" ? input.id : randomBytes(13).toString("hex").replace(/[w-z]/g, "a");
    if (!EVENT_ID.test(id)) return done(400, "Invalid resource id value.", id);
    if (!isTime(input.start) || !isTime(input.end)) return done(400, "Missing time.", id);
    if (cal.has(id)) return done(409, undefined, id);
    const now = new Date().toISOString();
    const ev: FakeEvent = {
      kind: "calendar#event",
      ...input,
      id,
      status: (input.status as FakeEvent["status"]) ?? "confirmed",
      sequence: 0,
      created: now,
      updated: now,
      etag: `"${Date.now()}"`,
      htmlLink: `https://calendar.google.test/event?eid=${id}`,
      organizer: { email: grant.email, self: true },
    };
    cal.set(id, ev);
    return done(200, ev, id);
  }
  if (method === "GET" && !eventId) {
    const showDeleted = q.get("showDeleted") === "true";
    const priv = q.getAll("privateExtendedProperty").map((p) => p.split("="));
    const items = [...cal.values()].filter((e) => {
      if (!showDeleted && e.status === "cancelled") return false;
      const props = ((e.extendedProperties as { private?: Record<string, string> })?.private ?? {}) as Record<string, string>;
      return priv.every(([k, v]) => props[k!] === v);
    });
    return done(200, { kind: "calendar#events", items });
  }
  const ev = eventId ? cal.get(eventId) : undefined;
  if (!ev) return done(404);
  if (method === "GET") return done(200, ev);
  if (method === "PATCH") {
    const input = (ctx.body ?? {}) as Record<string, unknown>;
    if (("start" in input && !isTime(input.start)) || ("end" in input && !isTime(input.end))) return done(400, "Invalid time.");
    const { id: _ignored, ...rest } = input;
    void _ignored;
    Object.assign(ev, rest, { sequence: ev.sequence + 1, updated: new Date().toISOString(), etag: `"${Date.now()}"` });
    return done(200, ev);
  }
  if (method === "DELETE") {
    if (ev.status === "cancelled") return done(410);
    ev.status = "cancelled";
    ev.updated = new Date().toISOString();
    return done(204);
  }
  return done(400, "Unsupported method.");
}

function opName(method: string, eventId: string | undefined) {
  if (!eventId) return method === "POST" ? "insert" : "list";
  return ({ GET: "get", PATCH: "patch", PUT: "update", DELETE: "delete" } as Record<string, string>)[method] ?? method;
}

function isTime(v: unknown): boolean {
  const t = v as { dateTime?: unknown; date?: unknown } | undefined;
  if (!t) return false;
  if (typeof t.dateTime === "string") return !Number.isNaN(Date.parse(t.dateTime));
  return typeof t.date === "string";
}
