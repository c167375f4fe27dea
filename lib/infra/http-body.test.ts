import { createServer, request, type IncomingMessage } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUnsizedActionPost, readBodyWithin, withBody } from "./http-body";

/*
 * A chunked server-action body over the limit is a 413; one within it reaches the handler
 * (Next.js in scripts/serve.ts) whole, with its length. Over a real socket, with a 1 KB limit.
 */

const LIMIT = 1024;

describe("server-action bodies without a declared length", () => {
  let port = 0;
  const server = createServer((req, res) => {
    if (!isUnsizedActionPost(req)) return void res.writeHead(204).end();
    void readBodyWithin(req, LIMIT).then(async (body) => {
      if (body === null) return void res.writeHead(413).end("too large");
      const copy: IncomingMessage = withBody(req, body);
      const chunks: Buffer[] = [];
      for await (const chunk of copy) chunks.push(chunk as Buffer);
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ length: copy.headers["content-length"], te: copy.headers["transfer-encoding"] ?? null, url: copy.url, body: Buffer.concat(chunks).toString() }));
    });
  });
  beforeAll(() => new Promise<void>((r) => server.listen(0, "127.0.0.1", () => ((port = (server.address() as { port: number }).port), r()))));
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const post = (path: string, parts: string[], headers: Record<string, string> = {}) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path, method: "POST", headers: { "transfer-encoding": "chunked", ...headers } }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", reject);
      for (const p of parts) req.write(p);
      req.end();
    });

  it("refuses a chunked body over the limit with 413, and hands one within it on whole with its length", async () => {
    expect((await post("/login", Array(5).fill("x".repeat(300)))).status).toBe(413);
    const ok = await post("/login?next=%2Fa", ["[\"a\",", "\"b\"]"]);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toEqual({ length: "9", te: null, url: "/login?next=%2Fa", body: '["a","b"]' });
    // Exactly at the limit is within it.
    expect((await post("/login", ["y".repeat(LIMIT)])).status).toBe(200);
  });

  it("leaves the API, other methods and bodies with a length to the rest of the server", async () => {
    expect((await post("/api/providers/x/bookings", ["x".repeat(4 * LIMIT)])).status).toBe(204);
    expect(isUnsizedActionPost({ method: "POST", url: "/login", headers: { "content-length": "5" } })).toBe(false);
    expect(isUnsizedActionPost({ method: "GET", url: "/login", headers: { "transfer-encoding": "chunked" } })).toBe(false);
    expect(isUnsizedActionPost({ method: "POST", url: "/login", headers: { "transfer-encoding": "chunked" } })).toBe(true);
  });
});
