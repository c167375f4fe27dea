import type { ServerResponse } from "node:http";

/* Google's error bodies, as its APIs send them (Calendar v3 JSON errors, OAuth 2.0 errors). */

const apiReasons: Record<number, { message: string; reason: string; domain: string; status?: string }> = {
  400: { message: "Bad Request", reason: "badRequest", domain: "global", status: "INVALID_ARGUMENT" },
  401: { message: "Invalid Credentials", reason: "authError", domain: "global", status: "UNAUTHENTICATED" },
  403: { message: "Forbidden", reason: "forbidden", domain: "global", status: "PERMISSION_DENIED" },
  404: { message: "Not Found", reason: "notFound", domain: "global", status: "NOT_FOUND" },
  409: { message: "The requested identifier already exists.", reason: "duplicate", domain: "global", status: "ALREADY_EXISTS" },
  410: { message: "Resource has been deleted", reason: "deleted", domain: "global" },
  429: { message: "Rate Limit Exceeded", reason: "rateLimitExceeded", domain: "usageLimits", status: "RESOURCE_EXHAUSTED" },
  500: { message: "Backend Error", reason: "backendError", domain: "global", status: "INTERNAL" },
  503: { message: "The service is currently unavailable.", reason: "backendError", domain: "global", status: "UNAVAILABLE" },
};

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers });
  res.end(JSON.stringify(body));
}

export function apiError(res: ServerResponse, code: number, reason?: string, message?: string) {
  const base = apiReasons[code] ?? { message: "Error", reason: "unknown", domain: "global" };
  const r = reason ?? base.reason;
  const domain = r === "rateLimitExceeded" || r === "userRateLimitExceeded" ? "usageLimits" : base.domain;
  const msg = message ?? (r === "rateLimitExceeded" ? "Rate Limit Exceeded" : base.message);
  const error: Record<string, unknown> = {
    code,
    message: msg,
    errors: [{ message: msg, domain, reason: r, ...(code === 401 ? { location: "Authorization", locationType: "header" } : {}) }],
  };
  if (base.status) error.status = base.status;
  const headers: Record<string, string> = code === 401 ? { "www-authenticate": 'Bearer realm="https://accounts.google.com/"' } : {};
  if (code === 429 || code === 503) headers["retry-after"] = "1";
  sendJson(res, code, { error }, headers);
}

/** OAuth 2.0 token/revoke endpoint errors: `{ error, error_description }`. */
export function oauthError(res: ServerResponse, status: number, error: string, description: string) {
  sendJson(res, status, { error, error_description: description });
}
