/**
 * `npm start` (and, with --dev, `npm run dev`): Next.js behind a small Node HTTP server that
 * decides the client's address before Next.js sees the request. X-Forwarded-For is replaced by
 * the one address it trusts (TRUST_PROXY_HOPS: 0 → the socket's address; n → the entry the
 * outermost of n trusted proxies appended), so per-IP limits cannot be dodged with a made-up
 * header. Without trusted proxies, the client's X-Forwarded-Host/-Proto go too.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import type { AddressInfo } from "node:net";
import { REQUEST_DEADLINE_MS } from "@/db";
import { withDatabaseDeadline } from "@/db/guard";
import { applyTrustedClientAddress, normalizeRequest, refusalPage, serverActionRefusal, TOO_LARGE, type Refusal } from "@/lib/infra/http";
import { isUnsizedActionPost, readBodyWithin, withBody } from "@/lib/infra/http-body";
import { lookupPageFingerprint } from "@/lib/page-cache/registry";
import { createPageCache } from "@/lib/page-cache/server";
import { envOrExit } from "./lib/config";

process.env.NEXT_TELEMETRY_DISABLED ??= "1";
const dev = process.argv.includes("--dev");
// As `next start`/`next dev` do; read before the configuration (production refuses dev secrets).
Object.assign(process.env, { NODE_ENV: process.env.NODE_ENV || (dev ? "development" : "production") });
const e = envOrExit();
const hostname = process.env.HOSTNAME?.trim() || "0.0.0.0";
const hops = e.TRUST_PROXY_HOPS;

/** A stored page is rendered again after this long whatever its version: the clock moves free times. */
const PAGE_CACHE_MAX_AGE_MS = 60_000;
const PAGE_CACHE_MAX_BYTES = 64 * 1024 * 1024;

const app = next({ dev, hostname, port: e.PORT, ...(dev ? { turbopack: true } : {}) });
await app.prepare();
const handle = app.getRequestHandler();
const upgrade = app.getUpgradeHandler();

// The public pages' cache (lib/page-cache): not in development, where pages follow the code.
const pageCache = dev
  ? null
  : createPageCache({
      origin: loopbackOrigin,
      fingerprint: lookupPageFingerprint,
      maxAgeMs: PAGE_CACHE_MAX_AGE_MS,
      maxBytes: PAGE_CACHE_MAX_BYTES,
    });

// Every request's database work together ends within REQUEST_DEADLINE_MS of its arrival, so it
// is answered within 6 s even while the database is away (db/guard.ts).
const server = createServer((req, res) => withDatabaseDeadline(REQUEST_DEADLINE_MS, () => serve(req, res)));

function serve(req: IncomingMessage, res: ServerResponse): void {
  applyTrustedClientAddress(req, hops);
  normalizeRequest(req);
  // A cross-origin or oversized server-action post: Next.js would answer a plain 500.
  const refusal = serverActionRefusal(req);
  if (refusal) {
    // Read (and drop) what the client is still sending before answering, so it sees the answer
    // rather than a reset connection; a body far past any form's size is cut off.
    let received = 0;
    req.on("data", (chunk: Buffer) => {
      received += chunk.length;
      if (received > 64 * 1024 * 1024) req.destroy();
    });
    req.on("end", () => refuse(res, refusal));
    req.resume();
    return;
  }
  // A chunked body declares no length for serverActionRefusal to judge: read it first, up to the limit.
  if (isUnsizedActionPost(req)) {
    readBodyWithin(req).then(
      (body) => (body === null ? refuse(res, TOO_LARGE) : route(withBody(req, body), res)),
      () => res.destroy(),
    );
    return;
  }
  route(req, res);
}

function refuse(res: ServerResponse, refusal: Refusal): void {
  const page = refusalPage(refusal);
  if (!res.headersSent && !res.destroyed) res.writeHead(page.status, page.headers).end(page.body);
}

function route(req: IncomingMessage, res: ServerResponse): void {
  if (!pageCache) return void handle(req, res);
  pageCache.serve(req, res).then(
    (answered) => {
      if (!answered) void handle(req, res);
    },
    (err: unknown) => {
      console.error("[page-cache]", err);
      if (!res.headersSent) void handle(req, res);
      else res.destroy();
    },
  );
}
// Keep idle connections longer than the clients and proxies that reuse them: with Node's 5 s
// default, a proxy's (or a test client's) request on a connection idle for about 5 s can meet
// the server closing it, and fails with ECONNRESET (a 502 behind a proxy). Load balancers
// commonly keep upstream connections for 60 s.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.on("upgrade", (req, socket, head) => {
  applyTrustedClientAddress(req, hops);
  void upgrade(req, socket, head);
});
server.listen(e.PORT, hostname, () => {
  console.log(`> Slotbook ${dev ? "(development) " : ""}on http://${hostname}:${e.PORT} (trusted proxy hops: ${hops})`);
});

/** This server over loopback, for the page cache's renders. */
function loopbackOrigin(): string {
  const { address, family, port } = server.address() as AddressInfo;
  const host = address === "0.0.0.0" || address === "::" ? "127.0.0.1" : family === "IPv6" ? `[${address}]` : address;
  return `http://${host}:${port}`;
}

const stop = () => {
  server.close(() => process.exit(0));
  void app.close();
  setTimeout(() => process.exit(0), 5000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
