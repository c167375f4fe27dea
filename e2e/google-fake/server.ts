import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { calendarRoute } from "./calendar";
import { apiError, oauthError, sendJson } from "./errors";
import { consentDecision, consentPage, revoke, token, userinfo, type FakeClient } from "./oauth";
import { FakeState, type Fault, type FaultTarget } from "./state";

/*
 * A protocol-faithful stand-in for Google's OAuth 2.0 and Calendar v3 endpoints, so the real
 * `googleapis` client can be tested over HTTP without the internet. Paths mirror Google's:
 *   GET  /o/oauth2/v2/auth              consent page (Allow / Deny)
 *   POST /token                         authorization_code (+PKCE S256) and refresh_token
 *   POST /revoke                        revoke a grant
 *   GET  /oauth2/v2/userinfo            the account's email
 *   /calendar/v3/calendars/:id/events   insert, list; /:eventId get, patch, delete
 * Control (tests and demos):
 *   GET  /_control/state[?email=]       events, calls, grants
 *   POST /_control/faults               {target, status, reason?, count? | forMs?}
 *   POST /_control/latency              {ms}
 *   POST /_control/revoke-access        {email}: the user revokes access; refresh answers invalid_grant
 *   POST /_control/expire-tokens        every access token expires (forces a refresh)
 *   POST /_control/reset
 */

export type GoogleFake = { url: string; state: FakeState; close(): Promise<void> };

export async function startGoogleFake(opts: FakeClient & { port?: number; host?: string }): Promise<GoogleFake> {
  const state = new FakeState();
  const client: FakeClient = { clientId: opts.clientId, clientSecret: opts.clientSecret };
  const server = createServer((req, res) => {
    handle(req, res, state, client).catch((err) => {
      console.error("[google-fake]", err);
      if (!res.headersSent) apiError(res, 500);
      else res.end();
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The four GOOGLE_* URLs that point an app at a fake listening on `url`. */
export function fakeGoogleEnv(url: string) {
  return {
    GOOGLE_OAUTH_AUTH_URL: `${url}/o/oauth2/v2/auth`,
    GOOGLE_OAUTH_TOKEN_URL: `${url}/token`,
    GOOGLE_OAUTH_REVOKE_URL: `${url}/revoke`,
    GOOGLE_API_ROOT_URL: `${url}/`,
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handle(req: IncomingMessage, res: ServerResponse, state: FakeState, client: FakeClient) {
  const url = new URL(req.url ?? "/", "http://fake");
  const method = req.method ?? "GET";
  const raw = method === "GET" || method === "DELETE" ? "" : await readBody(req);
  const isJson = (req.headers["content-type"] ?? "").includes("json");
  const form = new URLSearchParams(isJson ? "" : raw);
  const path = url.pathname;

  if (path.startsWith("/_control/")) return control(res, path, method, raw, url.searchParams, state);

  if (path === "/o/oauth2/v2/auth" && method === "GET") return consentPage(res, url.searchParams, client);
  if (path === "/o/oauth2/v2/auth/decision" && method === "POST") return consentDecision(res, form, state);

  const target: FaultTarget | null =
    path === "/token" ? "token" : path === "/revoke" ? "revoke" : path === "/oauth2/v2/userinfo" ? "userinfo" : path.startsWith("/calendar/v3/") ? "calendar" : null;
  if (!target) return apiError(res, 404);

  if (state.latencyMs > 0) await sleep(state.latencyMs);
  const fault = state.takeFault(target);
  if (fault) {
    state.calls.push({ at: Date.now(), target, op: "fault", status: fault.status });
    if (target === "token" || target === "revoke") {
      return oauthError(res, fault.status, fault.reason ?? "internal_failure", "Injected fault");
    }
    return apiError(res, fault.status, fault.reason);
  }

  if (target === "token" && method === "POST") {
    state.calls.push({ at: Date.now(), target, op: form.get("grant_type") ?? "?", status: 0 });
    return token(req, res, form, state, client);
  }
  if (target === "revoke" && method === "POST") {
    state.calls.push({ at: Date.now(), target, op: "revoke", status: 0 });
    return revoke(res, url.searchParams.get("token") ?? form.get("token"), state);
  }
  if (target === "userinfo") return userinfo(req, res, state);

  const m = path.match(/^\/calendar\/v3\/calendars\/([^/]+)\/events(?:\/([^/]+))?$/);
  if (!m) return apiError(res, 404);
  let body: unknown = undefined;
  if (raw) {
    try {
      body = JSON.parse(raw);
    } catch {
      return apiError(res, 400, "parseError", "Parse Error");
    }
  }
  return calendarRoute(
    {
      req,
      res,
      state,
      body,
      record: (c) => state.calls.push({ at: Date.now(), target: "calendar", ...c }),
    },
    method,
    decodeURIComponent(m[1]!),
    m[2] ? decodeURIComponent(m[2]) : undefined,
    url.searchParams,
  );
}

function control(res: ServerResponse, path: string, method: string, raw: string, q: URLSearchParams, state: FakeState) {
  const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
  if (path === "/_control/state" && method === "GET") return sendJson(res, 200, state.snapshot(q.get("email") ?? undefined));
  if (method !== "POST") return apiError(res, 405 as number);
  switch (path) {
    case "/_control/faults": {
      const f: Fault = {
        target: (body.target as FaultTarget) ?? "calendar",
        status: Number(body.status),
        reason: typeof body.reason === "string" ? body.reason : undefined,
        remaining: body.count !== undefined ? Number(body.count) : undefined,
        until: body.forMs !== undefined ? Date.now() + Number(body.forMs) : undefined,
      };
      if (!f.status || (f.remaining === undefined && f.until === undefined)) {
        return sendJson(res, 400, { error: "status and count or forMs are required" });
      }
      state.faults.push(f);
      return sendJson(res, 200, { faults: state.faults });
    }
    case "/_control/latency":
      state.latencyMs = Number(body.ms) || 0;
      return sendJson(res, 200, { latencyMs: state.latencyMs });
    case "/_control/revoke-access": {
      let n = 0;
      for (const g of state.grants.values()) {
        if (g.email === String(body.email).toLowerCase()) {
          g.revoked = true;
          n++;
        }
      }
      return sendJson(res, 200, { revoked: n });
    }
    case "/_control/expire-tokens":
      for (const t of state.accessTokens.values()) t.expiresAt = 0;
      return sendJson(res, 200, {});
    case "/_control/reset":
      state.reset();
      return sendJson(res, 200, {});
  }
  return apiError(res, 404);
}
