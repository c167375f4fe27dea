/**
 * Time to a first page in development: a fresh clean copy of the working tree (as a clone would
 * be: no .data/, no .next, no Turbopack cache; node_modules hard-linked), `npm run dev` on a free
 * port, and the clock from the command to /api/health's first 200 and to the first rendered
 * /p/bloom-hair (asked for as soon as health answers, as a person opening the printed URL
 * would). Median of BENCH_DEV_RUNS (3).
 *
 * BENCH_DEV_BASELINE=<git ref> also measures that commit's tree, runs interleaved with the
 * working tree's on the same machine, and prints the ratios. The baseline is started as
 * `tsx --conditions=react-server scripts/dev.ts` (what `npm run dev` runs since issue 18; older
 * commits' script lacked the condition and died).
 *
 *   npm run bench -- dev
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort } from "@/scripts/lib/app-server";
import { percentile } from "@/scripts/lib/bench-server";
import { cleanCopy, newcomerEnv } from "@/scripts/lib/clean-copy";

const ROOT = path.resolve(import.meta.dirname, "..");

export type DevRun = { healthMs: number; pageMs: number };
export type DevVariant = { name: string; runs: DevRun[]; healthMedianMs: number; pageMedianMs: number };
export type DevResult = { variants: DevVariant[] };

async function untilOk(url: string, child: ChildProcess, deadline: number): Promise<void> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`npm run dev exited before ${url} answered`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(Math.max(1000, deadline - Date.now())) });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 in time`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** One fresh copy, one `npm run dev`, the two times. */
export async function measureOnce(ref?: string): Promise<DevRun> {
  const dir = await mkdtemp(path.join(tmpdir(), "slotbook-bench-dev-"));
  let child: ChildProcess | undefined;
  let onInterrupt: (() => void) | undefined;
  try {
    await cleanCopy(ROOT, dir, ref);
    const port = await freePort();
    const env = newcomerEnv({ PORT: String(port) });
    const cmd: [string, string[]] = ref ? ["npx", ["--no-install", "tsx", "--conditions=react-server", "scripts/dev.ts"]] : ["npm", ["run", "dev"]];
    const started = performance.now();
    child = spawn(cmd[0], cmd[1], { cwd: dir, env, detached: true, stdio: "ignore" });
    // Its own process group (to stop the whole tree): Ctrl-C on the bench must reach it too.
    const pid = child.pid!;
    onInterrupt = () => {
      try {
        process.kill(-pid, "SIGKILL");
      } catch {
        // gone
      }
      process.exit(130);
    };
    process.once("SIGINT", onInterrupt);
    const deadline = Date.now() + 10 * 60_000;
    await untilOk(`http://localhost:${port}/api/health`, child, deadline);
    const healthMs = performance.now() - started;
    await untilOk(`http://localhost:${port}/p/bloom-hair`, child, deadline);
    return { healthMs, pageMs: performance.now() - started };
  } finally {
    if (onInterrupt) process.off("SIGINT", onInterrupt);
    if (child?.pid && child.exitCode === null) {
      const exited = new Promise((r) => child!.once("exit", r));
      try {
        process.kill(-child.pid, "SIGINT");
      } catch {
        // gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child!.pid!, "SIGKILL");
        } catch {
          // gone
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  }
}

export async function run(): Promise<DevResult> {
  const count = Number(process.env.BENCH_DEV_RUNS || 3);
  const baseline = process.env.BENCH_DEV_BASELINE?.trim();
  const plan: { name: string; ref?: string }[] = [...(baseline ? [{ name: `baseline ${baseline}`, ref: baseline }] : []), { name: "working tree" }];
  const runs = new Map<string, DevRun[]>(plan.map((p) => [p.name, []]));
  for (let i = 0; i < count; i++) {
    for (const p of plan) {
      const r = await measureOnce(p.ref);
      console.log(`  ${p.name}, run ${i + 1}: health ${(r.healthMs / 1000).toFixed(1)} s, first page ${(r.pageMs / 1000).toFixed(1)} s`);
      runs.get(p.name)!.push(r);
    }
  }
  return {
    variants: plan.map((p) => {
      const rs = runs.get(p.name)!;
      const med = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);
      return { name: p.name, runs: rs, healthMedianMs: med(rs.map((r) => r.healthMs)), pageMedianMs: med(rs.map((r) => r.pageMs)) };
    }),
  };
}

export function print(result: DevResult): void {
  console.log("Fresh copy → npm run dev → first /p/bloom-hair (medians)");
  const base = result.variants.length > 1 ? result.variants[0] : undefined;
  for (const v of result.variants) {
    const ratio = base && v !== base ? `  (page ×${(v.pageMedianMs / base.pageMedianMs).toFixed(2)}, health ×${(v.healthMedianMs / base.healthMedianMs).toFixed(2)} vs ${base.name})` : "";
    console.log(`${v.name.padEnd(24)} health ${(v.healthMedianMs / 1000).toFixed(1).padStart(6)} s   first page ${(v.pageMedianMs / 1000).toFixed(1).padStart(6)} s   runs ${v.runs.length}${ratio}`);
  }
}
