/**
 * Slot engine benchmark: `npx tsx bench/slots.ts` (optionally `--runs 2000`).
 *
 * A provider open 7 days a week (09:00–12:00 and 13:00–20:00, Europe/London, so the window
 * crosses no DST change for the first weeks but the zone is real), a 30-minute service, a
 * 60-day horizon and 2,000 existing appointments (10–45 minutes, on a 5-minute grid, random
 * and possibly overlapping, as when several staff members' bookings are pooled). Prints the
 * median and p95 of computing every slot, against two baselines in the same process:
 * the same computation with no appointments (the cost of the calendar arithmetic alone) and a
 * naive linear scan of every appointment for every slot. Target: median under 5 ms.
 * `run()` returns the figures for a bench runner; nothing here asserts.
 */
import { pathToFileURL } from "node:url";
import { computeSlots, isBookableSlot, type SlotInput, type WeeklyInterval } from "../lib/availability";
import { computeStaffSlots, type StaffResource } from "@/lib/booking/staff-resources";

export type BenchRow = { case: string; medianMs: number; p95Ms: number; runs: number; slots: number };
export type BenchResult = {
  name: "slots";
  rows: BenchRow[];
  /** Median of the full computation with 2,000 appointments. */
  medianMs: number;
  p95Ms: number;
  targetMs: number;
  /** Naive linear scan median ÷ engine median. */
  speedupVsNaive: number;
  /** Engine median ÷ no-appointment median: what the 2,000 appointments cost on top. */
  overheadVsEmpty: number;
  /** "Any available" over 10 staff, 60 days, 5,000 appointments (issue 7): median, p95, target. */
  anyMedianMs: number;
  anyP95Ms: number;
  anyTargetMs: number;
  /** Any-available median ÷ the single-provider median above. */
  anyVsSingle: number;
  /** The 2,000-appointment case with scheduling rules (15-minute interval, 10/10 buffers, cap 12 a day): median. */
  rulesMedianMs: number;
  /** Rules median ÷ the plain engine median (twice the starts to try, so about 2× is expected). */
  rulesVsPlain: number;
};

const MINUTE = 60_000;
const TARGET_MS = 5;
const ANY_TARGET_MS = 10;

function lcg(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

function scenario(): SlotInput {
  const weeklyHours: WeeklyInterval[] = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [
    { weekday, start: "09:00", end: "12:00" },
    { weekday, start: "13:00", end: "20:00" },
  ]);
  const now = new Date("2026-04-06T07:00:00Z"); // a Monday morning
  const random = lcg(2026);
  const busy = Array.from({ length: 2000 }, () => {
    const day = Math.floor(random() * 60);
    const minuteOfDay = 9 * 60 + Math.floor(random() * (11 * 12)) * 5; // 09:00…19:55 on the London clock (BST all window long)
    const start = now.getTime() + day * 24 * 60 * MINUTE + (minuteOfDay - 8 * 60) * MINUTE;
    const length = (2 + Math.floor(random() * 8)) * 5;
    return { start: new Date(start), end: new Date(start + length * MINUTE) };
  });
  return {
    timezone: "Europe/London",
    weeklyHours,
    closedDates: ["2026-04-24", "2026-05-04", "2026-05-25"],
    busy,
    durationMinutes: 30,
    minNoticeMinutes: 120,
    horizonDays: 60,
    now,
  };
}

/**
 * Ten staff members with staggered, overlapping hours (each works 5–6 days, 6–8 hours inside
 * the business's hours) and 5,000 appointments spread over them and the 60 days.
 */
function staffScenario(base: SlotInput): { members: StaffResource[] } {
  const random = lcg(7);
  const members: StaffResource[] = Array.from({ length: 10 }, (_, i) => {
    const startHour = 9 + (i % 4);
    const weeklyHours = [1, 2, 3, 4, 5, 6, 7]
      .filter((d) => (d + i) % 7 !== 0)
      .map((weekday) => ({ weekday, start: `${String(startHour).padStart(2, "0")}:00`, end: `${String(startHour + 6 + (i % 3)).padStart(2, "0")}:00` }));
    return { id: `staff-${i}`, displayOrder: i, weeklyHours, timeOff: i % 3 === 0 ? [{ startDate: "2026-04-20", endDate: "2026-04-24" }] : [], busy: [] };
  });
  for (let n = 0; n < 5000; n++) {
    const day = Math.floor(random() * 60);
    const minuteOfDay = 9 * 60 + Math.floor(random() * (11 * 12)) * 5;
    const start = base.now.getTime() + day * 24 * 60 * MINUTE + (minuteOfDay - 8 * 60) * MINUTE;
    const length = (2 + Math.floor(random() * 8)) * 5;
    members[Math.floor(random() * members.length)]!.busy.push({ start: new Date(start), end: new Date(start + length * MINUTE) });
  }
  return { members };
}

