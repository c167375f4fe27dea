import type { IncomingMessage } from "node:http";
import { z } from "zod";
import { AppError, asAppError, isAppError, pgErrorCode } from "./errors";
import { currentRequestId, log } from "./log";

/**
 * JSON error answers for route handlers, in one place: an AppError becomes its status and
 * message (422 always carries `fieldErrors`; 429 carries Retry-After); anything else is
 * logged and answered with a generic 500, never the error's own text.
 */
export function errorResponse(error: unknown): Response {
  const e = asAppError(error);
  if (isAppError(e)) {
    const body: { error: string; fieldErrors?: Record<string, string[]> } = { error: e.message };
    if (e.status === 422 || e.fieldErrors) body.fieldErrors = e.fieldErrors ?? {};
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (e.code === "RATE_LIMITED" || e.code === "UNAVAILABLE") headers["Retry-After"] = String(e.retryAfter ?? 60);
    return Response.json(body, { status: e.status, headers });
  }
  // Postgres "data exception" (class 22: NUL in text, a date out of range …): the input's
  // fault, caught here in case a value slipped past the schemas. Never a 500.
  if (pgErrorCode(e)?.startsWith("22")) {
    return Response.json(
      { error: "The request contains a value that cannot be stored.", fieldErrors: {} },
      { status: 422, headers: { "Cache-Control": "no-store" } },
    );
  }
  void currentRequestId().then((requestId) => log.error({ component: "http", requestId, err: e }, "unexpected error in route handler"));
  return Response.json({ error: "Something went wrong on our side. Please try again." }, { status: 500 });
}

/** A zod failure as the API's 422: `{ error, fieldErrors }`. */
export function validationError(error: z.ZodError): AppError {
  const fieldErrors = z.flattenError(error).fieldErrors as Record<string, string[]>;
  return new AppError("VALIDATION", undefined, { fieldErrors });
}

/** The request's JSON body, or a 422 AppError when it is missing or not a JSON object. */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("VALIDATION", "The request body must be a JSON object.", { fieldErrors: {} });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new AppError("VALIDATION", "The request body must be a JSON object.", { fieldErrors: {} });
  }
  return body as Record<string, unknown>;
}

/**
 * The caller's address for per-IP limits. scripts/serve.ts (behind `npm start` and `npm run
 * dev`) replaces X-Forwarded-For with the one address it trusts (see `trustedClientAddress`),
 * so the header holds a single entry that no client chose; the last entry is taken in case a
 * deployment skipped the wrapper and a proxy appended the socket address.
 */
export function clientIp(source: Request | Headers): string {
  const headers = source instanceof Headers ? source : source.headers;
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").map((s) => s.trim()).filter(Boolean).at(-1);
  return (last || "unknown").slice(0, 100);
}

/**
 * The client's address as seen through `hops` trusted proxies: the socket's own address when
 * hops is 0 (nothing the client wrote counts), else the entry the outermost trusted proxy
 * appended to X-Forwarded-For. Entries left of that are the client's own claims and never used.
 */
export function trustedClientAddress(socketAddress: string | undefined, forwardedFor: string | string[] | undefined, hops: number): string {
  const socket = normalizeAddress(socketAddress) || "unknown";
  if (hops <= 0) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? "");
  const chain = [...header.split(",").map((s) => s.trim()).filter(Boolean), socket];
  // chain[-1] is the socket (the nearest proxy); each trusted hop vouches for the entry before it.
  const index = Math.max(0, chain.length - 1 - hops);
  return normalizeAddress(chain[index]) || "unknown";
}

/** "::ffff:198.51.100.4" → "198.51.100.4"; anything that is not an IP literal → "". */
function normalizeAddress(raw: string | undefined): string {
  const a = (raw ?? "").trim().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(a)) return a;
  if (/^[0-9a-f:]+$/i.test(a) && a.includes(":") && a.length <= 45) return a.toLowerCase();
  return "";
}

/**
 * What scripts/serve.ts does to every request before Next.js sees it: X-Forwarded-For becomes
 * the one trusted address, X-Real-IP and Forwarded go, and without trusted proxies the
 * client's own X-Forwarded-Host/-Proto/-Port go too (Auth.js builds URLs from them).
 */
export function applyTrustedClientAddress(req: IncomingMessage, hops: number): void {
  req.headers["x-forwarded-for"] = trustedClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], hops);
  delete req.headers["x-real-ip"];
  delete req.headers["forwarded"];
  if (hops === 0) {
    delete req.headers["x-forwarded-host"];
    delete req.headers["x-forwarded-proto"];
    delete req.headers["x-forwarded-port"];
  }
}

