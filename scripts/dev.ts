/**
 * `npm run dev`: one command from a fresh clone to a running app. Opens the database (PGlite
 * in PGLITE_DIR, or DATABASE_URL), migrates, seeds the demo data, closes the database again
 * (a PGlite directory can be open in one process only, and `next dev` opens it next), then
 * runs `next dev` (through scripts/serve.ts) in the foreground.
 */
import type { ChildProcess } from "node:child_process";
import { connect, createServer } from "node:net";
import { getDbHandle } from "@/lib/app/runtime";
import { demoLoginsText, seedDemo } from "@/scripts/lib/seed";
import { describeDatabase, envOrExit } from "./lib/config";
import { exitCodeOf, forwardSignals, formatMs, spawnServer } from "./lib/process";

const started = performance.now();
const e = envOrExit();

// A second `npm run dev` must stop before it opens the database: two processes writing one
// PGlite directory corrupt it, and `next dev` would only notice the busy port afterwards.
if (await portInUse(e.PORT)) {
  console.error(`Port ${e.PORT} is already in use: is Slotbook already running? Stop it, or set PORT (and, for a second copy, PGLITE_DIR).`);
  process.exit(1);
}

console.log(`Preparing the database (${describeDatabase(e)})…`);
const handle = await getDbHandle();
try {
  await seedDemo(handle.db);
} finally {
  await handle.close();
}

// Links in mails use APP_URL: follow a non-default PORT unless APP_URL was set explicitly.
const childEnv = { ...process.env };
if (!process.env.APP_URL?.trim()) childEnv.APP_URL = `http://localhost:${e.PORT}`;

console.log(`Database ready in ${formatMs(performance.now() - started)}.\n`);
console.log(demoLoginsText());
console.log(`\nSlotbook: ${childEnv.APP_URL}  (mail sent by the app: ${childEnv.APP_URL}/dev/mailbox)\n`);

const child = spawnServer(["--dev"], { env: { ...childEnv, PORT: String(e.PORT) } });
forwardSignals(child);
void warmFirstPages(e.PORT, child);
process.exit(await exitCodeOf(child));

/**
 * `next dev` compiles a route on its first request: the demo's provider page took as long again
 * as the server's start. Asking for it as soon as the server listens lets Turbopack compile it
 * alongside /api/health and the instrumentation, so the page a newcomer opens first is ready
 * (or nearly) when they open it; then the home page. Failures are ignored: they are only early.
 */
async function warmFirstPages(port: number, server: ChildProcess): Promise<void> {
  const running = () => server.exitCode === null && server.signalCode === null;
  while (running() && !(await accepts(port))) await new Promise((r) => setTimeout(r, 250));
  for (const pathname of ["/p/bloom-hair", "/"]) {
    if (!running()) return;
    try {
      const res = await fetch(`http://127.0.0.1:${port}${pathname}`, { signal: AbortSignal.timeout(300_000) });
      await res.arrayBuffer();
    } catch {
      // the person's own request will compile it
    }
  }
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(true));
    server.listen(port, () => server.close(() => resolve(false)));
  });
}
