import { ConfigError, env, type Env } from "@/lib/infra/env";

/** The configuration, or exit 1 with the message naming the bad variable (no stack trace). */
export function envOrExit(): Env {
  try {
    return env();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
}

/** Where the database is, for messages: never prints a password. */
export function describeDatabase(e: Env): string {
  if (!e.DATABASE_URL) return `PGlite in ${e.PGLITE_DIR}`;
  const u = new URL(e.DATABASE_URL);
  return `PostgreSQL at ${u.hostname}${u.port ? `:${u.port}` : ""}${u.pathname}`;
}
