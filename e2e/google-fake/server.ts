import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { calendarRoute, handleCalendar, type Route } from "./calendar";
import { control } from "./control";
import { apiError, oauthError, rateLimitDetails } from "./errors";
import { consentDecision, consentPage, revoke, token, tokenInfo, userinfo, type FakeClient } from "./oauth";
import { FakeState, type CallRecord, type FaultTarget } from "./state";

/*
 * A protocol-faithful stand-in for Google's OAuth 2.0 and Calendar v3 endpoints, so the real
 * `googleapis` client can be tested over HTTP without the internet. Paths mirror Google's:
 *   GET  /o/oauth2/v2/auth              consent page (Allow / Deny)
 *   POST /token                         authorization_code (+PKCE S256) and refresh_token
 *   POST /revoke                        revoke a grant
 *   GET  /oauth2/v2/userinfo            the account's email
 *   GET  /tokeninfo?access_token=       scopes and expiry of an access token
 *   GET  /calendar/v3/users/me/calendarList[/:calendarId]
 *   /calendar/v3/calendars/:id/events   insert, list (sync tokens); /:eventId get, patch, update, delete
 *   POST /calendar/v3/freeBusy
 * Control (tests and demos): /_control/…, see control.ts and control-calendars.ts.
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

type Call = { target: FaultTarget; method: string; email?: string; route?: Route };

/** Which endpoint and method a request is, and for which account (faults can aim at one). */
function identify(req: IncomingMessage, path: string, http: string, form: URLSearchParams, state: FakeState): Call | null {
  const bearer = () => state.grantForBearer(req.headers.authorization)?.email;
  if (path === "/token" && http === "POST") {
    const type = form.get("grant_type") ?? "?";
    const email = type === "refresh_token" ? state.grantForRefreshToken(form.get("refresh_token"))?.email : state.codes.get(form.get("code") ?? "")?.grantEmail;
    return { target: "token", method: `token.${type}`, email };
  }
  if (path === "/revoke" && http === "POST") return { target: "revoke", method: "revoke" };
  if (path === "/tokeninfo") return { target: "token", method: "token.info" };
  if (path === "/oauth2/v2/userinfo") return { target: "userinfo", method: "userinfo.get", email: bearer() };
  const route = path.startsWith("/calendar/v3/") ? calendarRoute(path, http) : null;
  return route ? { target: "calendar", method: route.method, email: bearer(), route } : null;
}

async function handle(req: IncomingMessage, res: ServerResponse, state: FakeState, client: FakeClient) {
  const url = new URL(req.url ?? "/", "http://fake");
  const method = req.method ?? "GET";
  const raw = method === "GET" || method === "DELETE" ? "" : await readBody(req);
  const isJson = (req.headers["content-type"] ?? "").includes("json");
  const form = new URLSearchParams(isJson ? "" : raw);
  const path = url.pathname;

  if (path.startsWith("/_control/")) return control(res, path, method, raw, url.searchParams, state);

  if (path === "/o/oauth2/v2/auth" && method === "GET") return consentPage(res, url.searchParams, client, state);
  if (path === "/o/oauth2/v2/auth/decision" && method === "POST") return consentDecision(res, form, state);

  const call = identify(req, path, method, form, state);
  if (!call) return apiError(res, 404);

  if (state.latencyMs > 0) await sleep(state.latencyMs);
  const fault = state.takeFault(call.target, call.method, call.email);
  if (fault?.delayMs) await sleep(fault.delayMs);
  if (fault?.status) {
    state.calls.push({ at: Date.now(), target: call.target, op: "fault", method: call.method, status: fault.status, email: call.email });
    if (call.target === "token" || call.target === "revoke") {
      const words = fault.reason === "invalid_grant" ? "Token has been expired or revoked." : "Injected fault";
      return oauthError(res, fault.status, fault.reason ?? "internal_failure", words);
    }
    const limited = fault.reason && /RateLimitExceeded$|^rateLimitExceeded$/.test(fault.reason);
    return apiError(res, fault.status, fault.reason, undefined, limited ? { details: rateLimitDetails(fault.reason!) } : {});
  }

  if (call.target === "token") {
    state.calls.push({ at: Date.now(), target: "token", op: form.get("grant_type") ?? "?", method: call.method, status: 0, email: call.email });
    if (call.method === "token.info") {
      const bearer = req.headers.authorization?.match(/^Bearer (.+)$/i)?.[1] ?? null;
      return tokenInfo(res, url.searchParams.get("access_token") ?? form.get("access_token") ?? bearer, state);
    }
    return token(req, res, form, state, client);
  }
  if (call.target === "revoke") {
    state.calls.push({ at: Date.now(), target: "revoke", op: "revoke", method: "revoke", status: 0 });
    return revoke(res, url.searchParams.get("token") ?? form.get("token"), state);
  }
  if (call.target === "userinfo") return userinfo(req, res, state);

  let body: unknown = undefined;
  if (raw) {
    try {
      body = JSON.parse(raw);
    } catch {
      return apiError(res, 400, "parseError", "Parse Error");
    }
  }
  const record = (c: Omit<CallRecord, "at" | "target">) => state.calls.push({ at: Date.now(), target: "calendar", ...c });
  return handleCalendar({ res, state, body, q: url.searchParams, record }, call.route!, state.grantForBearer(req.headers.authorization));
}
