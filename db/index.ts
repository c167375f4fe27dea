import "server-only";
import { mkdir } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
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
  /** Set on a server: the connection URL, for the job queue's own pool. */
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

/**
 * Drizzle sends a query without a name as an unnamed statement, which PostgreSQL plans again on
 * every call. For the app's joins that is most of the server's work: the slots query plans in
 * about 0.4 ms and runs in 0.2 ms. Named statements are postgres.js's own default. This restores
 * them for queries with parameters: each connection plans a statement once and reuses the plan.
 * Queries inside a transaction (`client.begin`) keep drizzle's unnamed statements.
 * Behind a pooler in transaction mode (PgBouncer before 1.21), named statements need
 * `max_prepared_statements`: see the README.
 */
function preparing(client: Sql): Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== "unsafe") return Reflect.get(target, prop, receiver);
      return (query: string, params: unknown[] = [], options: { prepare?: boolean } = {}) =>
        target.unsafe(query, params as never[], { ...options, prepare: params.length > 0 || options.prepare === true });
    },
  });
}

/**
 * Opens a database: a PostgreSQL server when `url` is given, else PGlite in `dir` (memory when
 * undefined). Neither migrates nor starts anything: the process's one prepared handle comes from
 * lib/app/runtime.ts (getDb), tests build theirs with test/db.ts.
 */
export async function openDb(opts: { url?: string; dir?: string; loadDataDir?: Blob }): Promise<DbHandle> {
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    // connect_timeout: while the server is away a request fails in seconds (a 503), never hangs.
    const client: Sql = postgres(opts.url, { max: 10, connect_timeout: 5, onnotice: () => {} });
    const db = drizzle({ client: preparing(client), schema, casing: "snake_case" }) as unknown as Db;
    markTransactions(db, db);
    const hooks = closeHooks();
    const close = async () => {
      await hooks.run();
      await client.end({ timeout: 5 });
    };
    return { db, kind: "postgres", url: opts.url, beforeClose: hooks.beforeClose, close };
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