/** Reference: the same slots found by testing every slot against every appointment. */
function naiveSlots(input: SlotInput) {
  return computeSlots({ ...input, busy: [] }).filter(
    (slot) => !input.busy.some((b) => b.start.getTime() < slot.end.getTime() && b.end.getTime() > slot.start.getTime()),
  );
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}

function measure(label: string, fn: () => number, runs: number, warmup: number): BenchRow {
  let slots = 0;
  for (let i = 0; i < warmup; i++) slots = fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    slots = fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { case: label, medianMs: percentile(times, 0.5), p95Ms: percentile(times, 0.95), runs, slots };
}

export function run(options: { runs?: number; warmup?: number } = {}): BenchResult {
  const runs = options.runs ?? 500;
  const warmup = options.warmup ?? 100;
  const input = scenario();
  const empty = { ...input, busy: [] };
  const week = { ...input, from: "2026-04-13", to: "2026-04-19" };
  const engineSlots = computeSlots(input);
  const naive = naiveSlots(input);
  if (engineSlots.length !== naive.length) throw new Error("engine and naive scan disagree"); // sanity, not a test
  const probe = engineSlots[Math.floor(engineSlots.length / 2)]!.start;

  const engine = measure("60 days, 2,000 appointments", () => computeSlots(input).length, runs, warmup);
  const baseline = measure("baseline: 60 days, no appointments", () => computeSlots(empty).length, runs, warmup);
  const linear = measure("baseline: naive linear busy scan", () => naiveSlots(input).length, Math.max(20, Math.floor(runs / 10)), Math.max(5, Math.floor(warmup / 10)));
  const oneWeek = measure("one week (from/to), 2,000 appointments", () => computeSlots(week).length, runs, warmup);
  const single = measure("isBookableSlot, one start", () => (isBookableSlot(input, probe) ? 1 : 0), runs, warmup);
  const ruled: SlotInput = {
    ...input,
    intervalMinutes: 15,
    bufferBeforeMinutes: 10,
    bufferAfterMinutes: 10,
    dailyCap: 12,
    appointmentStarts: input.busy.map((b) => b.start),
  };
  const rules = measure("rules: 15-min interval, 10/10 buffers, cap 12", () => computeSlots(ruled).length, runs, warmup);
  const team = staffScenario(input);
  const anyRules = { ...empty, from: "2026-04-06", to: "2026-06-05" };
  const any = measure("any available: 10 staff, 60 days, 5,000 appointments", () => computeStaffSlots(anyRules, team.members).length, runs, warmup);

  return {
    name: "slots",
    rows: [engine, baseline, linear, oneWeek, single, any, rules],
    medianMs: engine.medianMs,
    p95Ms: engine.p95Ms,
    targetMs: TARGET_MS,
    speedupVsNaive: linear.medianMs / engine.medianMs,
    overheadVsEmpty: engine.medianMs / baseline.medianMs,
    anyMedianMs: any.medianMs,
    anyP95Ms: any.p95Ms,
    anyTargetMs: ANY_TARGET_MS,
    anyVsSingle: any.medianMs / engine.medianMs,
    rulesMedianMs: rules.medianMs,
    rulesVsPlain: rules.medianMs / engine.medianMs,
  };
}

function printTable(result: BenchResult): void {
  const ms = (n: number) => n.toFixed(3).padStart(9);
  const width = Math.max(...result.rows.map((r) => r.case.length));
  console.log(`${"case".padEnd(width)}  median ms     p95 ms   runs  slots`);
  for (const r of result.rows) {
    console.log(`${r.case.padEnd(width)}  ${ms(r.medianMs)}  ${ms(r.p95Ms)}  ${String(r.runs).padStart(5)}  ${String(r.slots).padStart(5)}`);
  }
  console.log("");
  console.log(`median ${result.medianMs.toFixed(3)} ms (target < ${result.targetMs} ms: ${result.medianMs < result.targetMs ? "met" : "MISSED"})`);
  console.log(`naive linear scan / engine: ${result.speedupVsNaive.toFixed(1)}×`);
  console.log(`engine / no appointments:   ${result.overheadVsEmpty.toFixed(2)}×`);
  console.log(
    `with scheduling rules: median ${result.rulesMedianMs.toFixed(3)} ms (target < ${result.targetMs} ms: ${result.rulesMedianMs < result.targetMs ? "met" : "MISSED"}; ${result.rulesVsPlain.toFixed(2)}× the plain engine)`,
  );
  console.log(
    `any available (10 staff, 5,000 appointments): median ${result.anyMedianMs.toFixed(3)} ms, p95 ${result.anyP95Ms.toFixed(3)} ms (target < ${result.anyTargetMs} ms: ${result.anyMedianMs < result.anyTargetMs ? "met" : "MISSED"}; ${result.anyVsSingle.toFixed(2)}× the single provider)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf("--runs");
  const runs = i > 0 ? Number(process.argv[i + 1]) : undefined;
  printTable(run({ runs }));
}
