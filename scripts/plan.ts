/*
 * Sets a provider's plan from the command line (the seam where a payment provider plugs in):
 *   npm run plan -- <slug> pro <months>
 *   npm run plan -- <slug> free
 */
import { getDbHandle } from "@/lib/app/runtime";
import { isAppError } from "@/lib/infra/errors";
import { setPlanBySlug } from "@/lib/plans/plans";
import { envOrExit } from "./lib/config";

const usage = "Usage: npm run plan -- <slug> pro <months>   |   npm run plan -- <slug> free";
const [slug, plan, months] = process.argv.slice(2);
if (!slug || (plan !== "pro" && plan !== "free") || (plan === "pro" && !/^\d+$/.test(months ?? ""))) {
  console.error(usage);
  process.exit(2);
}

envOrExit();
const handle = await getDbHandle(); // migrates on open
try {
  const result = await setPlanBySlug(handle.db, slug, plan === "pro" ? { plan: "pro", months: Number(months) } : { plan: "free" });
  console.log(result.plan === "pro" ? `${slug}: PRO until ${result.proUntil!.toISOString()}` : `${slug}: FREE`);
} catch (e) {
  console.error(isAppError(e) ? e.message : e);
  process.exitCode = 1;
} finally {
  await handle.close();
}
