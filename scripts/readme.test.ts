import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScratchDatabase } from "./lib/app-server";
import { cleanCopy, newcomerEnv } from "./lib/clean-copy";

/*
 * The README, run as a newcomer would (issue 18): a clean copy of the working tree (tracked and
 * untracked files, none of the ignored ones: no .data/, no .next*, no next-env.d.ts) in a
 * temporary folder, the installed node_modules hard-linked in, a shell without any of the app's
 * variables, and then the README's commands through npm, checking what a person would see.
 *
 * Run by `npm test` as its own stage ("readme", scripts/test.ts; `npm test -- readme` alone),
 * not by the unit stage: it runs `npm run build` in the copy, and that build is handed to the
 * end-to-end stage that follows (README_BUILD_HANDOFF), so `npm test` still builds once.
 */

const ROOT = path.resolve(import.meta.dirname, "..");
const PORT = Number(process.env.README_TEST_PORT || Number(process.env.E2E_PORT || 3100) + 50);
const FAKE_PORT = PORT + 1;

/** A line of a Node stack trace ("    at fn (file:1:2)"): a person should never see one. */
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

type Running = { child: ChildProcess; output(): string; exited: Promise<number>; stop(signal?: NodeJS.Signals): Promise<number> };

/** `npm run <args>` in the copy, in its own process group (so Ctrl-C reaches the whole tree). */
function npmRun(dir: string, args: string[], env: NodeJS.ProcessEnv): Running {
  const child = spawn("npm", ["run", ...args], { cwd: dir, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : 0))));
  const stop = async (signal: NodeJS.Signals = "SIGINT") => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    }
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    }, 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return { child, output: () => out, exited, stop };
}

/** `npm run <args>` to its end: exit code and everything it printed. */
async function npmDone(dir: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<{ code: number; out: string }> {
  const r = npmRun(dir, args, env);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void r.stop("SIGKILL");
  }, timeoutMs);
  const code = await r.exited;
  clearTimeout(timer);
  // A command that never ends (a server that started despite the bad value) is a failure, not an exit code.
  if (timedOut) throw new Error(`npm run ${args.join(" ")} was still running after ${timeoutMs} ms:\n${r.output()}`);
  return { code, out: r.output() };
}

/** Resolves once `text` has been printed; fails when the process exits first or time runs out. */
async function waitForOutput(r: Running, text: string | RegExp, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const seen = () => (typeof text === "string" ? r.output().includes(text) : text.test(r.output()));
  while (!seen()) {
    if (r.child.exitCode !== null || r.child.signalCode !== null) throw new Error(`exited before printing ${text}:\n${r.output()}`);
    if (Date.now() > deadline) throw new Error(`did not print ${text} within ${timeoutMs} ms:\n${r.output()}`);
    await new Promise((res) => setTimeout(res, 200));
  }
}

/** Resolves once GET url answers 200; fails when the process exits first or time runs out. */
async function waitFor200(r: Running, url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (r.child.exitCode !== null || r.child.signalCode !== null) throw new Error(`exited before ${url} answered:\n${r.output()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet (or still compiling)
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms:\n${r.output()}`);
    await new Promise((res) => setTimeout(res, 500));
  }
}

/** GET with a patient timeout: in development the first request to a page compiles it. */
async function get(url: string, cookie = ""): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: "manual", signal: AbortSignal.timeout(180_000) });
  return { status: res.status, text: await res.text() };
}

