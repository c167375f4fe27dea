import { sql } from "drizzle-orm";
import { PgBoss, fromDrizzle, fromPglite, type SendOptions } from "pg-boss";
import { rootOf, type Db, type DbHandle, type DbOrTx, type Tx } from "@/db";
import { log } from "@/lib/infra/log";
import { queueOptions, type JobData, type QueueName } from "./queues";

// One queue client per database handle. Keyed by the Drizzle handle, which every transaction
// opened on it names (rootOf), so code given a `db` or a `tx` enqueues on the right queue, in
// tests (one database per file) as in the app.
// On globalThis like the database handle (db/index.ts): Next.js loads route bundles and
// instrumentation.ts as separate module graphs, and all must find the queue started for the db.
const globalForBoss = globalThis as unknown as { __slotbookBosses?: WeakMap<Db, PgBoss> };
const bosses = (globalForBoss.__slotbookBosses ??= new WeakMap<Db, PgBoss>());

/** Creates pg-boss's schema and our queues on this database; starts no workers. */
export async function startBoss(handle: DbHandle): Promise<PgBoss> {
  const existing = bosses.get(handle.db);
  if (existing) return existing;
  let boss = await newStartedBoss(handle);
  let created = false;
  for (const [name, options] of Object.entries(queueOptions)) {
    if (!(await boss.getQueue(name))) {
      await boss.createQueue(name, options);
      created = true;
    }
  }
  // pg-boss caches the queue list at start. On PGlite a cache miss inside a transaction would
  // query the outer connection and wait on that transaction forever, so after creating queues
  // start afresh with a complete cache (only ever on a new database).
  if (created && handle.kind === "pglite") {
    await boss.stop({ graceful: false, close: false });
    boss = await newStartedBoss(handle);
  }
  bosses.set(handle.db, boss);
  handle.beforeClose(() => stopBoss(handle.db));
  return boss;
}

async function newStartedBoss(handle: DbHandle): Promise<PgBoss> {
  // The queue's own pool (node-postgres). Its statements are unnamed and its locks are
  // transaction locks (pg_advisory_xact_lock), so it works through a pooler in transaction
  // mode as it does directly (lib/app/pooler.test.ts). connectionTimeoutMillis bounds each attempt
  // while the server is away; every worker polls one fetch at a time and waits its polling
  // interval after a failure, so an outage costs one attempt per worker per interval, no more.
  const boss =
    handle.kind === "pglite"
      ? new PgBoss({ db: fromPglite(handle.pglite!), backend: "pglite" })
      : new PgBoss({ connectionString: handle.url!, max: 4, connectionTimeoutMillis: 5_000 });
  // pg-boss reports lost connections here and reconnects by itself (lib/app/faults.test.ts).
  boss.on("error", throttledErrorLog());
  await boss.start();
  return boss;
}

/**
 * While the database is away every worker's poll fails, about once a second each: the first
 * error is logged, then at most one line a minute saying how many followed. Logged as code and
 * message only: the driver's error carries its whole client object.
 */
function throttledErrorLog(everyMs = 60_000): (err: Error) => void {
  let last = -Infinity;
  let since = 0;
  return (err) => {
    const now = performance.now();
    if (now - last < everyMs) {
      since++;
      return;
    }
    log.warn({ component: "jobs", code: (err as { code?: unknown }).code, error: err.message, suppressedSinceLast: since }, "job queue error");
    last = now;
    since = 0;
  };
}

/** The queue client of the handle `db` (or the transaction `db`) was opened on. */
export function bossFor(db: DbOrTx): PgBoss {
  const boss = bosses.get(rootOf(db));
  if (!boss) throw new Error("Job queue not started for this database (startBoss)");
  return boss;
}

/** Stops the queue client of this database, if one was started (before closing the database). */
export async function stopBoss(db: Db): Promise<void> {
  const boss = bosses.get(db);
  if (!boss) return;
  bosses.delete(db);
  await boss.stop({ graceful: true, close: true, timeout: 5_000 });
}

/**
 * Enqueues a job inside the caller's transaction: it exists if and only if the change that
 * caused it commits.
 */
export async function enqueue<Q extends QueueName>(
  tx: Tx,
  name: Q,
  data: JobData[Q],
  options: Omit<SendOptions, "db"> = {},
): Promise<void> {
  await bossFor(tx).send(name, data, { ...options, db: fromDrizzle(tx as unknown as Parameters<typeof fromDrizzle>[0], sql) });
}
