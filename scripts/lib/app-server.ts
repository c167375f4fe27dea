import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, readdirSync } from "node:fs";
import { readFile, rm, unlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import type { ChildProcess } from "node:child_process";
import { isLocalDatabaseUrl } from "./local-database";
import { exitCodeOf, spawnNext, spawnServer } from "./process";

/**
 * Production builds and servers for end-to-end tests and benchmarks: each run gets its own
 * build directory, its own fresh database and its own secrets, beside any `npm run dev`.
 */

// `next build` adds its dist dir's type globs to tsconfig.json and points next-env.d.ts at
// them; a test or bench build must leave the tree as it found it.
const FILES_NEXT_BUILD_REWRITES = ["tsconfig.json", "next-env.d.ts"];

export type Output = "inherit" | { logFile: string };

function stdioFor(output: Output): { stdio: "inherit" | ["ignore", "pipe", "pipe"]; attach(child: ChildProcess): void } {
  if (output === "inherit") return { stdio: "inherit", attach: () => {} };
  const stream = createWriteStream(output.logFile, { flags: "a" });
  return {
    stdio: ["ignore", "pipe", "pipe"],
    attach(child) {
      child.stdout?.pipe(stream, { end: false });
      child.stderr?.pipe(stream, { end: false });
    },
  };
}

/**
 * `next build` into distDir (relative to the project), restoring the files Next rewrites.
 * The build type-checks with tsconfig.json, which includes .next/types: those are regenerated
 * first (`next typegen`), so a stale leftover of `npm run dev` naming a deleted route cannot
 * fail it.
 */
export async function buildApp(distDir: string, output: Output = "inherit"): Promise<void> {
  const before = await Promise.all(FILES_NEXT_BUILD_REWRITES.map((f) => readFile(f, "utf8").catch(() => null)));
  const baseEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  delete baseEnv.NEXT_DIST_DIR;
  const steps: { args: string[]; env: NodeJS.ProcessEnv }[] = [
    { args: ["typegen"], env: baseEnv },
    { args: ["build"], env: { ...baseEnv, NODE_ENV: "production", NEXT_DIST_DIR: distDir } },
  ];
  let failed: string | undefined;
  try {
    for (const step of steps) {
      const io = stdioFor(output);
      const child = spawnNext(step.args, { stdio: io.stdio, env: step.env });
      io.attach(child);
      const code = await exitCodeOf(child);
      if (code !== 0) {
        failed = `next ${step.args[0]} failed with exit code ${code}`;
        break;
      }
    }
  } finally {
    await Promise.all(
      FILES_NEXT_BUILD_REWRITES.map(async (f, i) => {
        const original = before[i] ?? null;
        const now = await readFile(f, "utf8").catch(() => null);
        if (now === original) return;
        if (original === null) await unlink(f).catch(() => {});
        else await writeFile(f, original);
      }),
    );
  }
  if (failed) throw new Error(failed + (output === "inherit" ? "" : ` (log: ${output.logFile})`));
}

export function hasBuild(distDir: string): boolean {
  return existsSync(path.join(distDir, "BUILD_ID")) && packageLinksResolve(distDir);
}

/**
 * Whether the build's links to its external packages (`<distDir>/node_modules/<name>-<hash>`,
 * made by Turbopack) all lead somewhere: a build copied from another folder with its links
 * resolved points into that folder, and fails at its first request once it is gone.
 */
function packageLinksResolve(distDir: string): boolean {
  const root = path.join(distDir, "node_modules");
  if (!existsSync(root)) return true;
  const links: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (entry.isSymbolicLink()) links.push(path.join(root, entry.name));
    else if (entry.isDirectory()) {
      for (const inner of readdirSync(path.join(root, entry.name), { withFileTypes: true })) {
        if (inner.isSymbolicLink()) links.push(path.join(root, entry.name, inner.name));
      }
    }
  }
  return links.every((link) => existsSync(link));
}

/** Secrets for one throw-away run: production mode refuses to start without them. */
export function runSecrets(): { AUTH_SECRET: string; TOKEN_ENCRYPTION_KEY: string } {
  return {
    AUTH_SECRET: randomBytes(32).toString("base64"),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
}

/** A PGlite directory for one run; only ever below .data/, deleted first. */
export async function freshPgliteDir(name: string): Promise<string> {
  const dir = path.join(".data", name);
  if (!path.resolve(dir).startsWith(path.resolve(".data") + path.sep)) throw new Error(`Refusing to use ${dir}`);
  await rm(dir, { recursive: true, force: true });
  return dir;
}

/** A new, empty database on the local server at baseUrl, and a way to drop it. */
export async function createScratchDatabase(baseUrl: string, prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!isLocalDatabaseUrl(baseUrl)) throw new Error("Refusing to create a database on a non-local server");
  const { default: postgres } = await import("postgres");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type RunningApp = { url: string; child: ChildProcess; stop(): Promise<void> };

/**
 * `next start` of a build in distDir, resolved once /api/health answers 200. `env` is laid
 * over this process's environment (DATABASE_URL "" selects PGlite in PGLITE_DIR).
 */
export async function startApp(opts: {
  distDir: string;
  port: number;
  host?: string;
  env: Record<string, string>;
  output?: Output;
  readyTimeoutMs?: number;
}): Promise<RunningApp> {
  const io = stdioFor(opts.output ?? "inherit");
  const child = spawnServer([], {
    stdio: io.stdio,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_DIST_DIR: opts.distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(opts.port),
      ...(opts.host ? { HOSTNAME: opts.host } : {}),
      ...opts.env,
    },
  });
  io.attach(child);
  const exited = exitCodeOf(child);
  const url = `http://${opts.host ?? "localhost"}:${opts.port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited.catch(() => {});
    clearTimeout(timer);
  };
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  let done = false;
  void exited.then(() => (done = true));
  while (!done && Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return { url, child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(done ? `next start exited with code ${await exited}` : `next start was not healthy within ${opts.readyTimeoutMs ?? 60_000} ms`);
}
