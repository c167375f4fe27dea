import { copyFile, mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { exitCodeOf, spawnNext } from "./process";
import { buildApp, createScratchDatabase, freePort, freshPgliteDir, hasBuild, runSecrets, startApp } from "./app-server";
import { prepareDatabase, type SeedResult } from "./seed";

/**
 * A production server for one benchmark: `next start` on a free loopback port, a fresh
 * database with the demo data, rate limiting off. The build is made once per process into
 * .next-bench (BENCH_REUSE_BUILD=1 reuses an existing one).
 */

const DIST_DIR = ".next-bench";
const LOG_DIR = path.join(".data", "bench-logs");
/** Where bench/floor/page.tsx is served from in the bench build: the framework's floor. */
export const FLOOR_PATH = "/bench-floor";
const FLOOR_PAGE = path.join("app", "bench-floor", "page.tsx");

let built: Promise<void> | undefined;

export function ensureBenchBuild(): Promise<void> {
  built ??= (async () => {
    await mkdir(LOG_DIR, { recursive: true });
    if (process.env.BENCH_REUSE_BUILD === "1" && hasBuild(DIST_DIR)) return;
    const logFile = path.join(LOG_DIR, "build.log");
    await rm(logFile, { force: true });
    console.log(`[bench] next build into ${DIST_DIR} (log: ${logFile})…`);
    // The minimal dynamic page exists in the bench build only: copied in, built, removed.
    await mkdir(path.dirname(FLOOR_PAGE), { recursive: true });
    await copyFile(path.join("bench", "floor", "page.tsx"), FLOOR_PAGE);
    try {
      await buildApp(DIST_DIR, { logFile });
    } finally {
      await rm(path.dirname(FLOOR_PAGE), { recursive: true, force: true });
      // The build's `next typegen` named the floor page in .next/types: regenerate without it.
      await exitCodeOf(spawnNext(["typegen"], { stdio: "ignore" }));
    }
  })();
  return built;
}

/** The server database the benchmarks may also use: BENCH_DATABASE_URL, else TEST_DATABASE_URL. */
export function benchServerUrl(): string | undefined {
  return process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim() || undefined;
}

export type BenchServer = { url: string; db: "pglite" | "postgres"; seed: SeedResult; stop(): Promise<void> };

export async function startBenchServer(name: string, db: "pglite" | "postgres"): Promise<BenchServer> {
  await ensureBenchBuild();
  const id = `${name}-${Date.now().toString(36)}`;
  const cleanups: (() => Promise<void>)[] = [];
  let dbEnv: Record<string, string>;
  let seed: SeedResult;
  if (db === "pglite") {
    const dir = await freshPgliteDir(`bench-${id}`);
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    seed = await prepareDatabase({ dir });
    dbEnv = { DATABASE_URL: "", PGLITE_DIR: dir };
  } else {
    const base = benchServerUrl();
    if (!base) throw new Error("Set BENCH_DATABASE_URL or TEST_DATABASE_URL for a server benchmark");
    const scratch = await createScratchDatabase(base, "slotbook_bench");
    cleanups.push(() => scratch.drop());
    seed = await prepareDatabase({ url: scratch.url });
    dbEnv = { DATABASE_URL: scratch.url };
  }
  const port = await freePort();
  const cleanup = async () => {
    for (const c of cleanups.reverse()) await c().catch((e) => console.error("[bench] cleanup failed", e));
  };
  try {
    const app = await startApp({
      distDir: DIST_DIR,
      port,
      host: "127.0.0.1",
      output: { logFile: path.join(LOG_DIR, `${id}.log`) },
      env: {
        ...dbEnv,
        ...runSecrets(),
        APP_URL: `http://127.0.0.1:${port}`,
        RATE_LIMIT_PER_MINUTE: "0",
        SMTP_URL: "",
        MAILBOX_UI: "0",
      },
    });
    return {
      url: app.url,
      db,
      seed,
      async stop() {
        await app.stop();
        await cleanup();
      },
    };
  } catch (e) {
    await cleanup();
    throw e;
  }
}

/** "YYYY-MM-DD" of an instant in a time zone, and date arithmetic on such strings. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}

export { addDays } from "@/lib/availability";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}
