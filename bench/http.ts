/**
 * HTTP throughput of the production server on PGlite (and on a server database when one is set): /api/health (the baseline: routing and
 * one `select 1`) against the public slots API for a week of the seeded salon. Loopback only,
 * bounded: a short warm-up, then DURATION seconds per endpoint with CONNECTIONS connections.
 *
 *   npx tsx bench/http.ts            (or as part of `npm run bench`)
 */
import { pathToFileURL } from "node:url";
import autocannon from "autocannon";
import { addDays, benchServerUrl, localDate, percentile, startBenchServer } from "@/scripts/lib/bench-server";

export type HttpRow = { endpoint: string; requests: number; rps: number; p50Ms: number; p95Ms: number; non2xx: number; errors: number };
export type HttpResult = { db: "pglite" | "postgres"; rows: HttpRow[]; slotsPerResponse: number; rpsRatio: number; p50Ratio: number };

const SLUG = "bloom-hair";
const TIMEZONE = "Europe/London";

async function measure(endpoint: string, url: string, opts: { duration: number; connections: number }): Promise<HttpRow> {
  await autocannon({ url, connections: opts.connections, duration: 2 }); // warm-up, discarded
  const latencies: number[] = [];
  const instance = autocannon({ url, connections: opts.connections, duration: opts.duration, timeout: 10 });
  instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await instance;
  latencies.sort((a, b) => a - b);
  return {
    endpoint,
    requests: latencies.length,
    rps: result.requests.average,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
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
    const serviceId = server.seed.providers[SLUG]!.services["Haircut"]!;
    const from = localDate(new Date(), TIMEZONE);
    const slotsUrl = `${server.url}/api/providers/${SLUG}/slots?serviceId=${serviceId}&from=${from}&to=${addDays(from, 6)}`;
    // A benchmark of an error page measures nothing: check the endpoint answers first.
    const probe = await fetch(slotsUrl);
    const body = (await probe.json().catch(() => ({}))) as { slots?: unknown[] };
    if (probe.status !== 200 || !Array.isArray(body.slots)) {
      throw new Error(`GET slots answered ${probe.status}: ${JSON.stringify(body).slice(0, 300)}`);
    }
    const health = await measure("GET /api/health", `${server.url}/api/health`, { duration, connections });
    const slots = await measure(`GET /api/providers/${SLUG}/slots (7 days)`, slotsUrl, { duration, connections });
    return {
      db,
      rows: [health, slots],
      slotsPerResponse: body.slots.length,
      rpsRatio: slots.rps / health.rps,
      p50Ratio: slots.p50Ms / health.p50Ms,
    };
  } finally {
    await server.stop();
  }
}

export function print(results: HttpResult[]): void {
  for (const r of results) printOne(r);
}

function printOne(r: HttpResult): void {
  const w = Math.max(...r.rows.map((row) => row.endpoint.length));
  console.log(`HTTP on ${r.db} (next start, loopback, 10 connections)`);
  console.log(`${"endpoint".padEnd(w)}     req/s   p50 ms   p95 ms  requests  non-2xx  errors`);
  for (const row of r.rows) {
    console.log(
      `${row.endpoint.padEnd(w)}  ${row.rps.toFixed(0).padStart(8)}  ${row.p50Ms.toFixed(1).padStart(7)}  ${row.p95Ms.toFixed(1).padStart(7)}  ${String(row.requests).padStart(8)}  ${String(row.non2xx).padStart(7)}  ${String(row.errors).padStart(6)}`,
    );
  }
  console.log(`slots per response: ${r.slotsPerResponse}`);
  console.log(`slots / health: ${r.rpsRatio.toFixed(2)}× the throughput, ${r.p50Ratio.toFixed(2)}× the median latency`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  print(await run());
}
