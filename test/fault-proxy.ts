import { connect, createServer, type Server, type Socket } from "node:net";
import { atLoopbackPort } from "@/scripts/lib/local-database";

/**
 * A TCP proxy a test puts between the app and PostgreSQL to make the server misbehave the ways
 * a network or an overloaded host does, without touching the server itself:
 * - "pass": every connection is piped through;
 * - "refuse": nothing listens (connections are refused); open connections stay as they are;
 * - "blackhole": new connections are accepted and never answered, open ones go silent both ways
 *   (a partition, a dead host); leaving it destroys them, as the far side has long given up;
 * - "slow": each new connection reaches the server only after `delayMs` (an overloaded accept).
 */

export type FaultMode = { kind: "pass" } | { kind: "refuse" } | { kind: "blackhole" } | { kind: "slow"; delayMs: number };

export type FaultProxy = {
  port: number;
  /** `base` with its host and port replaced by the proxy's. */
  url(base: string): string;
  setMode(mode: FaultMode): Promise<void>;
  /** Connections accepted since the proxy started (refused ones never are). */
  accepted(): number;
  close(): Promise<void>;
};

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  let mode: FaultMode = { kind: "pass" };
  let accepted = 0;
  const pairs = new Set<{ client: Socket; server?: Socket; silenced: boolean }>();

  const onConnection = (client: Socket) => {
    accepted++;
    const pair: { client: Socket; server?: Socket; silenced: boolean } = { client, silenced: false };
    pairs.add(pair);
    const drop = () => {
      pairs.delete(pair);
      client.destroy();
      pair.server?.destroy();
    };
    client.on("error", drop);
    client.on("close", drop);
    if (mode.kind === "blackhole") {
      pair.silenced = true;
      client.resume(); // read and discard: the kernel keeps acknowledging, nothing answers
      return;
    }
    const link = () => {
      if (client.destroyed) return;
      if (mode.kind === "blackhole") {
        pair.silenced = true;
        client.resume();
        return;
      }
      const server = connect(target.port, target.host);
      pair.server = server;
      server.on("error", drop);
      server.on("close", drop);
      client.on("data", (chunk: Buffer) => void (pair.silenced || server.write(chunk)));
      server.on("data", (chunk: Buffer) => void (pair.silenced || client.write(chunk)));
    };
    if (mode.kind === "slow") setTimeout(link, mode.delayMs);
    else link();
  };

  let server: Server = createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => resolve((server.address() as { port: number }).port));
    });
  const port = await listen(0);
  let listening = true;

  return {
    port,
    url: (base) => atLoopbackPort(base, port),
    async setMode(next) {
      if (mode.kind === "blackhole" && next.kind !== "blackhole") {
        for (const pair of [...pairs]) {
          if (!pair.silenced) continue;
          pair.client.destroy();
          pair.server?.destroy();
          pairs.delete(pair);
        }
      }
      if (next.kind === "blackhole") for (const pair of pairs) pair.silenced = true;
      mode = next;
      if (next.kind === "refuse" && listening) {
        // Stops listening at once; its callback would wait for the open connections to end.
        listening = false;
        server.close();
      } else if (next.kind !== "refuse" && !listening) {
        server = createServer(onConnection);
        await listen(port);
        listening = true;
      }
    },
    accepted: () => accepted,
    async close() {
      for (const pair of pairs) {
        pair.client.destroy();
        pair.server?.destroy();
      }
      pairs.clear();
      if (listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