/** Signs in through Auth.js's credentials endpoint, as the login form does; the session cookie. */
async function signIn(base: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`, { signal: AbortSignal.timeout(180_000) });
  expect(csrf.status).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").join("; ");
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: "/" }),
    redirect: "manual",
    signal: AbortSignal.timeout(180_000),
  });
  expect(res.status, "sign-in redirects").toBe(302);
  expect(res.headers.get("location") ?? "", "sign-in succeeded").not.toMatch(/error=/);
  const session = res.headers.getSetCookie().map((c) => c.split(";")[0] ?? "").find((c) => /session-token=/.test(c));
  expect(session, `a session cookie for ${email}`).toBeTruthy();
  return session!;
}

/** A digest of every row of the app's tables (schema public) in a PGlite directory. */
async function digestPglite(dir: string): Promise<string> {
  const { PGlite } = await import("@electric-sql/pglite");
  const pg = await PGlite.create(dir);
  try {
    const { rows: tables } = await pg.query<{ t: string }>("select tablename as t from pg_tables where schemaname = 'public' order by 1");
    const parts: string[] = [];
    for (const { t } of tables) {
      const { rows } = await pg.query<{ d: string | null; n: number }>(`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as d, count(*)::int as n from public."${t}" x`);
      parts.push(`${t}:${rows[0]!.n}:${rows[0]!.d}`);
    }
    return parts.join("\n");
  } finally {
    await pg.close();
  }
}

describe("the README, on a clean copy of the working tree", () => {
  let dir: string;
  const base = `http://localhost:${PORT}`;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "slotbook-readme-"));
    await cleanCopy(ROOT, dir);
  }, 180_000);
  afterAll(async () => {
    if (dir && !process.env.README_TEST_KEEP) await rm(dir, { recursive: true, force: true });
  }, 60_000);

  it("npm run dev: prints the demo logins, serves the demo, signs in, shows the mailbox", async () => {
    const dev = npmRun(dir, ["dev"], newcomerEnv({ PORT: String(PORT) }));
    try {
      await waitForOutput(dev, "slotbook-demo-1", 120_000);
      for (const email of ["provider@bloom.example", "pro@northside.example", "client@example.com", "staff@northside.example"]) {
        expect(dev.output()).toContain(email);
      }
      await waitFor200(dev, `${base}/api/health`, 180_000);

      const page = await get(`${base}/p/bloom-hair`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("Bloom Hair Studio");
      const bookHref = page.text.match(/href="(\/p\/bloom-hair\/book\?serviceId=[^"]+)"/)?.[1];
      expect(bookHref, "a Book link on the provider page").toBeTruthy();
      const book = await get(`${base}${bookHref!.replaceAll("&amp;", "&")}`);
      expect(book.status).toBe(200);
      expect(book.text).toContain("Book with");

      const session = await signIn(base, "provider@bloom.example", "slotbook-demo-1");
      const dashboard = await get(`${base}/dashboard`, session);
      expect(dashboard.status).toBe(200);
      expect(dashboard.text).toContain("Bloom Hair Studio");

      const mailbox = await get(`${base}/dev/mailbox`);
      expect(mailbox.status).toBe(200);
    } finally {
      await dev.stop("SIGINT");
    }
    expect(dev.output()).not.toMatch(STACK_LINE);
  }, 420_000);

  it("npm run db:migrate, db:seed twice (the second changes nothing), plan, tokens:rotate", async () => {
    const env = newcomerEnv();
    const migrate = await npmDone(dir, ["db:migrate"], env);
    expect(migrate.out).toContain("Migrated PGlite in .data/pglite.");
    expect(migrate.code).toBe(0);

    const first = await npmDone(dir, ["db:seed"], env);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain("Seeded demo data into PGlite");
    expect(first.out).toContain("provider@bloom.example");
    const before = await digestPglite(path.join(dir, ".data/pglite"));
    const second = await npmDone(dir, ["db:seed"], env);
    expect(second.code, second.out).toBe(0);
    expect(await digestPglite(path.join(dir, ".data/pglite"))).toBe(before);

    const pro = await npmDone(dir, ["plan", "--", "bloom-hair", "pro", "1"], env);
    expect(pro.out).toMatch(/bloom-hair: PRO until \d{4}-/);
    const free = await npmDone(dir, ["plan", "--", "bloom-hair", "free"], env);
    expect(free.out).toContain("bloom-hair: FREE");

    const rotate = await npmDone(dir, ["tokens:rotate"], env);
    expect(rotate.code, rotate.out).toBe(0);
    expect(rotate.out).toMatch(/Re-encrypted \d+ of \d+ calendar connections/);

    for (const r of [migrate, first, second, pro, free, rotate]) expect(r.out).not.toMatch(STACK_LINE);
  }, 300_000);

  it.skipIf(!process.env.TEST_DATABASE_URL)("npm run worker on a PostgreSQL server, stopped with Ctrl-C", async () => {
    const scratch = await createScratchDatabase(process.env.TEST_DATABASE_URL!, "slotbook_readme");
    try {
      const worker = npmRun(dir, ["worker"], newcomerEnv({ DATABASE_URL: scratch.url }));
      try {
        await waitForOutput(worker, "[worker] processing jobs on PostgreSQL at", 90_000);
      } finally {
        await worker.stop("SIGINT");
      }
      expect(worker.output()).toContain("finishing active jobs");
      expect(worker.output()).not.toMatch(STACK_LINE);
    } finally {
      await scratch.drop();
    }
  }, 150_000);

  it("npm run google:fake prints the variables and answers", async () => {
    const fake = npmRun(dir, ["google:fake"], newcomerEnv({ GOOGLE_FAKE_PORT: String(FAKE_PORT) }));
    try {
      await waitForOutput(fake, "GOOGLE_API_ROOT_URL=", 60_000);
      expect(fake.output()).toContain(`[google-fake] listening on http://127.0.0.1:${FAKE_PORT}`);
      expect((await fetch(`http://127.0.0.1:${FAKE_PORT}/_control/state`)).status).toBe(200);
    } finally {
      await fake.stop("SIGINT");
    }
    expect(fake.output()).not.toMatch(STACK_LINE);
  }, 90_000);

  it("npm run build && npm start with production secrets", async () => {
    const build = await npmDone(dir, ["build"], newcomerEnv(), 15 * 60_000);
    expect(build.code, build.out).toBe(0);
    expect(build.out).not.toMatch(STACK_LINE);

    // As in the README's deployment steps: migrate and seed, then start (also when this test runs alone).
    const seed = await npmDone(dir, ["db:seed"], newcomerEnv());
    expect(seed.code, seed.out).toBe(0);
    const secrets = { AUTH_SECRET: randomBytes(32).toString("base64"), TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64") };
    const start = npmRun(dir, ["start"], newcomerEnv({ PORT: String(PORT), ...secrets }));
    try {
      await waitFor200(start, `${base}/api/health`, 120_000);
      const page = await get(`${base}/p/bloom-hair`);
      expect(page.status).toBe(200);
      expect(page.text).toContain("Bloom Hair Studio");
      await signIn(base, "client@example.com", "slotbook-demo-1");
    } finally {
      await start.stop("SIGTERM");
    }
    expect(start.output()).not.toMatch(STACK_LINE);

    // npm test's end-to-end stage serves this same build instead of building again.
    const handoff = process.env.README_BUILD_HANDOFF;
    if (handoff) {
      const target = path.resolve(ROOT, handoff);
      if (!target.startsWith(path.join(ROOT, ".next-"))) throw new Error(`README_BUILD_HANDOFF must be a .next-* directory, not ${handoff}`);
      await rm(target, { recursive: true, force: true });
      // verbatimSymlinks: the build's node_modules/<package>-<hash> links are relative
      // (../../node_modules/<package>); copied as they are they point at this tree's packages,
      // where a resolved copy would point into the temporary folder, deleted after this test.
      await cp(path.join(dir, ".next"), target, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
    }
  }, 20 * 60_000);

  // Concurrent: each stops at its configuration check, before opening a database or a port.
  describe.concurrent("a bad configuration value stops each command with a message naming it", () => {
    const cases: { cmd: string[]; env: Record<string, string>; names: string }[] = [
      { cmd: ["dev"], env: { PORT: "eighty" }, names: "PORT" },
      { cmd: ["db:migrate"], env: { DATABASE_URL: "mysql://localhost/slotbook" }, names: "DATABASE_URL" },
      { cmd: ["db:seed"], env: { APP_URL: "not a url" }, names: "APP_URL" },
      { cmd: ["plan", "--", "bloom-hair", "free"], env: { TRUST_PROXY_HOPS: "-1" }, names: "TRUST_PROXY_HOPS" },
      { cmd: ["tokens:rotate"], env: { TOKEN_ENCRYPTION_KEY: "c2hvcnQ=" }, names: "TOKEN_ENCRYPTION_KEY" },
      { cmd: ["worker"], env: { DATABASE_URL: "postgres://127.0.0.1:1/none", DATABASE_PREPARE: "maybe" }, names: "DATABASE_PREPARE" },
      { cmd: ["google:fake"], env: { GOOGLE_FAKE_PORT: "eighty" }, names: "GOOGLE_FAKE_PORT" },
      { cmd: ["start"], env: { PORT: String(PORT) }, names: "AUTH_SECRET" }, // production without its secrets
      { cmd: ["start"], env: { LOG_LEVEL: "loud", AUTH_SECRET: randomBytes(32).toString("base64"), TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64") }, names: "LOG_LEVEL" },
    ];
    for (const c of cases) {
      it(`npm run ${c.cmd.join(" ")} refuses a bad ${c.names}`, async () => {
        const r = await npmDone(dir, c.cmd, newcomerEnv(c.env), 90_000);
        expect(r.code, r.out).not.toBe(0);
        expect(r.out).toContain(c.names);
        expect(r.out).not.toMatch(STACK_LINE);
      }, 100_000);
    }
  });
});
