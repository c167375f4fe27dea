/** `npm run db:seed`: migrates and upserts the demo data (safe to re-run), then exits. */
import { getDbHandle } from "@/lib/app/runtime";
import { demoLoginsText, seedDemo } from "@/scripts/lib/seed";
import { describeDatabase, envOrExit } from "./lib/config";

const e = envOrExit();
const handle = await getDbHandle();
try {
  await seedDemo(handle.db);
} finally {
  await handle.close();
}
console.log(`Seeded demo data into ${describeDatabase(e)}.\n${demoLoginsText()}`);
