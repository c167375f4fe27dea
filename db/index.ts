import "server-only";
import { mkdir } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { DbLog } from "./guard";
import * as schema from "./schema";

/** One type for both drivers: queries are written once against this. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A handle or an open transaction: functions that may run inside a caller's transaction take this. */
export type DbOrTx = Db | Tx;

/** Rows of a raw `db.execute(sql\`…\`)`: PGlite answers `{ rows }`, postgres.js an array. */
export async function queryRows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/*
 * Every transaction knows the handle it was opened on, however deeply nested (savepoints), so
 * what is layered on a handle (its job queue, the appointment write path's follow-ups) is
 * found from the transaction alone: code that runs inside a caller's transaction takes `tx`,
 * not `(db, tx)`. A symbol from the global registry: route bundles and instrumentation.ts are
 * separate module graphs sharing one handle (lib/app/runtime.ts), and all must read the mark.
 */
const ROOT = Symbol.for("slotbook.db.root");
type Rooted = { [ROOT]?: Db };

/** The handle `db` was opened on: itself for a handle, the handle of a transaction or savepoint. */
export function rootOf(db: DbOrTx): Db {
  return (db as Rooted)[ROOT] ?? (db as Db);
}

/** Marks `target` and every transaction opened on it (and on those, for savepoints) with `root`. */
function markTransactions(target: Db | Tx, root: Db): void {
  Object.defineProperty(target, ROOT, { value: root });
  const begin = target.transaction.bind(target) as (fn: (tx: Tx) => Promise<unknown>, config?: unknown) => Promise<unknown>;
  Object.defineProperty(target, "transaction", {
    value: (fn: (tx: Tx) => Promise<unknown>, config?: unknown) =>
      begin((tx) => {
        markTransactions(tx, root);
        return fn(tx);
      }, config),
  });
}

export type DbHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Set on PGlite: the job queue shares this one connection. */
  pglite?: PGlite;
  /** Set on a server: the connection URL, for the job queue's own pool and the migrations. */
  url?: string;
  /**
   * Runs `fn` before the connection closes (newest first). Whatever is layered on the handle
   * (the job queue, lib/infra/jobs) stops itself here, so db/ needs to know nothing of it.
   */
  beforeClose(fn: () => Promise<void>): void;
  close(): Promise<void>;
};

function closeHooks(): { beforeClose(fn: () => Promise<void>): void; run(): Promise<void> } {
  const hooks: (() => Promise<void>)[] = [];
  return {
    beforeClose: (fn) => void hooks.unshift(fn),
    async run() {
      for (const fn of hooks.splice(0)) await fn();
    },
  };
}

/*
 * How long the app may wait on the server, chosen so that every request that needs the
 * database answers within 6 s (the README's promise), whatever the server is doing:
 * - DEADLINE_MS: one operation (a statement, or a whole transaction) from the moment it is
 *   asked: waiting for a connection, connecting and running together (db/guard.ts). Past it a
 *   statement is cancelled on the server.
 * - REQUEST_DEADLINE_MS: all the operations of one request together (scripts/serve.ts runs each
 *   request inside withDatabaseDeadline). The rest of the 6 s is the request's own work.
 * - BACKGROUND_DEADLINE_MS: the same for job workers (withDatabaseBudget, lib/app/runtime.ts),
 *   whose batches may take longer and whose callers are not waiting; also the server-side
 *   statement_timeout, which stops a statement even when the cancel cannot reach the server.
 * - CONNECT_TIMEOUT_S: opening one connection (TCP, startup, authentication). An operation
 *   only starts connecting with this much of its budget left.
 * - COOLDOWN_MS: when no connection can be made, new operations get their 503 at once for this
 *   long; then one is let through to see whether the server is back.
 * - reconnectDelay: postgres.js's own back-off grows to 20 s between connection attempts,
 *   which is how a request waited 19 s during a restart; the breaker already keeps attempts
 *   rare, so the driver may retry within half a second.
 * idle_timeout and max_lifetime keep postgres.js's defaults (connections stay open while idle;
 * each is replaced after 30–60 min, which follows a failover's DNS change); TCP keepalive
 * (60 s) finds a connection to a vanished host while it is idle.
 */