/** next.config.ts experimental.serverActions.bodySizeLimit ("3mb"): Next.js refuses a larger action body. */
export const SERVER_ACTION_BODY_LIMIT = 3 * 1024 * 1024;

export type Refusal = { status: 403 | 413; title: string; message: string };

/** A server-action body over SERVER_ACTION_BODY_LIMIT, declared (here) or streamed (http-body.ts). */
export const TOO_LARGE: Refusal = {
  status: 413,
  title: "Too large",
  message: "What you sent is larger than 3 MB, so it was not accepted. Nothing was changed.",
};

/**
 * What Next.js would refuse with a plain 500, answered here first with its real status: a
 * server-action post (any POST outside /api/, where only actions are posted) from another
 * origin (Origin's host ≠ Host, as Next.js compares them), or whose declared body is over the
 * action body limit. Null: let Next.js handle it.
 */
export function serverActionRefusal(req: Pick<IncomingMessage, "method" | "url" | "headers">): Refusal | null {
  if (req.method !== "POST" || (req.url ?? "/").startsWith("/api/")) return null;
  const origin = req.headers.origin;
  if (origin && origin !== "null") {
    const host = String(req.headers["x-forwarded-host"] ?? req.headers.host ?? "").split(",")[0]!.trim().toLowerCase();
    let originHost: string | null = null;
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      originHost = null;
    }
    if (originHost !== host) {
      return { status: 403, title: "Not allowed", message: "This form was sent from another site, so it was not accepted. Nothing was changed." };
    }
  } else if (origin === "null") {
    return { status: 403, title: "Not allowed", message: "This form was sent from another site, so it was not accepted. Nothing was changed." };
  }
  const length = Number(req.headers["content-length"] ?? 0);
  if (Number.isFinite(length) && length > SERVER_ACTION_BODY_LIMIT) {
    return TOO_LARGE;
  }
  return null;
}

/** A refusal as a small page of its own (no scripts, so a policy of its own). */
export function refusalPage(r: Refusal): { status: number; headers: Record<string, string>; body: string } {
  const escape = (s: string) => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(r.title)} · Slotbook</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><h1>${escape(r.title)}</h1><p>${escape(r.message)}</p><p><a href="/">Back to Slotbook</a></p></body></html>`;
  return {
    status: r.status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      Connection: "close",
    },
    body,
  };
}

/**
 * Small repairs before Next.js sees a request: an absolute-form target ("GET http://host/x",
 * legal for proxies) becomes its path, which Next.js otherwise fails on with a TypeError; and
 * encodings the client refused ("gzip;q=0") are taken out of Accept-Encoding, which Next.js's
 * compression does not read.
 */
export function normalizeRequest(req: Pick<IncomingMessage, "url" | "headers">): void {
  const url = req.url ?? "/";
  if (!url.startsWith("/") && url !== "*") {
    try {
      const parsed = new URL(url);
      req.url = `${parsed.pathname}${parsed.search}`;
    } catch {
      req.url = "/";
    }
  }
  const accept = req.headers["accept-encoding"];
  if (typeof accept === "string" && /;\s*q\s*=\s*0(?:\.0*)?\s*(?:,|$)/i.test(accept)) {
    req.headers["accept-encoding"] = accept
      .split(",")
      .map((s) => s.trim())
      .filter((s) => s && !/;\s*q\s*=\s*0(?:\.0*)?$/i.test(s))
      .join(", ");
  }
}

/**
 * The origin a request was addressed to, from its Host (or, behind trusted proxies, the
 * X-Forwarded-Host that scripts/serve.ts lets through; Next.js sets it from Host otherwise)
 * and protocol. Next.js builds a custom server's request URLs from the address it listens on
 * (http://0.0.0.0:PORT), which Auth.js would put into its redirects. Without a usable host (no
 * Host header, the listening address itself, anything that is not a bare host[:port]):
 * `fallback`'s origin (APP_URL).
 */
export function requestOrigin(headers: Headers, fallback: string): string {
  const first = (v: string | null) => v?.split(",")[0]?.trim() || null;
  const host = (first(headers.get("x-forwarded-host")) ?? first(headers.get("host")))?.toLowerCase();
  const proto = first(headers.get("x-forwarded-proto")) === "https" ? "https" : "http";
  const fallbackOrigin = new URL(fallback).origin;
  if (!host) return fallbackOrigin;
  try {
    const url = new URL(`${proto}://${host}`);
    if (url.host !== host || url.hostname === "0.0.0.0" || url.hostname === "[::]") return fallbackOrigin;
    return url.origin;
  } catch {
    return fallbackOrigin;
  }
}
