import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import postgres from "postgres";
import { freePort } from "@/scripts/lib/app-server";

/**
 * A throw-away PostgreSQL cluster of this machine's server binaries, on a free loopback port,
 * that a test or benchmark may stop, restart and keep away at will: the shared server on 5432
 * is never restarted. initdb refuses to run as root, so as root the cluster belongs to the
 * `postgres` user (runuser). Fresh per call; `destroy` stops it and deletes its directory.
 */

const run = promisify(execFile);

export type PrivateCluster = {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<database> */
  url(database?: string): string;
  /** Creates an empty database; its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server ("fast": sessions are ended with 57P01, as pg_ctl restart does). */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
};

/** The newest installed server's bin directory (Debian layout), or undefined. */
export function postgresBinDir(): string | undefined {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], "bin") : undefined;
}

/** Why a private cluster cannot be made here, or undefined when it can. */
export function privateClusterUnavailable(): string | undefined {
  if (!postgresBinDir()) return "no PostgreSQL server binaries under /usr/lib/postgresql/*/bin";
  if (userInfo().uid === 0 && !existsSync("/usr/sbin/runuser")) return "running as root without runuser to switch to the postgres user";
  return undefined;
}

export async function startPrivateCluster(): Promise<PrivateCluster> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(privateClusterUnavailable());
  const root = userInfo().uid === 0;
  const as = (cmd: string, args: string[]) => (root ? run("runuser", ["-u", "postgres", "--", cmd, ...args]) : run(cmd, args));
  const dir = await mkdtemp(path.join(tmpdir(), "slotbook-pg-"));
  if (root) {
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: gid } = await run("id", ["-g", "postgres"]);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  const data = path.join(dir, "data");
  const port = await freePort();
  await as(path.join(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"]);
  // Listens on loopback TCP and a socket in its own directory, never the system's.
  const options = ["-p", String(port), "-k", dir, "-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"].join(" ");
  const pgCtl = (args: string[]) => as(path.join(bin, "pg_ctl"), ["-D", data, "-l", path.join(dir, "server.log"), ...args]);
  const start = async () => void (await pgCtl(["-w", "-t", "30", "-o", options, "start"]));
  const stop = async (mode: "fast" | "immediate" = "fast") => void (await pgCtl(["-w", "-t", "30", "-m", mode, "stop"]));
  await start();
  let destroyed = false;
  const url = (database = "postgres") => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    port,
    url,
    async createDatabase(name) {
      const admin = postgres(url(), { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`create database "${name}"`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    stop,
    start,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await stop("immediate").catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
