import { getDbHandle } from "@/db";
import { startWorkers } from "./worker";

const globalForWorker = globalThis as unknown as { __slotbookWorker?: Promise<void> };

/** Starts the job workers once per process (instrumentation.ts and `npm run worker`). */
export function startAppWorker(): Promise<void> {
  globalForWorker.__slotbookWorker ??= (async () => {
    const handle = await getDbHandle();
    await startWorkers(handle.db);
    console.log(`[jobs] workers started on ${handle.kind}`);
  })();
  return globalForWorker.__slotbookWorker;
}
