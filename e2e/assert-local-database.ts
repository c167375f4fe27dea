/**
 * End-to-end runs, benchmarks and their scratch databases create, fill and drop data: they
 * refuse any database that is not on this machine, so a stray DATABASE_URL in the shell can
 * never point them at staging or production.
 */
import { isLocalDatabaseUrl } from "../scripts/lib/local-database";

/** Throws unless every database URL in the environment is local (an unset one is fine: PGlite). */
export function assertLocalDatabase(env: Record<string, string | undefined> = process.env): void {
  for (const name of ["DATABASE_URL", "TEST_DATABASE_URL", "BENCH_DATABASE_URL"]) {
    const value = env[name]?.trim();
    if (value && !isLocalDatabaseUrl(value)) {
      const host = (() => {
        try {
          return new URL(value).hostname || "(none)";
        } catch {
          return "(unparseable URL)";
        }
      })();
      throw new Error(`Refusing to run: ${name} points at a non-local database host (${host}). Unset it or use a local server.`);
    }
  }
}

/** Playwright globalSetup. (playwright.config.ts also calls it before the web server is built.) */
export default function globalSetup(): void {
  assertLocalDatabase();
}
