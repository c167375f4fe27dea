/**
 * `npm test`: type-check, lint, unit + integration tests, end-to-end tests, in that order,
 * stopping at the first failure with its exit code. `npm test -- unit e2e` runs only the named
 * stages. Integration tests also run on a PostgreSQL server when TEST_DATABASE_URL is set.
 */
import { formatMs, run } from "./lib/process";

// `next typegen` first: tsc then checks pages and route handlers against Next's generated
// route types (a fresh clone has none, and a stale .next/types would name deleted routes).
const STAGES = [
  { name: "types", label: "tsc --noEmit", commands: [["next", "typegen"], ["tsc", "--noEmit"]] },
  { name: "lint", label: "eslint .", commands: [["eslint", "."]] },
  { name: "unit", label: "vitest run", commands: [["vitest", "run"]] },
  { name: "e2e", label: "playwright test", commands: [["playwright", "test"]] },
] as const;

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !STAGES.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(`Unknown stage(s): ${unknown.join(", ")}. Stages: ${STAGES.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
const stages = wanted.length > 0 ? STAGES.filter((s) => wanted.includes(s.name)) : STAGES;

const summary: string[] = [];
const startedAll = performance.now();
let exitCode = 0;

for (const stage of stages) {
  console.log(`\n▶ ${stage.label}`);
  const started = performance.now();
  // npx finds the tools in node_modules/.bin, where npm also put the pinned Node 24 first on PATH.
  let code = 0;
  for (const args of stage.commands) {
    code = await run("npx", ["--no-install", ...args]);
    if (code !== 0) break;
  }
  const took = formatMs(performance.now() - started);
  summary.push(`${code === 0 ? "✓" : "✗"} ${stage.label.padEnd(16)} ${took}${code === 0 ? "" : `  (exit ${code})`}`);
  if (code !== 0) {
    exitCode = code;
    break;
  }
}

const skipped = stages.slice(summary.length).map((s) => `- ${s.label.padEnd(16)} skipped`);
console.log(`\n${[...summary, ...skipped].join("\n")}\n${exitCode === 0 ? "All passed" : "Failed"} in ${formatMs(performance.now() - startedAll)}`);
process.exit(exitCode);
