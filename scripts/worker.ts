/**
 * `npm run worker`: runs the durable job workers as their own process, for deployments on a
 * PostgreSQL server (any number of these and of web instances: each job is done once).
 */
import { startAppWorker } from "@/lib/app/runtime";
import { describeDatabase, envOrExit } from "./lib/config";

const e = envOrExit();
if (e.dbKind === "pglite") {
  console.error(
    "npm run worker needs a PostgreSQL server (set DATABASE_URL).\n" +
      "With PGlite one process owns the database, and the web server (npm run dev / npm start) already runs the workers.",
  );
  process.exit(1);
}

const handle = await startAppWorker();
console.log(`[worker] processing jobs on ${describeDatabase(e)}; Ctrl-C to stop`);

let stopping = false;
async function shutdown(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing active jobs…`);
  try {
    // Stops pg-boss gracefully (active jobs get a few seconds to finish), then the pool.
    await handle.close();
    process.exit(0);
  } catch (err) {
    console.error("[worker] shutdown failed", err);
    process.exit(1);
  }
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
