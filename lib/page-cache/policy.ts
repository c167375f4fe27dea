import type { IncomingHttpHeaders } from "node:http";
import { hasSessionCookie } from "@/lib/auth/session-cookie";

/*
 * Which requests the public pages' cache (lib/page-cache/server.ts) may answer: a guest's
 * document request (GET, no session cookie, not a client-side navigation's RSC request, not a
 * crawler) for the directory, a business's page or its booking page. Everything else goes to
 * Next.js as before. Those pages read no request data but the session cookie (lib/app/guards.ts), so what
 * one guest gets is what every guest gets for the same address.
 */

/** Carries the placeholder nonce on the cache's own loopback render (lib/page-cache/server.ts). */
export const RENDER_NONCE_HEADER = "x-slotbook-render-nonce";
/** Where the process keeps that placeholder: a secret of this process, never sent to a client. */
export const RENDER_NONCE_ENV = "SLOTBOOK_RENDER_NONCE";

/**
 * The nonce proxy.ts gives a page: the cache's placeholder on the cache's own render (which
 * replaces it in every answer), otherwise a fresh random one. A client cannot name the
 * placeholder without knowing it.
 */
export function pageNonce(requestHeaders: Headers): string {
  const placeholder = process.env[RENDER_NONCE_ENV];
  if (placeholder && requestHeaders.get(RENDER_NONCE_HEADER) === placeholder) return placeholder;
  return Buffer.from(crypto.randomUUID()).toString("base64");
}

/** Whose version a cached page is checked against (lib/page-cache/versions.ts). */
export type PageScope = { kind: "directory" } | { kind: "provider"; slug: string };

export type CacheablePage = {
  /** The cache's key: the forwarded scheme and host, the host, and path and query as sent. */
  key: string;
  scope: PageScope;
  /** The client asked not to be served a stored copy (Cache-Control/Pragma: no-cache, a hard reload). */
  refresh: boolean;
};

const PROVIDER_PAGE = /^\/p\/([^/]+)(?:\/book)?$/;
// Headers of the router's own requests (RSC payloads, prefetches, server actions).
const ROUTER_HEADERS = ["rsc", "next-router-state-tree", "next-router-prefetch", "next-router-segment-prefetch", "next-action", "next-url"];

// Crawlers and link previewers: Next.js writes metadata into <head> for them instead of streaming
// it, so their pages differ from a browser's. They are rendered for themselves.
const CRAWLER = /bot|crawl|spider|slurp|preview|facebookexternalhit|facebookcatalog|whatsapp|yandex|baidu|sogou|ia_archiver|quora|vkshare|yeti|tumblr|googleweblight/i;

export function cacheablePage(req: { method?: string; url?: string; headers: IncomingHttpHeaders }): CacheablePage | null {
  if (req.method !== "GET" || !req.url || req.headers[RENDER_NONCE_HEADER] !== undefined) return null;
  if (ROUTER_HEADERS.some((h) => req.headers[h] !== undefined)) return null;
  const url = new URL(req.url, "http://x");
  if (url.searchParams.has("_rsc")) return null;
  const scope = scopeOf(url.pathname);
  if (!scope) return null;
  if (hasSessionCookie(cookieNames(req.headers.cookie))) return null;
  if (CRAWLER.test(String(req.headers["user-agent"] ?? ""))) return null;
  const noCache = (v: string | string[] | undefined) => /\bno-cache\b/i.test(String(v ?? ""));
  // The forwarded host and scheme are the trusted proxy's (scripts/serve.ts drops a client's own).
  const origin = [req.headers["x-forwarded-proto"], req.headers["x-forwarded-host"]].filter(Boolean).join("://");
  return {
    key: `${origin ? `${origin} ` : ""}${req.headers.host ?? ""}${req.url}`,
    scope,
    refresh: noCache(req.headers["cache-control"]) || noCache(req.headers.pragma),
  };
}

export function scopeOf(pathname: string): PageScope | null {
  if (pathname === "/") return { kind: "directory" };
  const m = PROVIDER_PAGE.exec(pathname);
  if (!m) return null;
  try {
    return { kind: "provider", slug: decodeURIComponent(m[1]!) };
  } catch {
    return null; // malformed escapes: Next.js answers those
  }
}

function cookieNames(header: string | undefined): { name: string }[] {
  if (!header) return [];
  return header.split(";").map((pair) => ({ name: pair.split("=", 1)[0]!.trim() }));
}
