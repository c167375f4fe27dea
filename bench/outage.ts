/**
 * Database outage: the production server on a private PostgreSQL cluster (never the shared
 * server), six clients booking one after another for 30 s, and the cluster stopped ("fast", as
 * `pg_ctl restart` does) at 12 s and started again 2 s later. Prints the answers by status, the
 * response times (all, and the 503s) and whether every 201 is in the database afterwards.
 * Figures, not assertions; the exit code says only whether a committed booking was lost.
 *
 *   npx tsx --conditions=react-server bench/outage.ts      (or `npm run bench -- outage`)
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import postgres from "postgres";
import { openDb } from "@/db";
import { migrateDb } from "@/db/migrate";
import { freePort, runSecrets, startApp } from "@/scripts/lib/app-server";
import { ensureBenchBuild, percentile } from "@/scripts/lib/bench-server";
import { OPEN_EVERY_DAY, bookInLoop, bookOverHttp, quarterHourStarts, type Answer } from "@/test/booking-load";
import { createProviderFixture } from "@/test/fixtures";
import { privateClusterUnavailable, startPrivateCluster, type PrivateCluster } from "@/test/private-postgres";

export type Distribution = { count: number; min: number; median: number; p95: number; max: number };

function distribution(ms: number[]): Distribution {
  const sorted = [...ms].sort((a, b) => a - b);
  return { count: sorted.length, min: sorted[0] ?? NaN, median: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? NaN };
}

function countByStatus(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

export type OutageResult = {
  answers: number;
  byStatus: Record<string, number>;
  all: Distribution;
  unavailable: Distribution;
  /** 201s whose booking is not in the database afterwards (expect 0). */
  lost: number;
  stoppedAtMs: number;
  startedAtMs: number;
  /** From the server's start to the first booking made after it (201). */
  recoveredMs: number;
};

const SLUG = "outage-studio";

/** A migrated database with a provider open every day (OPEN_EVERY_DAY), and times to book there. */
export async function prepareOutageDatabase(url: string): Promise<{ serviceId: string; starts: string[] }> {
  const handle = await openDb({ url });
  try {
    await migrateDb(handle);
    const f = await createProviderFixture(handle.db, { ...OPEN_EVERY_DAY, provider: { ...OPEN_EVERY_DAY.provider, slug: SLUG } });
    return { serviceId: f.service.id, starts: quarterHourStarts(2000) };
  } finally {
    await handle.close();
  }
}

/** The ids of `answers`' 201s that are not appointments in the database. */
export async function missingBookings(url: string, answers: Answer[]): Promise<string[]> {
  const ids = answers.filter((a) => a.status === 201).map((a) => a.id!);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql<{ id: string }[]>`select id from appointments where id = any(${ids}::uuid[])`;
    const found = new Set(rows.map((r) => r.id));
    return ids.filter((id) => !found.has(id));
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function run(opts: { clients?: number; seconds?: number; stopAt?: number; awaySeconds?: number; distDir?: string } = {}): Promise<OutageResult> {
  const { clients = 6, seconds = 30, stopAt = 12, awaySeconds = 2 } = opts;
  const distDir = opts.distDir ?? ".next-bench";
  if (!opts.distDir) await ensureBenchBuild();
  let cluster: PrivateCluster | undefined;
  let app: Awaited<ReturnType<typeof startApp>> | undefined;
  try {
    cluster = await startPrivateCluster();
    const url = await cluster.createDatabase("slotbook");
    const { serviceId, starts } = await prepareOutageDatabase(url);
    const port = await freePort();
    app = await startApp({
      distDir,
      port,
      host: "127.0.0.1",
      output: { logFile: path.join(".data", "bench-logs", `outage-${Date.now().toString(36)}.log`) },
      env: { DATABASE_URL: url, ...runSecrets(), APP_URL: `http://127.0.0.1:${port}`, RATE_LIMIT_PER_MINUTE: "0", SMTP_URL: "", MAILBOX_UI: "0" },
    });
    let stoppedAtMs = NaN;
    let startedAtMs = NaN;
    const t0 = performance.now();
    const answers = await bookInLoop({
      clients,
      durationMs: seconds * 1000,
      book: bookOverHttp(app.url, SLUG, serviceId, starts),
      async during() {
        await new Promise((r) => setTimeout(r, stopAt * 1000));
        stoppedAtMs = performance.now() - t0;
        await cluster!.stop("fast");
        await new Promise((r) => setTimeout(r, awaySeconds * 1000));
        await cluster!.start();
        startedAtMs = performance.now() - t0;
      },
    });
    return {
      answers: answers.length,
      byStatus: countByStatus(answers),
      all: distribution(answers.map((a) => a.ms)),
      unavailable: distribution(answers.filter((a) => a.status === 503).map((a) => a.ms)),
      lost: (await missingBookings(url, answers)).length,
      stoppedAtMs,
      startedAtMs,
      recoveredMs: Math.min(...answers.filter((a) => a.status === 201 && a.at + a.ms > startedAtMs).map((a) => a.at + a.ms)) - startedAtMs,
    };
  } finally {
    await app?.stop();
    await cluster?.destroy();
  }
}

export function print(r: OutageResult): void {
  const row = (name: string, d: Distribution) =>
    `${name.padEnd(12)} ${String(d.count).padStart(6)} ${[d.min, d.median, d.p95, d.max].map((v) => (Number.isNaN(v) ? "–" : v.toFixed(0)).padStart(8)).join("")}`;
  console.log(`Database outage (6 clients booking for 30 s; stopped at ${(r.stoppedAtMs / 1000).toFixed(1)} s, started at ${(r.startedAtMs / 1000).toFixed(1)} s)`);
  console.log(`answers by status: ${Object.entries(r.byStatus).map(([s, n]) => `${s}×${n}`).join("  ")}`);
  console.log(`${"answers".padEnd(12)} ${"count".padStart(6)}${["min ms", "median", "p95", "max ms"].map((h) => h.padStart(8)).join("")}`);
  console.log(row("all", r.all));
  console.log(row("503 only", r.unavailable));
  console.log(`first booking after the server was back: ${Number.isFinite(r.recoveredMs) ? `${r.recoveredMs.toFixed(0)} ms after its start` : "none before the end"}`);
  console.log(`201s missing from the database afterwards: ${r.lost}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const unavailable = privateClusterUnavailable();
  if (unavailable) {
    console.log(`outage: skipped (${unavailable})`);
  } else {
    const result = await run();
    print(result);
    process.exitCode = result.lost === 0 ? 0 : 1;
  }
}
