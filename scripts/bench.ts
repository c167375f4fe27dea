/**
 * `npm run bench`: the slot engine (bench/slots.ts), HTTP throughput (bench/http.ts), the
 * booking storm (bench/storm.ts), the calendar backfill, busy times from Google (bench/busy.ts),
 * a database restart under bookings (bench/outage.ts) and the team schedule's server time
 * (bench/schedule.ts), each printing its figures. `npm run bench -- http storm` runs only those.
 * `dev` (bench/dev.ts: fresh copy → `npm run dev` → first page) runs only when named.
 * Figures, not assertions: the storm sets a failing exit code when its outcome is wrong
 * (anything but exactly one booking per slot), the outage when a 201 is not in the database.
 */
import * as busy from "@/bench/busy";
import * as calendar from "@/bench/calendar-backfill";
import * as dev from "@/bench/dev";
import * as http from "@/bench/http";
import * as outage from "@/bench/outage";
import * as schedule from "@/bench/schedule";
import * as slots from "@/bench/slots";
import * as storm from "@/bench/storm";
import { privateClusterUnavailable } from "@/test/private-postgres";
import { formatMs } from "./lib/process";

const BENCHES = ["slots", "http", "storm", "calendar", "busy", "outage", "schedule", "dev"] as const;
// Minutes of fresh `npm run dev` starts, and about the development server: only when named.
const ON_REQUEST: readonly BenchName[] = ["dev"];
type BenchName = (typeof BENCHES)[number];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !BENCHES.includes(w as BenchName));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(", ")}. Benchmarks: ${BENCHES.join(", ")}`);
  process.exit(2);
}
const selected = wanted.length > 0 ? (wanted as BenchName[]) : BENCHES.filter((b) => !ON_REQUEST.includes(b));

function printSlots(result: ReturnType<typeof slots.run>): void {
  const rows = result.rows;
  const w = Math.max(...rows.map((r) => r.case.length));
  console.log("Slot engine (pure, in process)");
  console.log(`${"case".padEnd(w)}  median ms     p95 ms   runs  slots`);
  for (const r of rows) {
    console.log(
      `${r.case.padEnd(w)}  ${r.medianMs.toFixed(3).padStart(9)}  ${r.p95Ms.toFixed(3).padStart(9)}  ${String(r.runs).padStart(5)}  ${String(r.slots).padStart(5)}`,
    );
  }
  const { rows: _rows, ...figures } = result;
  for (const [k, v] of Object.entries(figures)) {
    console.log(`${k}: ${typeof v === "number" ? (Number.isInteger(v) ? v : v.toFixed(3)) : String(v)}`);
  }
}

let exitCode = 0;
for (const name of selected) {
  console.log(`\n▶ ${name}`);
  const started = performance.now();
  try {
    if (name === "slots") printSlots(slots.run());
    if (name === "http") http.print(await http.run());
    if (name === "dev") dev.print(await dev.run());
    if (name === "schedule") schedule.print(await schedule.run());
    if (name === "calendar") {
      const r = await calendar.run();
      calendar.print(r);
      if (r.inserts !== r.appointments || r.otherCalendarCalls !== 0) exitCode = 1;
    }
    if (name === "busy") busy.print(await busy.run());
    if (name === "outage") {
      const unavailable = privateClusterUnavailable();
      if (unavailable) console.log(`skipped: ${unavailable}`);
      else {
        const r = await outage.run();
        outage.print(r);
        if (r.lost !== 0) exitCode = 1;
      }
    }
    if (name === "storm") {
      const results = await storm.run();
      storm.print(results);
      if (!results.every((r) => r.ok)) exitCode = 1;
    }
  } catch (e) {
    console.error(`${name} failed:`, e);
    exitCode = 1;
  }
  console.log(`(${name}: ${formatMs(performance.now() - started)})`);
}
process.exit(exitCode);
