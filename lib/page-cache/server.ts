import { randomBytes } from "node:crypto";
import { request as httpRequest, Agent, type IncomingMessage, type ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip as gzipCb } from "node:zlib";
import { cacheablePage, RENDER_NONCE_ENV, RENDER_NONCE_HEADER, type PageScope } from "./policy";
import { PageStore, toStoredPage, withNonce, type StoredPage } from "./store";

/*
 * The public pages' cache, in front of Next.js in scripts/serve.ts. A guest's request for the
 * directory, a business's page or its booking page (lib/page-cache/policy.ts) is answered from
 * memory when the stored page's version still matches the database's (one indexed read,
 * lib/page-cache/versions.ts) and it is younger than maxAge; otherwise the page is rendered by
 * Next.js over loopback, with a per-process placeholder as its CSP nonce, and stored. Every
 * answer, stored or fresh, carries a new nonce in its CSP header and its scripts.
 *
 * Signed-in requests, the router's RSC requests, server actions and every other route never
 * touch it.
 */

/** `hit`, `miss` (rendered now and stored) or `render` (rendered, not storable): for tests and operators. */
export const CACHE_STATUS_HEADER = "x-slotbook-cache";

export type PageCacheOptions = {
  /** Where Next.js listens, for the loopback render. */
  origin: () => string;
  /** The version of a scope, read from the database; null when there is no such business. */
  fingerprint: (scope: PageScope) => Promise<string | null>;
  maxAgeMs: number;
  maxBytes: number;
};

type Rendered = { status: number; headers: [string, string[]][]; body: string };

const gzip = promisify(gzipCb);
// Hop-by-hop and per-answer headers: never replayed from a stored page.
const NOT_STORED = new Set(["connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "date", "x-slotbook-cache"]);

export function createPageCache(opts: PageCacheOptions) {
  const renderNonce = randomBytes(18).toString("base64");
  process.env[RENDER_NONCE_ENV] = renderNonce;
  const store = new PageStore(opts.maxBytes);
  const agent = new Agent({ keepAlive: true });
  // One render per key at a time: a burst of guests on a cold page waits for the first.
  const inflight = new Map<string, Promise<{ page: StoredPage; storable: boolean }>>();

  function render(req: IncomingMessage): Promise<Rendered> {
    const headers: Record<string, string> = { accept: "text/html", [RENDER_NONCE_HEADER]: renderNonce };
    // What a page may depend on, and nothing of the guest's own (cookies, user agent): the
    // render is every guest's.
    for (const h of ["host", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto"]) {
      const v = req.headers[h];
      if (typeof v === "string") headers[h] = v;
    }
    return new Promise((resolve, reject) => {
      const out = httpRequest(`${opts.origin()}${req.url}`, { headers, agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", reject);
        res.on("end", () => {
          const headers: [string, string[]][] = [];
          for (let i = 0; i < res.rawHeaders.length; i += 2) {
            const name = res.rawHeaders[i]!.toLowerCase();
            if (NOT_STORED.has(name)) continue;
            const entry = headers.find(([n]) => n === name);
            if (entry) entry[1].push(res.rawHeaders[i + 1]!);
            else headers.push([name, [res.rawHeaders[i + 1]!]]);
          }
          resolve({ status: res.statusCode ?? 500, headers: varyOnEncoding(headers), body: Buffer.concat(chunks).toString("utf8") });
        });
      });
      out.on("error", reject);
      out.end();
    });
  }

  function storable(r: Rendered): boolean {
    const type = r.headers.find(([n]) => n === "content-type")?.[1][0] ?? "";
    return r.status === 200 && type.startsWith("text/html") && !r.headers.some(([n]) => n === "set-cookie");
  }

  async function send(req: IncomingMessage, res: ServerResponse, page: StoredPage, status: "hit" | "miss" | "render") {
    const { headers, body } = withNonce(page, renderNonce, randomBytes(16).toString("base64"));
    const acceptsGzip = /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    const payload = acceptsGzip ? await gzip(body) : body;
    for (const [name, values] of headers) res.setHeader(name, values.length === 1 ? values[0]! : values);
    if (acceptsGzip) res.setHeader("content-encoding", "gzip");
    res.setHeader("content-length", payload.length);
    res.setHeader(CACHE_STATUS_HEADER, status);
    res.writeHead(page.status);
    res.end(payload);
  }

  /** Answers the request when it is a cacheable page; false leaves it to Next.js. */
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const target = cacheablePage(req);
    if (!target) return false;
    const fingerprint = await opts.fingerprint(target.scope);
    if (fingerprint === null) return false;
    const key = target.key;
    const stored = target.refresh ? null : store.get(key, fingerprint);
    if (stored) {
      await send(req, res, stored, "hit");
      return true;
    }
    // The version was read before the render: a write that lands during it leaves this page
    // behind a newer version. A render is shared only by requests that read the same version.
    const flight = `${fingerprint} ${key}`;
    let pending = inflight.get(flight);
    if (!pending || target.refresh) {
      pending = render(req).then((r) => {
        const ok = storable(r);
        const page = toStoredPage(r, renderNonce, fingerprint, Date.now() + opts.maxAgeMs);
        if (ok) store.set(key, page);
        return { page, storable: ok };
      });
      if (!target.refresh) {
        inflight.set(flight, pending);
        void pending.finally(() => inflight.delete(flight)).catch(() => {});
      }
    }
    const { page, storable: ok } = await pending;
    await send(req, res, page, ok ? "miss" : "render");
    return true;
  }

  return { serve, store };
}

/** The render's Vary as one value, with Accept-Encoding: the cache answers gzip or plain per client. */
function varyOnEncoding(headers: [string, string[]][]): [string, string[]][] {
  const vary = headers.find(([n]) => n === "vary")?.[1].join(", ") ?? "";
  const value = /accept-encoding/i.test(vary) ? vary : vary ? `${vary}, Accept-Encoding` : "Accept-Encoding";
  return [...headers.filter(([n]) => n !== "vary"), ["vary", [value]]];
}
