import { createServer, get as httpGet, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { RENDER_NONCE_HEADER } from "./policy";
import { CACHE_STATUS_HEADER, createPageCache } from "./server";

/*
 * The page cache's HTTP side, between a client and a stand-in for Next.js that renders like
 * proxy.ts and a page do: the request's nonce in the CSP header, the scripts and the payload.
 * The end-to-end suite runs it in front of the real app (e2e/cache.spec.ts).
 */

let renders: string[] = [];
let version = 1;
let delayMs = 0;
const origin = createServer((req, res) => {
  renders.push(req.url!);
  const nonce = String(req.headers[RENDER_NONCE_HEADER] ?? "random");
  setTimeout(() => {
    if (req.url === "/p/moved") {
      res.writeHead(307, { location: "/p/elsewhere" }).end();
      return;
    }
    const headers: Record<string, string> = {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": `script-src 'self' 'nonce-${nonce}'`,
      vary: "rsc",
    };
    if (req.url === "/p/cookie") headers["set-cookie"] = "flash=1";
    res.writeHead(200, headers);
    res.end(`<script nonce="${nonce}">self.__next_f.push([1,"{\\"nonce\\":\\"${nonce}\\"}"])</script><h1>${req.url} v${version}</h1>`);
  }, delayMs);
});
const cache = createPageCache({
  origin: () => `http://127.0.0.1:${(origin.address() as AddressInfo).port}`,
  fingerprint: async (scope) => (scope.kind === "provider" && scope.slug === "gone" ? null : `v${version}`),
  maxAgeMs: 60_000,
  maxBytes: 1 << 20,
});
let front: Server;
let base = "";

beforeAll(async () => {
  await new Promise<void>((r) => origin.listen(0, "127.0.0.1", r));
  front = createServer((req, res) => {
    void cache.serve(req, res).then((answered) => {
      if (!answered) res.writeHead(599).end("left to Next.js");
    });
  });
  await new Promise<void>((r) => front.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
});
afterAll(() => {
  origin.close();
  front.close();
});
beforeEach(() => {
  renders = [];
  delayMs = 0;
  version += 1; // every test starts with nothing stored under the current version
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${base}${path}`, { headers, redirect: "manual" });
  return { status: res.status, cache: res.headers.get(CACHE_STATUS_HEADER), csp: res.headers.get("content-security-policy") ?? "", body: await res.text(), res };
}
const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];

describe("the page cache in front of the app", () => {
  it("renders once, then answers from memory with a nonce of each answer's own everywhere the render had one", async () => {
    const first = await get("/p/a");
    const second = await get("/p/a");
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(renders).toEqual(["/p/a"]);
    for (const r of [first, second]) {
      const nonce = nonceOf(r.csp)!;
      expect(r.body).toBe(`<script nonce="${nonce}">self.__next_f.push([1,"{\\"nonce\\":\\"${nonce}\\"}"])</script><h1>/p/a v${version}</h1>`);
    }
    expect(nonceOf(first.csp)).not.toBe(nonceOf(second.csp));
    expect(second.res.headers.get("vary")).toBe("rsc, Accept-Encoding");
  });

  it("renders again once the version moves, and never answers with the old page", async () => {
    await get("/p/a");
    version += 1;
    const after = await get("/p/a");
    expect(after.cache).toBe("miss");
    expect(after.body).toContain(`v${version}`);
    expect(renders).toHaveLength(2);
  });

  it("shares one render among the guests who arrive while it runs", async () => {
    delayMs = 100;
    const answers = await Promise.all(Array.from({ length: 8 }, () => get("/p/a")));
    expect(renders).toHaveLength(1);
    expect(new Set(answers.map((a) => nonceOf(a.csp))).size).toBe(8);
  });

  it("renders afresh for a hard reload and stores that render", async () => {
    await get("/p/a");
    expect((await get("/p/a", { "cache-control": "no-cache" })).cache).toBe("miss");
    expect((await get("/p/a")).cache).toBe("hit");
    expect(renders).toHaveLength(2);
  });

  it("passes on, but never stores, an answer that sets a cookie or is not a 200", async () => {
    for (const path of ["/p/cookie", "/p/moved"]) {
      const a = await get(path);
      expect(a.cache, path).toBe("render");
      expect((await get(path)).cache, path).toBe("render");
    }
    const moved = await fetch(`${base}/p/moved`, { redirect: "manual" });
    expect([moved.status, moved.headers.get("location")]).toEqual([307, "/p/elsewhere"]);
  });

  it("leaves to Next.js what it must not answer: unknown businesses, signed-in visitors, other routes", async () => {
    expect((await get("/p/gone")).status).toBe(599);
    expect((await get("/p/a", { cookie: "authjs.session-token=x" })).status).toBe(599);
    expect((await get("/login")).status).toBe(599);
    expect(renders).toEqual([]);
  });

  it("compresses for a client that accepts gzip", async () => {
    await get("/p/a");
    const { encoding, raw } = await new Promise<{ encoding: string | undefined; raw: Buffer }>((resolve, reject) => {
      httpGet(`${base}/p/a`, { headers: { "accept-encoding": "gzip" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ encoding: res.headers["content-encoding"], raw: Buffer.concat(chunks) }));
      }).on("error", reject);
    });
    expect(encoding).toBe("gzip");
    expect(gunzipSync(raw).toString()).toContain(`<h1>/p/a v${version}</h1>`);
  });
});