const POOL_SIZE = 10;
const DEADLINE_MS = 4_500;
export const REQUEST_DEADLINE_MS = 5_000;
export const BACKGROUND_DEADLINE_MS = 60_000;
const CONNECT_TIMEOUT_S = 2.5;
const COOLDOWN_MS = 1_000;
const GRACE_MS = 1_000;
const reconnectDelay = (retries: number) => Math.min(0.05 * 2 ** retries, 0.5) * (0.5 + Math.random() / 2);

/**
 * Opens a database: a PostgreSQL server when `url` is given, else PGlite in `dir` (memory when
 * undefined). Neither migrates nor starts anything: the process's one prepared handle comes from
 * lib/app/runtime.ts (getDb), tests build theirs with test/db.ts.
 */
export async function openDb(opts: {
  url?: string;
  dir?: string;
  loadDataDir?: Blob;
  prepare?: boolean;
  /** Each operation's budget on a server (default DEADLINE_MS, for a process that serves requests). */
  deadlineMs?: number;
  /** Where a server's outages and recoveries are reported (db/guard.ts); the runtime passes its logger. */
  log?: DbLog;
}): Promise<DbHandle> {
  if (opts.url) {
    const url = opts.url;
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { guardedClient } = await import("./guard");
    // prepare (DATABASE_PREPARE): drizzle sends queries unnamed, which PostgreSQL plans again on
    // every call; for the app's joins that is most of the server's work (the slots query plans in
    // about 0.4 ms and runs in 0.2 ms). So queries with parameters outside a transaction go as
    // named statements, planned once per connection. A pooler in transaction mode hands each
    // transaction to any server connection, where a named statement may not exist, and refuses
    // startup parameters it does not know (statement_timeout): `prepare: false` sends every
    // statement unnamed and no statement_timeout at startup (see the README).
    const prepare = opts.prepare ?? true;
    const guarded = guardedClient(
      () =>
        postgres(url, {
          max: POOL_SIZE,
          connect_timeout: CONNECT_TIMEOUT_S,
          backoff: reconnectDelay,
          prepare,
          ...(prepare ? { connection: { statement_timeout: BACKGROUND_DEADLINE_MS } } : {}),
          onnotice: () => {},
        }),
      { max: POOL_SIZE, deadlineMs: opts.deadlineMs ?? DEADLINE_MS, connectTimeoutMs: CONNECT_TIMEOUT_S * 1000, cooldownMs: COOLDOWN_MS, graceMs: GRACE_MS, namedStatements: prepare, log: opts.log },
    );
    const db = drizzle({ client: guarded.sql, schema, casing: "snake_case" }) as unknown as Db;
    markTransactions(db, db);
    const hooks = closeHooks();
    const close = async () => {
      await hooks.run();
      await guarded.end({ timeout: 5 });
    };
    return { db, kind: "postgres", url, beforeClose: hooks.beforeClose, close };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
  const { drizzle } = await import("drizzle-orm/pglite");
  if (opts.dir) await mkdir(opts.dir, { recursive: true });
  // loadDataDir: start from a dump (the tests' migrated template) instead of an empty initdb.
  const pglite = await PGlite.create(opts.dir, { extensions: { btree_gist }, loadDataDir: opts.loadDataDir });
  const db = drizzle({ client: pglite, schema, casing: "snake_case" }) as unknown as Db;
  markTransactions(db, db);
  const hooks = closeHooks();
  const close = async () => {
    await hooks.run();
    await pglite.close();
  };
  return { db, kind: "pglite", pglite, beforeClose: hooks.beforeClose, close };
}
