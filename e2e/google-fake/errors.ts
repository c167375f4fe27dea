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

// Reasons whose message and domain differ from their status code's default (Calendar's error guide).
const byReason: Record<string, { message: string; domain: string }> = {
  rateLimitExceeded: { message: "Rate Limit Exceeded", domain: "usageLimits" },
  userRateLimitExceeded: { message: "User Rate Limit Exceeded", domain: "usageLimits" },
  quotaExceeded: { message: "Calendar usage limits exceeded.", domain: "usageLimits" },
  insufficientPermissions: { message: "Insufficient Permission", domain: "global" },
  requiredAccessLevel: { message: "You need to have writer access to this calendar.", domain: "calendar" },
  fullSyncRequired: { message: "Sync token is no longer valid, a full sync is required.", domain: "calendar" },
  timeRangeEmpty: { message: "The specified time range is empty.", domain: "calendar" },
  syncTokenWithRequestRestrictions: { message: "Sync token cannot be used with other request restrictions.", domain: "global" },
};

export type ApiErrorExtra = { location?: string; details?: unknown[]; headers?: Record<string, string> };

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers });
  res.end(JSON.stringify(body));
}

export function apiError(res: ServerResponse, code: number, reason?: string, message?: string, extra: ApiErrorExtra = {}) {
  const base = apiReasons[code] ?? { message: "Error", reason: "unknown", domain: "global" };
  const r = reason ?? base.reason;
  const known = byReason[r];
  const entryMessage = known?.message ?? message ?? base.message;
  const location =
    code === 401 ? { location: "Authorization", locationType: "header" } : extra.location ? { location: extra.location, locationType: "parameter" } : {};
  const error: Record<string, unknown> = {
    code,
    // The scope error's top-level message is longer than its entry's ("Insufficient Permission").
    message: message ?? entryMessage,
    errors: [{ message: entryMessage, domain: known?.domain ?? base.domain, reason: r, ...location }],
  };
  if (base.status) error.status = base.status;
  if (extra.details) error.details = extra.details;
  const headers: Record<string, string> = code === 401 ? { "www-authenticate": 'Bearer realm="https://accounts.google.com/"' } : {};
  if (code === 429 || code === 503) headers["retry-after"] = "1";
  sendJson(res, code, { error }, { ...headers, ...extra.headers });
}

/** 403 for a token without a scope the method needs, with the ErrorInfo Google adds. */
export function scopeError(res: ServerResponse, method: string, accepted: string[]) {
  const rpc = method.replace(/^(\w)(\w*)\.(\w)/, (_m, a: string, b: string, c: string) => `${a.toUpperCase()}${b}.${c.toUpperCase()}`);
  apiError(res, 403, "insufficientPermissions", "Request had insufficient authentication scopes.", {
    details: [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
        domain: "googleapis.com",
        metadata: { service: "calendar-json.googleapis.com", method: `calendar.v3.${rpc}` },
      },
    ],
    headers: {
      "www-authenticate": `Bearer realm="https://accounts.google.com/", error="insufficient_scope", scope="${accepted.join(" ")}"`,
    },
  });
}

/** An injected rate limit carries Google's ErrorInfo too (clients may read either). */
export function rateLimitDetails(reason: string): unknown[] {
  return [
    {
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: reason === "userRateLimitExceeded" ? "USER_RATE_LIMIT_EXCEEDED" : "RATE_LIMIT_EXCEEDED",
      domain: "googleapis.com",
      metadata: { service: "calendar-json.googleapis.com" },
    },
  ];
}

/** OAuth 2.0 token/revoke endpoint errors: `{ error, error_description }`. */
export function oauthError(res: ServerResponse, status: number, error: string, description: string) {
  sendJson(res, status, { error, error_description: description });
}

/** What a Calendar handler answers: a status, and a body or one of Google's error shapes. */
export type Reply = { status: number; body?: unknown; reason?: string; message?: string; location?: string };
