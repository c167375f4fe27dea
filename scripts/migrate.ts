/** `npm run db:migrate`: applies drizzle/ migrations (and the job queue's schema), then exits. */
import { getDbHandle } from "@/lib/app/runtime";
import { describeDatabase, envOrExit } from "./lib/config";

const e = envOrExit();
const handle = await getDbHandle();
await handle.close();
console.log(`Migrated ${describeDatabase(e)}.`);
