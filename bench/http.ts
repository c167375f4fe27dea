/**
 * HTTP throughput of the production server (scripts/serve.ts over a `next build`), on PGlite
 * and on a server database when one is set. Every public route a guest opens, on one server in
 * one run, against two floors: /api/health (routing and one `select 1`) and a minimal dynamic
 * page (the root layout and one <h1> rendered per request, bench/floor/page.tsx, present in the
 * bench build only). Loopback only, bounded: a short warm-up, then DURATION seconds per route
 * with CONNECTIONS connections. Bytes are the body as served without and with gzip.
 *
 *   npx tsx bench/http.ts            (or as part of `npm run bench`)
 */
import { request } from "node:http";
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { addDays, benchServerUrl, FLOOR_PATH, localDate, percentile, startBenchServer } from "@/scripts/lib/bench-server";

export type HttpRow = {
  endpoint: string;
  requests: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  /** Body bytes without compression, and as served to a client that accepts gzip (null: not compressed). */
  bytes: number;
  gzipBytes: number | null;
  /** The inline RSC payload's share of an HTML page (self.__next_f scripts), in bytes. */
  rscBytes: number | null;
  non2xx: number;
  errors: number;
};
export type HttpResult = { db: "pglite" | "postgres"; rows: HttpRow[]; health: HttpRow; floor: HttpRow };

const SLUG = "bloom-hair";
const TIMEZONE = "Europe/London";
const PRO_SLUG = "northside-physio";
const PRO_TIMEZONE = "America/New_York";

type Probe = { status: number; bytes: number; encoding: string | undefined; body: string };

function get(url: string, headers: Record<string, string> = {}): Promise<Probe> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const buf = Buffer.concat(chunks);
        const encoding = res.headers["content-encoding"];
        resolve({ status: res.statusCode ?? 0, bytes: buf.length, encoding, body: encoding ? "" : buf.toString("utf8") });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end();
  });
}

function rscBytes(html: string): number {
  let total = 0;
  for (const m of html.matchAll(/<script[^>]*>(self\.__next_f\.push[\s\S]*?)<\/script>/g)) total += Buffer.byteLength(m[1]!);
  return total;
}

