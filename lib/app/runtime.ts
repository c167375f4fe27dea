import "server-only";
import type { Db, DbHandle } from "@/db";
import { BACKGROUND_DEADLINE_MS, openDb } from "@/db";
import { withDatabaseBudget } from "@/db/guard";
import { migrateDb } from "@/db/migrate";
import { wireLiveBusyCheck } from "@/lib/booking/live-busy";
import { wireFollowUps } from "@/lib/booking/write";
import { checkLiveBusy } from "@/lib/calendar/live-check";
import { env } from "@/lib/infra/env";
import { startBoss } from "@/lib/infra/jobs/boss";
import { log } from "@/lib/infra/log";
import { APPOINTMENT_FOLLOW_UPS } from "./follow-ups";
import { startWorkers } from "./workers";

/*
 * The process's runtime: the one place that opens the database, migrates it, starts the job
 * queue on it and wires the appointment write path's follow-ups. db/ only opens connections and
 * knows nothing of jobs; routes, pages, actions, scripts and instrumentation.ts get their
 * database here, and so every database they write through has its follow-ups. Nothing runs at
 * import time (`next build` imports route modules).
 */

/**
 * Makes a freshly opened database ready for the app: migrated, its job queue started (no
 * workers) and the write path's follow-ups wired (tests prepare theirs here too).
 */
export async function prepareDb(handle: DbHandle): Promise<DbHandle> {
  await migrateDb(handle);
  await startBoss(handle);
  wireFollowUps(handle.db, APPOINTMENT_FOLLOW_UPS);
  // Bookings ask the resource's Google calendars before writing (about 2 s at most).
  wireLiveBusyCheck(handle.db, (db, q) => checkLiveBusy(db, q));
  return handle;
}

// PGlite may be opened by one process only, and Next.js loads route bundles and
// instrumentation.ts as separate module graphs: the handle lives on globalThis so they share it
// (and hot reloads reuse it).
const globalForRuntime = globalThis as unknown as { __slotbookDb?: Promise<DbHandle>; __slotbookWorker?: Promise<void> };

/** The process's database, opened and prepared (prepareDb) on first use. */
export function getDbHandle(): Promise<DbHandle> {
  globalForRuntime.__slotbookDb ??= (async () => {
    const e = env();
    const server = { url: e.DATABASE_URL, prepare: e.DATABASE_PREPARE, log: log.child({ component: "db" }) };
    return prepareDb(await openDb(e.DATABASE_URL ? server : { dir: e.PGLITE_DIR }));
  })().catch((err) => {
    globalForRuntime.__slotbookDb = undefined;
    throw err;
  });
  return globalForRuntime.__slotbookDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/** Starts the job workers once per process (instrumentation.ts and `npm run worker`). */
export function startAppWorker(): Promise<DbHandle> {
  globalForRuntime.__slotbookWorker ??= (async () => {
    const handle = await getDbHandle();
    // Jobs are not requests: each of their database operations may take up to a minute.
    await withDatabaseBudget(BACKGROUND_DEADLINE_MS, () => startWorkers(handle.db));
    console.log(`[jobs] workers started on ${handle.kind}`);
  })();
  return globalForRuntime.__slotbookWorker.then(() => getDbHandle());
}
