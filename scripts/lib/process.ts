import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

// Next.js telemetry phones home after each command; there is nothing to gain from it here and
// on a closed network it only costs time. Children inherit this.
process.env.NEXT_TELEMETRY_DISABLED ??= "1";

/** Next.js's CLI entry, run with this process's Node (24 via the `node` devDependency). */
export const nextBin = require.resolve("next/dist/bin/next");

/** Runs `next <args>` with this process's Node. */
export function spawnNext(args: string[], opts: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [nextBin, ...args], { stdio: "inherit", ...opts });
}

const tsxCli = require.resolve("tsx/cli");

/**
 * Runs scripts/serve.ts (Next.js behind the wrapper that decides the client's address) with
 * this process's Node; `--dev` for development. PORT and HOSTNAME come from `opts.env`.
 */
export function spawnServer(args: string[], opts: SpawnOptions = {}): ChildProcess {
  // The react-server condition: the app's database and secrets modules are marked server-only.
  return spawn(process.execPath, [tsxCli, "--conditions=react-server", "scripts/serve.ts", ...args], { stdio: "inherit", ...opts });
}

/** Resolves with the exit code (128 + signal number when killed by a signal). */
export function exitCodeOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code !== null) resolve(code);
      else resolve(128 + (signal === "SIGINT" ? 2 : signal === "SIGKILL" ? 9 : 15));
    });
  });
}

/**
 * Passes SIGINT/SIGTERM on to the child and keeps this process alive until the child has
 * exited, so Ctrl-C (or a supervisor's SIGTERM) shuts the child down cleanly before we exit.
 */
export function forwardSignals(child: ChildProcess): () => void {
  const forward = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  return () => {
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
  };
}

/** A command with inherited stdio; resolves with its exit code. */
export async function run(cmd: string, args: string[], opts: SpawnOptions = {}): Promise<number> {
  const child = spawn(cmd, args, { stdio: "inherit", ...opts });
  const stop = forwardSignals(child);
  try {
    return await exitCodeOf(child);
  } finally {
    stop();
  }
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
