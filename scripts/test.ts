/**
 * `npm test`: type-check, lint, unit + integration tests, the README run, end-to-end tests, in
 * that order, stopping at the first failure with its exit code. `npm test -- unit e2e` runs only
 * the named stages. Integration tests also run on a PostgreSQL server when TEST_DATABASE_URL is
 * set (and the README run's `npm run worker` uses it).
 *
 * The README run (scripts/readme.test.ts) does `npm run build` in a clean copy of the tree; it
 * hands that build to the end-to-end stage (README_BUILD_HANDOFF → .next-e2e, then
 * E2E_SKIP_BUILD=1), so a full run builds the app once.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { formatMs, run } from "./lib/process";

// Machine-readable results of the two test runners, for the closing "N passed, N failed" line.
const RESULTS_DIR = ".data/test-results";
const VITEST_JSON = `${RESULTS_DIR}/vitest.json`;
const PLAYWRIGHT_JSON = `${RESULTS_DIR}/playwright.json`;

// `next typegen` first: tsc then checks pages and route handlers against Next's generated
// route types (a fresh clone has none, and a stale .next/types would name deleted routes).
const STAGES = [
  { name: "types", label: "tsc --noEmit", commands: [["next", "typegen"], ["tsc", "--noEmit"]] },
  { name: "lint", label: "eslint .", commands: [["eslint", "."]] },
  {
    name: "unit",
    label: "vitest run",
    commands: [["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${VITEST_JSON}`]],
  },
  { name: "readme", label: "README commands", commands: [["vitest", "run", "--config", "vitest.readme.config.ts"]] },
  { name: "e2e", label: "playwright test", commands: [["playwright", "test", "--reporter=list,json"]] },
] as const;

const E2E_DIST_DIR = ".next-e2e";

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !STAGES.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(`Unknown stage(s): ${unknown.join(", ")}. Stages: ${STAGES.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
const stages = wanted.length > 0 ? STAGES.filter((s) => wanted.includes(s.name)) : STAGES;

await rm(RESULTS_DIR, { recursive: true, force: true });
await mkdir(RESULTS_DIR, { recursive: true });
process.env.PLAYWRIGHT_JSON_OUTPUT_FILE = PLAYWRIGHT_JSON;

const summary: string[] = [];
// Set once the README run has passed and left its production build in .next-e2e.
let readmeBuilt = false;

function stageEnv(name: string): Record<string, string> {
  if (name === "readme") return { README_BUILD_HANDOFF: E2E_DIST_DIR };
  if (name === "e2e" && readmeBuilt) return { E2E_SKIP_BUILD: "1" };
  return {};
}
const startedAll = performance.now();
let exitCode = 0;

for (const stage of stages) {
  console.log(`\n▶ ${stage.label}`);
  const started = performance.now();
  // npx finds the tools in node_modules/.bin, where npm also put the pinned Node 24 first on PATH.
  let code = 0;
  const env = { ...process.env, ...stageEnv(stage.name) };
  if (stage.name === "readme") await rm(E2E_DIST_DIR, { recursive: true, force: true });
  for (const args of stage.commands) {
    code = await run("npx", ["--no-install", ...args], { env });
    if (code !== 0) break;
  }
  if (stage.name === "readme" && code === 0) readmeBuilt = existsSync(`${E2E_DIST_DIR}/BUILD_ID`);
  const took = formatMs(performance.now() - started);
  summary.push(`${code === 0 ? "✓" : "✗"} ${stage.label.padEnd(16)} ${took}${code === 0 ? "" : `  (exit ${code})`}`);
  if (code !== 0) {
    exitCode = code;
    break;
  }
}

const skipped = stages.slice(summary.length).map((s) => `- ${s.label.padEnd(16)} skipped`);
console.log(`\n${[...summary, ...skipped].join("\n")}\n${exitCode === 0 ? "All passed" : "Failed"} in ${formatMs(performance.now() - startedAll)}`);
const counts = await testCounts();
if (counts) console.log(`\n${counts.passed} passed, ${counts.failed} failed${counts.skipped ? `, ${counts.skipped} skipped` : ""}`);
process.exit(exitCode);

/** Tests counted by Vitest and Playwright in this run (undefined when neither ran). */
async function testCounts(): Promise<{ passed: number; failed: number; skipped: number } | undefined> {
  const read = async (file: string) => JSON.parse(await readFile(file, "utf8").catch(() => "null"));
  const vitest = await read(VITEST_JSON);
  const playwright = await read(PLAYWRIGHT_JSON);
  if (!vitest && !playwright) return undefined;
  const stats = playwright?.stats ?? {};
  return {
    passed: (vitest?.numPassedTests ?? 0) + (stats.expected ?? 0) + (stats.flaky ?? 0),
    failed: (vitest?.numFailedTests ?? 0) + (stats.unexpected ?? 0),
    skipped: (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (stats.skipped ?? 0),
  };
}
