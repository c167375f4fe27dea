import { mkdir } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import type { SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Sql } from "postgres";
import { env } from "@/lib/env";
import { startBoss, stopBoss } from "@/lib/jobs/boss";
import { migrateDb } from "./migrate";
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

export type DbHandle = {
  db: Db;
  kind: "pglite" | "postgres";
  /** Set on PGlite: the job queue shares this one connection. */
  pglite?: PGlite;
  /** Set on a server: the connection URL, for the job queue's own pool. */
  url?: string;
  close(): Promise<void>;
};

/** Opens a database: a PostgreSQL server when `url` is given, else PGlite in `dir` (memory when undefined). */
export async function openDb(opts: { url?: string; dir?: string }): Promise<DbHandle> {
  if (opts.url) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const client: Sql = postgres(opts.url, { max: 10, onnotice: () => {} });
    const db = drizzle({ client, schema, casing: "snake_case" }) as unknown as Db;
    const close = async () => {
      await stopBoss(db);
      await client.end({ timeout: 5 });
    };
    return { db, kind: "postgres", url: opts.url, close };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { btree_gist } = await import("@electric-sql/pglite/contrib/btree_gist");
  const { drizzle } = await import("drizzle-orm/pglite");
  if (opts.dir) await mkdir(opts.dir, { recursive: true });
  const pglite = await PGlite.create(opts.dir, { extensions: { btree_gist } });
  const db = drizzle({ client: pglite, schema, casing: "snake_case" }) as unknown as Db;
  const close = async () => {
    await stopBoss(db);
    await pglite.close();
  };
  return { db, kind: "pglite", pglite, close };
}

// PGlite may be opened by one process only, and Next.js loads route bundles and
// instrumentation.ts as separate module graphs: the handle lives on globalThis so they share it
// (and hot reloads reuse it).
const globalForDb = globalThis as unknown as { __slotbookDb?: Promise<DbHandle> };

/** The process's database, opened, migrated and with its job queue ready, on first use. */
export function getDbHandle(): Promise<DbHandle> {
  globalForDb.__slotbookDb ??= (async () => {
    const e = env();
    const handle = await openDb(e.DATABASE_URL ? { url: e.DATABASE_URL } : { dir: e.PGLITE_DIR });
    await migrateDb(handle);
    await startBoss(handle);
    return handle;
  })().catch((err) => {
    globalForDb.__slotbookDb = undefined;
    throw err;
  });
  return globalForDb.__slotbookDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}
