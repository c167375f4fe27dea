import path from "node:path";
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
  // Several instances may start together against one server: a session advisory lock, held
  // on one dedicated connection, lets exactly one of them migrate at a time.
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  const client = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle({ client }), { migrationsFolder });
    await client`select pg_advisory_unlock(${MIGRATION_LOCK})`;
  } finally {
    await client.end({ timeout: 5 });
  }
}
