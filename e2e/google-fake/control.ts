import type { ServerResponse } from "node:http";
import { calendarControl } from "./control-calendars";
import { sendJson } from "./errors";
import { decide } from "./oauth";
import type { Fault, FaultTarget, FakeState } from "./state";

/*
 * The control API (tests and demos), JSON in and out. Everything that names an `email` acts on
 * that Google account only, so journeys running side by side do not disturb each other.
 *   GET  /_control/state[?email=]        events, calendars, calls, grants
 *   POST /_control/faults                {method? | target?, email?, status?, reason?, delayMs?, count? | forMs?}
 *   POST /_control/reset-faults          {email?}: drop the queued faults (of that account)
 *   POST /_control/latency               {ms}: every call waits
 *   POST /_control/page-size             {max}: events.list pages hold at most max items (null: off)
 *   POST /_control/consent               {authorizeUrl, email, decision?, scopes?}: → {redirect}
 *   POST /_control/refresh-rotation      {email?, keepOld?, enabled?}: refresh answers a new refresh token
 *   POST /_control/revoke-access         {email}: the user revokes access; refresh answers invalid_grant
 *   POST /_control/expire-tokens         {email?}: access tokens expire (forces a refresh)
 *   POST /_control/reset
 * plus the calendar endpoints of control-calendars.ts.
 */

const METHOD_TARGET = (m: string): FaultTarget =>
  m.startsWith("token.") ? "token" : m === "revoke" ? "revoke" : m.startsWith("userinfo") ? "userinfo" : "calendar";

export function control(res: ServerResponse, path: string, method: string, raw: string, q: URLSearchParams, state: FakeState) {
  let body: Record<string, unknown>;
  try {
    body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
  } catch {
    return sendJson(res, 400, { error: "the body must be JSON" });
  }
  if (path === "/_control/state" && method === "GET") return sendJson(res, 200, state.snapshot(q.get("email")?.toLowerCase() ?? undefined));
  if (method !== "POST") return sendJson(res, 405, { error: "POST only" });
  const email = typeof body.email === "string" ? body.email.trim().toLowerCase() : undefined;
  switch (path) {
    case "/_control/faults": {
      const m = typeof body.method === "string" ? body.method : undefined;
      const f: Fault = {
        target: (body.target as FaultTarget) ?? (m ? METHOD_TARGET(m) : "calendar"),
        method: m,
        email,
        status: body.status !== undefined ? Number(body.status) : undefined,
        reason: typeof body.reason === "string" ? body.reason : undefined,
        delayMs: body.delayMs !== undefined ? Number(body.delayMs) : undefined,
        remaining: body.count !== undefined ? Number(body.count) : undefined,
        until: body.forMs !== undefined ? Date.now() + Number(body.forMs) : undefined,
      };
      if ((!f.status && !f.delayMs) || (f.remaining === undefined && f.until === undefined)) {
        return sendJson(res, 400, { error: "status or delayMs, and count or forMs, are required" });
      }
      state.faults.push(f);
      return sendJson(res, 200, { faults: state.faults });
    }
    case "/_control/reset-faults":
      state.faults = email ? state.faults.filter((f) => f.email !== email) : [];
      return sendJson(res, 200, { faults: state.faults });
    case "/_control/latency":
      state.latencyMs = Number(body.ms) || 0;
      return sendJson(res, 200, { latencyMs: state.latencyMs });
    case "/_control/page-size":
      state.pageSizeCap = body.max === null || body.max === undefined ? null : Math.max(1, Number(body.max));
      return sendJson(res, 200, { pageSizeCap: state.pageSizeCap });
    case "/_control/consent": {
      if (typeof body.authorizeUrl !== "string" || !email) return sendJson(res, 400, { error: "authorizeUrl and email are required" });
      const u = new URL(body.authorizeUrl);
      const form = new URLSearchParams(u.searchParams);
      form.set("email", email);
      form.set("decision", body.decision === "deny" ? "deny" : "allow");
      const requested = (u.searchParams.get("scope") ?? "").split(/\s+/).filter(Boolean);
      for (const s of Array.isArray(body.scopes) ? (body.scopes as string[]) : requested) form.append("granted_scope", s);
      if (!form.get("redirect_uri")) return sendJson(res, 400, { error: "the authorize URL has no redirect_uri" });
      return sendJson(res, 200, { redirect: decide(form, state).toString() });
    }
    case "/_control/refresh-rotation": {
      const key = email ?? "*";
      if (body.enabled === false) state.rotation.delete(key);
      else state.rotation.set(key, { keepOld: body.keepOld === true });
      return sendJson(res, 200, { rotation: Object.fromEntries(state.rotation) });
    }
    case "/_control/revoke-access": {
      let n = 0;
      for (const g of state.grants.values()) {
        if (g.email === email) {
          g.revoked = true;
          n++;
        }
      }
      return sendJson(res, 200, { revoked: n });
    }
    case "/_control/expire-tokens":
      for (const t of state.accessTokens.values()) if (!email || state.grants.get(t.grantId)?.email === email) t.expiresAt = 0;
      return sendJson(res, 200, {});
    case "/_control/reset":
      state.reset();
      return sendJson(res, 200, {});
  }
  const reply = calendarControl(state, path, body);
  if (reply) return sendJson(res, reply.status, reply.body);
  return sendJson(res, 404, { error: "unknown control endpoint" });
}
