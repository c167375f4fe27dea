import path from "node:path";
import type { TransactionSql } from "postgres";
import type { DbHandle } from "./index";

const migrationsFolder = path.join(process.cwd(), "drizzle");
const MIGRATION_LOCK = 727001;

/** Applies drizzle/ migrations; idempotent. */
export async function migrateDb(handle: DbHandle): Promise<void> {
  if (handle.kind === "pglite") {
    const { drizzle } = await import("drizzle-orm/pglite");
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(drizzle({ client: handle.pglite! }), { migrationsFolder });
    return;
  }
  // Several instances may start together against one server: exactly one of them migrates at a
  // time. The lock is a transaction's (pg_advisory_xact_lock), taken before drizzle reads which
  // migrations ran, and drizzle's migrator runs inside that same transaction: a session's lock
  // would be held by whichever server connection a pooler in transaction mode picked for that
  // one statement, and released by none. Unnamed statements (prepare: false) for the same reason.
  // No deadline here: a migration may take its time.
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(handle.url!, { max: 1, prepare: false, onnotice: () => {} });
  try {
    await client.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${MIGRATION_LOCK})`;
      await migrate(drizzle({ client: insideTransaction(tx, client.options) }), { migrationsFolder });
    });
  } finally {
    await client.end({ timeout: 5 });
  }
}

/**
 * The transaction as a client for drizzle's migrator: its own `transaction` (postgres.js
 * `begin`) joins the one already open, and drizzle finds the type parsers it sets on `options`.
 */
function insideTransaction(tx: TransactionSql, options: unknown): never {
  return new Proxy(tx, {
    get(target, prop, receiver) {
      if (prop === "begin") return (fn: (sql: TransactionSql) => unknown) => fn(target);
      if (prop === "options") return options;
      return Reflect.get(target, prop, receiver);
    },
  }) as never;
}
