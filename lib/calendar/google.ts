import { Auth, google, type calendar_v3 } from "googleapis";
import type { GoogleConfig } from "./config";

/* Every call to Google goes through here: one OAuth client and one Calendar client per use. */

export type OAuth2Client = Auth.OAuth2Client;
export type Credentials = Auth.Credentials;

export function oauthClient(cfg: GoogleConfig, credentials?: Credentials): OAuth2Client {
  const client = new Auth.OAuth2Client({
    clientId: cfg.clientId,
    clientSecret: cfg.clientSecret,
    redirectUri: cfg.redirectUri,
    endpoints: { oauth2AuthBaseUrl: cfg.authUrl, oauth2TokenUrl: cfg.tokenUrl, oauth2RevokeUrl: cfg.revokeUrl },
  });
  if (credentials) client.setCredentials(credentials);
  return client;
}

export function calendarApi(cfg: GoogleConfig, auth: OAuth2Client, timeoutMs = 20_000): calendar_v3.Calendar {
  // retry: false — the job queue and withBackoff own retries (backoff with jitter, attempts recorded).
  return google.calendar({ version: "v3", auth, rootUrl: cfg.apiRoot, retry: false, timeout: timeoutMs });
}

export async function fetchAccountEmail(cfg: GoogleConfig, auth: OAuth2Client): Promise<string | null> {
  const res = await google.oauth2({ version: "v2", auth, rootUrl: cfg.apiRoot, retry: false }).userinfo.get();
  return res.data.email?.toLowerCase() ?? null;
}

export type GoogleFailure =
  | { kind: "invalid_grant"; message: string }
  | { kind: "transient"; status: number | null; message: string }
  | { kind: "not_found" | "gone" | "duplicate" | "unauthorized"; status: number; message: string }
  | { kind: "permanent"; status: number | null; message: string };

const RATE_LIMIT_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "quotaExceeded"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EAI_AGAIN", "ENOTFOUND", "UND_ERR_SOCKET", "ECONNABORTED"]);

/** What a failed Google call means for the sync: retry later, reconnect, or give up on this one. */
export function classifyGoogleError(e: unknown): GoogleFailure {
  const err = e as {
    status?: number;
    code?: string | number;
    message?: string;
    response?: { status?: number; data?: { error?: unknown; error_description?: string } };
  };
  const status = err.response?.status ?? (typeof err.status === "number" ? err.status : null);
  const data = err.response?.data;
  if (data?.error === "invalid_grant" || (typeof err.message === "string" && /invalid_grant/.test(err.message))) {
    return { kind: "invalid_grant", message: "Google access was revoked or has expired." };
  }
  const apiErr = typeof data?.error === "object" && data.error ? (data.error as { message?: string; errors?: { reason?: string }[] }) : null;
  const reason = apiErr?.errors?.[0]?.reason;
  const message = apiErr?.message ?? (typeof data?.error === "string" ? data.error : null) ?? err.message ?? "Unknown error";
  if (status === null) {
    const code = typeof err.code === "string" ? err.code : "";
    return NETWORK_CODES.has(code) || /timeout|network|socket|fetch failed/i.test(err.message ?? "")
      ? { kind: "transient", status: null, message: "Google could not be reached." }
      : { kind: "permanent", status: null, message };
  }
  if (status === 429 || status >= 500 || (status === 403 && reason && RATE_LIMIT_REASONS.has(reason))) {
    return { kind: "transient", status, message: status === 429 || status === 403 ? "Google asked us to slow down." : "Google was unavailable." };
  }
  if (status === 401) return { kind: "unauthorized", status, message: "Google did not accept the access token." };
  if (status === 404) return { kind: "not_found", status, message };
  if (status === 410) return { kind: "gone", status, message };
  if (status === 409) return { kind: "duplicate", status, message };
  return { kind: "permanent", status, message };
}

/** A provider-facing sentence for a failure (no tokens, no stack traces). */
export function describeFailure(f: GoogleFailure): string {
  switch (f.kind) {
    case "invalid_grant":
      return "Google no longer accepts Slotbook's access to your calendar. Reconnect to resume syncing.";
    case "transient":
      return `${f.message} Slotbook keeps retrying.`;
    case "unauthorized":
      return "Google did not accept Slotbook's access. Slotbook will retry; reconnect if this persists.";
    default:
      return f.status === 403
        ? "Google refused the change (no permission on this calendar)."
        : `Google refused the change (${f.status ?? "error"}: ${f.message}).`;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one Google call, again after a transient failure (403 rateLimitExceeded /
 * userRateLimitExceeded / quotaExceeded, 429, 5xx, network), waiting a random time up to
 * base·2^n ("full jitter") between tries, for every method (the HTTP client retries only some,
 * and the app turns its retries off). Gives up after `attempts` tries, or when the next wait
 * would pass `deadline` (epoch ms), with the last error.
 */
export async function withBackoff<T>(
  call: () => Promise<T>,
  opts: { attempts?: number; baseMs?: number; maxMs?: number; deadline?: number; random?: () => number } = {},
): Promise<T> {
  const attempts = opts.attempts ?? 5;
  const base = opts.baseMs ?? 250;
  const max = opts.maxMs ?? 8_000;
  const random = opts.random ?? Math.random;
  for (let n = 0; ; n++) {
    try {
      return await call();
    } catch (e) {
      if (classifyGoogleError(e).kind !== "transient" || n + 1 >= attempts) throw e;
      const wait = random() * Math.min(max, base * 2 ** n);
      if (opts.deadline !== undefined && Date.now() + wait >= opts.deadline) throw e;
      await sleep(wait);
    }
  }
}
