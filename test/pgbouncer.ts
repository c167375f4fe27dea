import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { freePort } from "@/scripts/lib/app-server";
import { atLoopbackPort } from "@/scripts/lib/local-database";

/**
 * A PgBouncer of the test's own in transaction mode (each transaction may get another server
 * connection, as most managed poolers do) on a free loopback port, in front of a local server:
 * any database name passes through to the same name upstream. Runs as the `postgres` user
 * when started as root (PgBouncer refuses root). `stop` ends it and deletes its directory.
 */

export const PGBOUNCER = "/usr/sbin/pgbouncer";

export type PgBouncer = {
  port: number;
  /** `serverUrl` (a postgres:// URL of the upstream server) with the pooler's host and port. */
  url(serverUrl: string): string;
  stop(): Promise<void>;
};

export function pgbouncerUnavailable(): string | undefined {
  return existsSync(PGBOUNCER) ? undefined : `no PgBouncer at ${PGBOUNCER} (apt-get install pgbouncer)`;
}

export async function startPgBouncer(upstream: { host: string; port: number }): Promise<PgBouncer> {
  const dir = await mkdtemp(path.join(tmpdir(), "slotbook-pgbouncer-"));
  await chmod(dir, 0o777); // the postgres user writes its log here
  const port = await freePort();
  const config = path.join(dir, "pgbouncer.ini");
  await writeFile(path.join(dir, "users.txt"), '"postgres" ""\n');
  await writeFile(
    config,
    [
      "[databases]",
      `* = host=${upstream.host} port=${upstream.port}`,
      "[pgbouncer]",
      "listen_addr = 127.0.0.1",
      `listen_port = ${port}`,
      "unix_socket_dir =",
      "auth_type = trust",
      `auth_file = ${path.join(dir, "users.txt")}`,
      "pool_mode = transaction",
      "max_client_conn = 500",
      "default_pool_size = 20",
      `logfile = ${path.join(dir, "pgbouncer.log")}`,
      "",
    ].join("\n"),
  );
  const args = userInfo().uid === 0 ? ["-u", "postgres", config] : [config];
  const child = spawn(PGBOUNCER, args, { stdio: "ignore" });
  let exited = false;
  child.once("exit", () => (exited = true));
  const stop = async () => {
    if (!exited) {
      const gone = new Promise((r) => child.once("exit", r));
      child.kill("SIGINT"); // immediate shutdown
      await gone;
    }
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await answers(port))) {
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(`PgBouncer did not start on port ${port}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    port,
    url: (serverUrl) => atLoopbackPort(serverUrl, port),
    stop,
  };
}

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}
