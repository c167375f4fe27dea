import { inArray, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKGROUND_DEADLINE_MS, REQUEST_DEADLINE_MS, openDb, type DbHandle } from "@/db";
import { withDatabaseBudget, withDatabaseDeadline } from "@/db/guard";
import { appointments } from "@/db/schema";
import { prepareDb } from "@/lib/app/runtime";
import { bookingResponse } from "@/lib/booking/api";
import { errorResponse } from "@/lib/infra/http";
import { OPEN_EVERY_DAY, bookInLoop, quarterHourStarts, type Answer, type Booked } from "@/test/booking-load";
import { testDrivers } from "@/test/db";
import { startFaultProxy, type FaultProxy } from "@/test/fault-proxy";
import { setUpProviderFixture, setUpTestDb } from "@/test/hooks";

/*
 * The server misbehaving as a network or an overloaded host does, behind a TCP proxy of the
 * test's own (test/fault-proxy.ts) between the app's driver and PostgreSQL, while six
 * clients book through the booking function with the real driver. Whatever the server does,
 * every booking is answered within 6 s of being asked, with 201, 409 or 503 only, and every 201
 * is in the database. (A real restart of a server: e2e/database-outage.spec.ts.)
 */

const PROMISED_MS = 6_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(testDrivers().includes("postgres"))("bookings while the server is unreachable or slow", () => {
  const t = setUpTestDb("postgres");
  const f = setUpProviderFixture(t, { ...OPEN_EVERY_DAY, provider: { ...OPEN_EVERY_DAY.provider, slug: "outage-proxy" } });
  const starts = quarterHourStarts(3_000);
  let proxy: FaultProxy;
  let app: DbHandle;
  let admin: postgres.Sql;

  beforeAll(async () => {
    const server = new URL(t.url!);
    proxy = await startFaultProxy({ host: server.hostname, port: Number(server.port || 5432) });
    // The app's own handle, through the proxy, prepared as the app prepares it (its job queue's
    // pool, the write path's follow-ups). Unnamed statements, as behind a pooler: no server-side
    // statement_timeout either, so what bounds a stuck statement here is the driver's own
    // deadline and cancel.
    app = await prepareDb(await openDb({ url: proxy.url(t.url!), prepare: false }));
    admin = postgres(t.url!, { max: 3, onnotice: () => {} }); // two may hold locks
  });
  afterAll(async () => {
    await admin?.end({ timeout: 5 });
    await proxy?.setMode({ kind: "pass" });
    await app?.close();
    await proxy?.close();
  });

  /** A booking as the API answers it, run as scripts/serve.ts runs every request. */
  const book = (body: Record<string, unknown>): Promise<Booked> =>
    withDatabaseDeadline(REQUEST_DEADLINE_MS, () => bookingResponse(app.db, "outage-proxy", { serviceId: f.service.id, phone: "+44 20 7946 0003", ...body })).then(
      (r) => ({ status: 201, id: r.id }),
      (e: unknown) => ({ status: errorResponse(e).status }),
    );

  /** A booking at one of 150 times from `from` on, so some collide (409). */
  const bookAround = (from: number) => (n: number) =>
    book({ start: starts[from + Math.floor(Math.random() * 150)]!, name: `Proxy ${n}`, email: `proxy-${from}-${n}@example.com` });

  /** Sessions of the test database other than the admin's own: ended as a restart ends them. */
  const endSessions = () => admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;

  async function expectKeptPromises(answers: Answer[]) {
    const slowest = answers.reduce((a, b) => (b.ms > a.ms ? b : a));
    expect(slowest.ms, `slowest answer: ${JSON.stringify(slowest)}`).toBeLessThan(PROMISED_MS);
    expect(answers.filter((a) => ![201, 409, 503].includes(a.status))).toEqual([]);
    const ids = answers.filter((a) => a.status === 201).map((a) => a.id!);
    const stored = await t.db.select({ id: appointments.id }).from(appointments).where(inArray(appointments.id, ids));
    expect(stored).toHaveLength(ids.length);
  }

  it("a dead host (accepts, never answers): 503s within 6 s, few connection attempts, bookings again once it is back", async () => {
    let attempts = 0;
    let backAt = Infinity;
    const answers = await bookInLoop({
      clients: 6,
      durationMs: 11_000,
      pauseAfterErrorMs: 50,
      book: bookAround(0),
      async during() {
        const t0 = performance.now();
        await sleep(1_500);
        const accepted = proxy.accepted();
        await proxy.setMode({ kind: "blackhole" });
        await sleep(6_500);
        attempts = proxy.accepted() - accepted;
        await proxy.setMode({ kind: "pass" });
        backAt = performance.now() - t0;
      },
    });
    await expectKeptPromises(answers);
    const refused = answers.filter((a) => a.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    // Requests did not each wait for a connection of their own: far fewer attempts than 503s.
    expect(attempts, `${attempts} connection attempts, ${refused.length} 503s`).toBeLessThan(refused.length);
    // Booked before the hole, and again after it.
    const statuses = (some: Answer[]) => some.map((a) => a.status).join(" ");
    expect(answers.slice(0, 10).some((a) => a.status === 201), statuses(answers.slice(0, 10))).toBe(true);
    const after = answers.filter((a) => a.at > backAt);
    expect(after.some((a) => a.status === 201 || a.status === 409), statuses(after)).toBe(true);
  });

  it("a server slow to accept: within the connect timeout bookings go on; beyond it, quick 503s; then bookings again", async () => {
    const phases: { status: number; phase: string }[] = [];
    let phase = "before";
    const book = bookAround(500);
    const answers = await bookInLoop({
      clients: 6,
      durationMs: 10_000,
      pauseAfterErrorMs: 50,
      book: async (n) => {
        const asked = phase;
        const r = await book(n);
        phases.push({ status: r.status, phase: asked });
        return r;
      },
      async during() {
        await sleep(500);
        phase = "slow";
        await proxy.setMode({ kind: "slow", delayMs: 1_000 });
        await endSessions(); // every connection is made again, through the slow accept
        await sleep(3_000);
        phase = "too slow";
        await proxy.setMode({ kind: "slow", delayMs: 8_000 });
        await endSessions();
        await sleep(3_500);
        phase = "after";
        await proxy.setMode({ kind: "pass" });
      },
    });
    await expectKeptPromises(answers);
    const during = (p: string) => phases.filter((x) => x.phase === p).map((x) => x.status);
    expect(during("slow")).toContain(201);
    expect(during("too slow")).toContain(503);
    expect(during("after").some((s) => s === 201 || s === 409), during("after").join(" ")).toBe(true);
  });

  it("a booking slowed at every step by locks is answered 503 within 6 s in all, and does not commit when they go", async () => {
    const start = starts[2_000]!;
    // The server answers again (the tests before left it reachable): not a refusal by the breaker.
    await expect.poll(() => app.db.execute(sql`select 1`).then(() => true, () => false), { timeout: 10_000 }).toBe(true);
    const lockedRows = await admin.reserve();
    const lockedBusiness = await admin.reserve();
    const waitingOnLocks = async () => (await admin`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)[0]!.n;
    try {
      await lockedRows`begin`;
      await lockedRows`lock table appointments in access exclusive mode`;
      await lockedBusiness`begin`;
      await lockedBusiness`lock table providers in access exclusive mode`;
      const t0 = performance.now();
      const answer = book({ start, name: "Locked Out", email: "locked-out@example.com" });
      // Its first statement (the business) waits 3 s; its transaction then waits on the rows,
      // with what is left of the request's time, not a fresh budget of its own.
      await expect.poll(waitingOnLocks, { timeout: 3_000 }).toBe(1);
      await sleep(3_000 - (performance.now() - t0));
      await lockedBusiness`rollback`;
      await expect.poll(waitingOnLocks, { timeout: 1_500 }).toBe(1);
      expect((await answer).status).toBe(503);
      expect(performance.now() - t0).toBeLessThan(PROMISED_MS);
    } finally {
      await lockedBusiness`rollback`;
      await lockedRows`rollback`;
      lockedBusiness.release();
      lockedRows.release();
    }
    await sleep(500);
    const rows = await admin<{ n: number }[]>`select count(*)::int as n from appointments where client_email = 'locked-out@example.com'`;
    expect(rows[0]!.n).toBe(0);
    // The cancelled statement freed its connection: the next booking of that time succeeds.
    expect((await book({ start, name: "Next", email: "next-after-lock@example.com" })).status).toBe(201);
  });

  it("background work has a minute: a 5 s statement outside a request succeeds, also in what it starts later", async () => {
    const slow = () => app.db.execute(sql`select pg_sleep(5)`);
    // As job workers started inside withDatabaseBudget run their jobs: in a timer, later.
    const inBackground = withDatabaseBudget(BACKGROUND_DEADLINE_MS, () => new Promise((r) => setTimeout(r, 10)).then(slow));
    const asRequest = slow().then(() => 200, (e: unknown) => errorResponse(e).status);
    await expect(inBackground).resolves.toBeDefined();
    expect(await asRequest).toBe(503);
  });
});
