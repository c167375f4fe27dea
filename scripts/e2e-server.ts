/**
 * Playwright's web server: a production build against a fresh PGlite directory with the demo
 * data, on E2E_PORT (3100). The run's settings (PGLITE_DIR, secrets, APP_URL, MAILBOX_UI …)
 * come from playwright.config.ts. E2E_SKIP_BUILD=1 reuses the last build (quicker reruns
 * while writing specs; `npm test` always builds).
 */
import { rm } from "node:fs/promises";
import { assertLocalDatabase } from "@/e2e/assert-local-database";
import { buildApp, freshPgliteDir, hasBuild } from "./lib/app-server";
import { prepareDatabase } from "./lib/seed";
import { exitCodeOf, forwardSignals, spawnServer } from "./lib/process";

assertLocalDatabase();
const distDir = process.env.NEXT_DIST_DIR || ".next-e2e";
const port = process.env.E2E_PORT || "3100";
const pgliteDir = process.env.PGLITE_DIR;
if (!pgliteDir?.startsWith(".data/e2e-")) throw new Error("PGLITE_DIR must be a .data/e2e-<run id> directory");

if (process.env.E2E_SKIP_BUILD === "1" && hasBuild(distDir)) {
  console.log(`[e2e] reusing the build in ${distDir}`);
} else {
  await buildApp(distDir);
}

await prepareDatabase({ dir: await freshPgliteDir(pgliteDir.slice(".data/".length)) });
console.log(`[e2e] seeded ${pgliteDir}; starting next start on port ${port}`);

const child = spawnServer([], { env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: distDir, PORT: port } });
forwardSignals(child);
const code = await exitCodeOf(child);
await rm(pgliteDir, { recursive: true, force: true });
process.exit(code);
