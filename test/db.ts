import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { count } from "drizzle-orm";
import { bossFor } from "@/lib/infra/jobs/boss";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { prepareDb } from "@/lib/app/runtime";
import { BACKGROUND_DEADLINE_MS, openDb, type Db, type DbHandle } from "@/db";
import { migrateDb } from "@/db/migrate";
import { startBoss } from "@/lib/infra/jobs/boss";
import { appointments, mailMessages } from "@/db/schema";

export type DriverKind = DbHandle["kind"];

/**
 * Where vitest's global set-up (test/db-template.ts) leaves a dump of a migrated PGlite with
 * the job queue's schema: each test file loads it instead of running initdb and every
 * migration again (seconds per file). Without it, a file builds its database from scratch.
 */
export const PGLITE_TEMPLATE_ENV = "SLOTBOOK_TEST_PGLITE_TEMPLATE";
/** The same on the test server: a migrated database each file's database is created from. */
export const PG_TEMPLATE_ENV = "SLOTBOOK_TEST_PG_TEMPLATE";

/** PGlite always; the server in TEST_DATABASE_URL too when it is set (CI sets it). */
export function testDrivers(): DriverKind[] {
  return process.env.TEST_DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export type TestDb = DbHandle & { dispose(): Promise<void> };

/**
 * A fresh, migrated database for one test file: in-memory PGlite, or a new database on the
 * test server (dropped by dispose), so files never see each other's rows. Prepared as the app
 * prepares its own (lib/app/runtime.ts: job queue, write path's follow-ups); `bare` leaves the
 * follow-ups unwired, for the test that shows such a database refuses appointment writes.
 */
export async function createTestDb(kind: DriverKind, opts: { bare?: boolean } = {}): Promise<TestDb> {
  const prepare = opts.bare ? prepareBare : prepareDb;
  if (kind === "pglite") {
    const template = process.env[PGLITE_TEMPLATE_ENV];
    const loadDataDir = template && existsSync(template) ? new Blob([await readFile(template)]) : undefined;
    const handle = await prepare(await openDb({ loadDataDir }));
    return { ...handle, dispose: () => handle.close() };
  }
  const baseUrl = process.env.TEST_DATABASE_URL;
  if (!baseUrl) throw new Error("TEST_DATABASE_URL is not set");
  assertLocal(baseUrl);
  const { default: postgres } = await import("postgres");
  const name = `slotbook_test_${randomBytes(6).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  const template = process.env[PG_TEMPLATE_ENV];
  await admin.unsafe(template ? `create database "${name}" template "${template}"` : `create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  // Tests of the domain are not requests: on a busy machine a slow transaction must not become
  // a 503. The deadlines have tests of their own (lib/app/outage.test.ts), on handles of their own.
  const handle = await prepare(await openDb({ url: url.toString(), deadlineMs: BACKGROUND_DEADLINE_MS }));
  return {
    ...handle,
    async dispose() {
      await handle.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** Migrated with its job queue, and nothing wired on it. */
async function prepareBare(handle: DbHandle): Promise<DbHandle> {
  await migrateDb(handle);
  await startBoss(handle);
  return handle;
}

/** Tests create and drop databases: refuse anything but a server on this machine. */
function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (!["127.0.0.1", "localhost", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database host: ${host}`);
  }
}

/**
 * Row counts of what a booking writes: appointments, mails, and mail jobs (through pg-boss's
 * own `findJobs`, not its tables), so a test can show a refused write left nothing behind.
 */
export async function countWrites(db: Db): Promise<{ appointments: number; mails: number; jobs: number }> {
  const [a] = await db.select({ n: count() }).from(appointments);
  const [m] = await db.select({ n: count() }).from(mailMessages);
  const jobs = await bossFor(db).findJobs(QUEUES.mail, { limit: 100_000 });
  return { appointments: a!.n, mails: m!.n, jobs: jobs.length };
}