async function measure(
  endpoint: string,
  url: string,
  opts: { duration: number; connections: number; headers?: Record<string, string> },
): Promise<HttpRow> {
  const headers = opts.headers ?? {};
  // A benchmark of an error page measures nothing: check the route answers 200 first.
  const plain = await get(url, headers);
  if (plain.status !== 200) throw new Error(`${endpoint} answered ${plain.status}: ${plain.body.slice(0, 300)}`);
  const gz = await get(url, { ...headers, "accept-encoding": "gzip" });
  const isHtml = plain.body.trimStart().startsWith("<!DOCTYPE") || plain.body.includes("<html");
  await autocannon({ url, headers, connections: opts.connections, duration: 2 }); // warm-up, discarded
  const latencies: number[] = [];
  const instance = autocannon({ url, headers, connections: opts.connections, duration: opts.duration, timeout: 10 });
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    endpoint,
    requests: latencies.length,
    rps: result.requests.average,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    bytes: plain.bytes,
    gzipBytes: gz.encoding === "gzip" ? gz.bytes : null,
    rscBytes: isHtml ? rscBytes(plain.body) : null,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** On PGlite, and also on the server when BENCH_DATABASE_URL or TEST_DATABASE_URL is set. */
export async function run(opts: { duration?: number; connections?: number } = {}): Promise<HttpResult[]> {
  const results = [await runOn("pglite", opts)];
  if (benchServerUrl()) results.push(await runOn("postgres", opts));
  return results;
}

async function runOn(db: "pglite" | "postgres", opts: { duration?: number; connections?: number }): Promise<HttpResult> {
  const duration = opts.duration ?? Number(process.env.BENCH_DURATION || 10);
  const connections = opts.connections ?? 10;
  const server = await startBenchServer("http", db);
  try {
    const u = server.url;
    const serviceId = server.seed.providers[SLUG]!.services["Haircut"]!;
    const from = localDate(new Date(), TIMEZONE);
    const slotsUrl = `${u}/api/providers/${SLUG}/slots?serviceId=${serviceId}&from=${from}&to=${addDays(from, 6)}`;
    // The booking page on the first day that has free times (the "time" step, as a guest sees it).
    const week = (await (await fetch(slotsUrl)).json()) as { slots?: { start: string }[] };
    const firstFree = week.slots?.[0]?.start;
    if (!firstFree) throw new Error("The demo salon has no free time this week");
    const date = localDate(new Date(firstFree), TIMEZONE);
    const proService = server.seed.providers[PRO_SLUG]!.services["Initial assessment"]!;
    const proFrom = localDate(new Date(), PRO_TIMEZONE);
    const bookUrl = `${u}/p/${SLUG}/book?serviceId=${serviceId}&date=${date}`;
    // A guest's page is answered by the page cache (lib/page-cache) once rendered; with
    // `Cache-Control: no-cache` (a hard reload) it is rendered on every request, as a signed-in
    // visitor's always is.
    const render = { "cache-control": "no-cache" };
    const routes: [string, string, Record<string, string>?][] = [
      ["GET /api/health", `${u}/api/health`],
      [`GET ${FLOOR_PATH} (minimal dynamic page)`, `${u}${FLOOR_PATH}`],
      ["GET / (directory)", `${u}/`],
      [`GET /p/${SLUG}`, `${u}/p/${SLUG}`],
      [`GET /p/${SLUG}/book?serviceId&date`, bookUrl],
      ["GET / (rendered: no-cache)", `${u}/`, render],
      [`GET /p/${SLUG} (rendered: no-cache)`, `${u}/p/${SLUG}`, render],
      [`GET /p/${SLUG}/book?… (rendered: no-cache)`, bookUrl, render],
      [`GET /api/providers/${SLUG}/slots (7 days)`, slotsUrl],
      [
        // No staffId: "any available", the union of the qualified members' calendars.
        `GET /api/providers/${PRO_SLUG}/slots (7 days, staff any)`,
        `${u}/api/providers/${PRO_SLUG}/slots?serviceId=${proService}&from=${proFrom}&to=${addDays(proFrom, 6)}`,
      ],
    ];
    const rows: HttpRow[] = [];
    for (const [name, url, headers] of routes) rows.push(await measure(name, url, { duration, connections, headers }));
    return { db, rows, health: rows[0]!, floor: rows[1]! };
  } finally {
    await server.stop();
  }
}

export function print(results: HttpResult[]): void {
  for (const r of results) printOne(r);
}

const kb = (n: number | null) => (n === null ? "-" : n < 1024 ? `${n} B` : `${(n / 1024).toFixed(1)} KB`);

function printOne(r: HttpResult): void {
  const w = Math.max(...r.rows.map((row) => row.endpoint.length));
  console.log(`HTTP on ${r.db} (production server, loopback, 10 connections)`);
  console.log(
    `${"route".padEnd(w)}     req/s   p50 ms   p99 ms     bytes      gzip  RSC in HTML  ×health  ×floor  non-2xx  errors`,
  );
  for (const row of r.rows) {
    console.log(
      [
        row.endpoint.padEnd(w),
        row.rps.toFixed(0).padStart(8),
        row.p50Ms.toFixed(1).padStart(7),
        row.p99Ms.toFixed(1).padStart(7),
        kb(row.bytes).padStart(8),
        kb(row.gzipBytes).padStart(8),
        kb(row.rscBytes).padStart(11),
        (row.rps / r.health.rps).toFixed(2).padStart(7),
        (row.rps / r.floor.rps).toFixed(2).padStart(6),
        String(row.non2xx).padStart(7),
        String(row.errors).padStart(6),
      ].join("  "),
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  print(await run());
}
