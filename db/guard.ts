import { AsyncLocalStorage } from "node:async_hooks";
import type { PendingQuery, Sql, TransactionSql } from "postgres";
import { isConnectFailure, isDatabaseUnavailable, isSessionEndedByServer } from "./errors";

/*
 * What keeps a request from waiting on a database that is away. postgres.js alone queues a query
 * while every connection is busy or connecting, tries one connection after another (each up to
 * connect_timeout), backs off up to 20 s between attempts, and lets a query on a silent
 * connection wait for TCP to give up: a request could wait 19 s for its 503. Here:
 * - every operation (a statement outside a transaction, or a whole transaction) has one budget
 *   from the moment it is asked: waiting for a connection, connecting and running together;
 * - at most `max` operations are handed to the driver, the rest wait here, where they can be
 *   answered early: never inside the driver's queue, so an abandoned statement never runs late;
 * - a circuit breaker: when a new connection cannot be made (refused, timed out, "cannot connect
 *   now"), new operations fail at once for `cooldownMs`, then one goes through to find out
 *   whether the server is back (and closes the breaker). A lost session alone does not open it:
 *   the next operation reconnects, and finds out;
 * - a statement past its budget is cancelled on the server; one that still has not ended a
 *   moment later sits on a connection that no longer answers, and the pool is replaced.
 */

export class DatabaseUnavailableError extends Error {
  constructor(
    readonly code: "DATABASE_UNAVAILABLE" | "DATABASE_DEADLINE",
    message: string,
  ) {
    super(message);
    this.name = "DatabaseUnavailableError";
  }
}

type Budget = { perOperationMs?: number; until?: number };
// On globalThis: scripts/serve.ts sets a request's deadline from its own copy of this module,
// and the route bundles Next.js loads read it from theirs.
const globalForBudgets = globalThis as unknown as { __slotbookDbBudgets?: AsyncLocalStorage<Budget> };
const budgets = (globalForBudgets.__slotbookDbBudgets ??= new AsyncLocalStorage<Budget>());

/**
 * Runs `fn`, and everything it starts (job workers started inside keep it for every job), with
 * another budget per database operation than the handle's: background work is not a request.
 */
export function withDatabaseBudget<T>(ms: number, fn: () => T): T {
  return budgets.run({ perOperationMs: ms }, fn);
}

/**
 * Runs `fn` (a request: scripts/serve.ts wraps each one) so that all its database operations
 * together end within `ms` from now, however many it makes one after another; each still has no
 * more than its own budget.
 */
export function withDatabaseDeadline<T>(ms: number, fn: () => T): T {
  return budgets.run({ until: performance.now() + ms }, fn);
}

/**
 * Where the guard says that the server went away and came back (db/ imports nothing of the
 * project: the runtime hands it the process's logger, lib/app/runtime.ts). pino's Logger fits.
 */
export type DbLog = {
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
};

export type GuardOptions = {
  /** The pool's connections: at most this many operations run at once. */
  max: number;
  /** An operation's whole budget from when it is asked (unless withDatabaseBudget says otherwise). */
  deadlineMs: number;
  /** The driver's connect_timeout: an operation starts only with at least this much budget left. */
  connectTimeoutMs: number;
  /** How long new operations are refused after a connection failure before one may probe. */
  cooldownMs: number;
  /** How long a cancelled statement may take to end before its connection counts as dead. */
  graceMs: number;
  /** Queries with parameters outside a transaction as named prepared statements (see db/index.ts). */
  namedStatements: boolean;
  /** Outages and recoveries are reported here (default: nowhere). */
  log?: DbLog;
};

export type GuardedClient = {
  /** Stands in for the postgres.js client: drizzle uses `unsafe`, `begin` and `options`. */
  sql: Sql;
  end(opts?: { timeout?: number }): Promise<void>;
};

type Pool = { sql: Sql; active: number };

type Op = {
  deadline: number;
  /** When it was handed to the driver (performance.now()); -1 while it waits here. */
  startedAt: number;
  started: boolean;
  done: boolean;
  timer?: NodeJS.Timeout;
  grace?: NodeJS.Timeout;
  pool?: Pool;
  /** Whether the operation got as far as a session on the server (else it failed connecting). */
  reached(): boolean;
  work(op: Op, pool: Pool): PromiseLike<unknown>;
  /** Stops what the operation runs (a statement on the server), once it is past its budget. */
  onExpire?(): void;
  /** Whether a statement of it is on the server (or a connection is being made) right now. */
  inFlight?(): boolean;
  resolve(value: unknown): void;
  reject(error: unknown): void;
};

/** How recent an answer must be for the pool's connections to count as open. */
const WARM_MS = 10_000;
/** The least budget an operation starts with on open connections: a fair chance to finish. */
const MIN_START_MS = 1_000;

type CancellableQuery = { state: unknown; canceller: ((q: unknown) => Promise<void>) | null };

/**
 * Asks the server to cancel a statement that was sent. postgres.js's own `cancel()` drops the
 * promise of its cancel request, which rejects (unhandled: the process would exit) when the
 * server cannot be reached; and cancelling one that was never sent would strand the connection
 * it waits for. So: only sent ones (`state` is set when a connection takes it), errors ignored.
 */
function cancelSent(query: unknown): void {
  const q = query as CancellableQuery | null;
  if (!q || q.state === null || !q.canceller) return;
  const cancel = q.canceller;
  q.canceller = null;
  cancel(query).catch(() => {});
}

export function guardedClient(create: () => Sql, o: GuardOptions): GuardedClient {
  const first = create();
  let pool: Pool = { sql: first, active: 0 };
  const waiting: Op[] = [];
  let breaker: "closed" | "open" = "closed";
  let openUntil = 0;
  let downSince = 0;
  let lastAnswer = -Infinity;
  let ended = false;
  const now = () => performance.now();
  const dbLog: DbLog = o.log ?? { warn: () => {}, info: () => {} };

  const refused = () => new DatabaseUnavailableError("DATABASE_UNAVAILABLE", "The database could not be reached a moment ago; not asking again yet.");
  const late = () => new DatabaseUnavailableError("DATABASE_DEADLINE", "The database did not answer in time.");

  function finish(op: Op, outcome: { value: unknown } | { error: unknown }): void {
    if (op.done) return;
    op.done = true;
    clearTimeout(op.timer);
    if ("error" in outcome) op.reject(outcome.error);
    else op.resolve(outcome.value);
  }

  function open(reason: unknown): void {
    if (breaker === "closed") {
      downSince = now();
      const code = (reason as { code?: unknown }).code;
      dbLog.warn({ code, error: (reason as Error).message }, `database unreachable: refusing queries for ${o.cooldownMs} ms at a time until it answers`);
    }
    breaker = "open";
    openUntil = now() + o.cooldownMs;
    // Nobody waits for a slot behind a server that is gone: they are answered now.
    for (const op of waiting.splice(0)) finish(op, { error: refused() });
  }

  function answered(): void {
    lastAnswer = now();
    if (breaker === "closed") return;
    dbLog.info({ downMs: Math.round(now() - downSince) }, "database answers again");
    breaker = "closed";
  }

  /**
   * Throws when a new operation is refused. While the breaker is open one operation per cooldown
   * goes through (a probe), even if an earlier probe still waits for its connection: the first
   * that gets an answer closes the breaker.
   */
  function admit(): void {
    if (breaker === "closed") return;
    if (now() < openUntil) throw refused();
    openUntil = now() + o.cooldownMs;
  }

  function replacePool(stale: Pool): void {
    if (stale !== pool || ended) return;
    const next = create();
    // drizzle sets its type parsers on the client it was given: the new pool needs the same.
    Object.assign(next.options.parsers, first.options.parsers);
    Object.assign(next.options.serializers, first.options.serializers);
    pool = { sql: next, active: 0 };
    dbLog.warn({}, "a database connection stopped answering: replacing the pool");
    void stale.sql.end({ timeout: 0 }).catch(() => {});
    open(new Error("a statement did not end after it was cancelled"));
    pump();
  }

  function expire(op: Op): void {
    if (op.done) return;
    finish(op, { error: late() });
    if (!op.started) {
      const i = waiting.indexOf(op);
      if (i >= 0) waiting.splice(i, 1);
      return;
    }
    op.onExpire?.();
    // A transaction past its budget between statements (waiting on something else) fails at
    // its next one by itself; only a statement on the server can sit on a dead connection.
    if (op.inFlight?.() === false) return;
    const stale = op.pool!;
    op.grace = setTimeout(() => replacePool(stale), o.graceMs);
    op.grace.unref();
  }

  /**
   * What a failed operation says about the server: it answered (an SQL error), it could not be
   * reached (no connection could be made, or one failed before the operation got onto it,
   * unless the server itself ended that session), or nothing certain (a session it was using was
   * lost; its own budget ran out, already counted).
   */
  function judge(error: unknown, op: Op): "answered" | "unreachable" | "unknown" {
    if (error instanceof DatabaseUnavailableError) return "unknown";
    if (!isDatabaseUnavailable(error)) return "answered";
    if (isConnectFailure(error)) return "unreachable";
    return op.reached() || isSessionEndedByServer(error) ? "unknown" : "unreachable";
  }

  function start(op: Op): void {
    const p = pool;
    p.active++;
    op.started = true;
    op.startedAt = now();
    op.pool = p;
    Promise.resolve()
      .then(() => op.work(op, p))
      .then(
        (value) => {
          answered();
          finish(op, { value });
        },
        (error: unknown) => {
          const verdict = judge(error, op);
          if (verdict === "answered") answered();
          // An attempt older than the latest answer (a slow connect that began before the server
          // was back) tells nothing new.
          else if (verdict === "unreachable" && op.startedAt >= lastAnswer) open(error);
          finish(op, { error });
        },
      )
      .finally(() => {
        p.active--;
        clearTimeout(op.grace);
        pump();
      });
  }

  function pump(): void {
    // While the server answers, a free slot means an open connection (a burst waits here for
    // the busy ones): an operation may start with little time left. Otherwise it may have to
    // connect, and starts only with time for that: better a quick 503 than a statement that
    // would still run after its caller was told nothing was saved.
    const warm = breaker === "closed" && now() - lastAnswer < WARM_MS;
    const needed = warm ? MIN_START_MS : o.connectTimeoutMs;
    while (waiting.length > 0 && pool.active < o.max) {
      const op = waiting.shift()!;
      if (op.done) continue;
      if (op.deadline - now() < needed) {
        expire(op);
        continue;
      }
      start(op);
    }
  }

  function schedule<T>(work: Op["work"]): Promise<T> {
    if (ended) return Promise.reject(new DatabaseUnavailableError("DATABASE_UNAVAILABLE", "The database handle is closed."));
    const store = budgets.getStore();
    const budget = Math.min(store?.perOperationMs ?? o.deadlineMs, (store?.until ?? Infinity) - now());
    if (budget <= 0) return Promise.reject(late());
    try {
      admit();
    } catch (e) {
      return Promise.reject(e);
    }
    return new Promise<T>((resolve, reject) => {
      const op: Op = { deadline: now() + budget, startedAt: -1, started: false, done: false, reached: () => false, work, resolve: resolve as Op["resolve"], reject };
      op.timer = setTimeout(() => expire(op), budget);
      waiting.push(op);
      pump();
    });
  }

  function unsafe(query: string, params: unknown[] = [], options: { prepare?: boolean } = {}) {
    let raw = false;
    let promise: Promise<unknown> | undefined;
    const run = () =>
      (promise ??= schedule((op, p) => {
        // Named statements only for queries with parameters (drizzle names none): planned once per connection.
        const prepare = o.namedStatements ? params.length > 0 || options.prepare === true : false;
        const q = p.sql.unsafe(query, params as never[], { ...options, prepare });
        if (raw) q.values();
        op.reached = () => (q as unknown as CancellableQuery).state !== null;
        op.onExpire = () => cancelSent(q);
        return q;
      }));
    const pending = {
      values() {
        raw = true;
        return pending;
      },
      then: (ok?: (v: unknown) => unknown, fail?: (e: unknown) => unknown) => run().then(ok, fail),
      catch: (fail?: (e: unknown) => unknown) => run().catch(fail),
      finally: (f?: () => void) => run().finally(f),
    };
    return pending as unknown as PendingQuery<never>;
  }

  function begin(...args: unknown[]): Promise<unknown> {
    const fn = args.pop() as (sql: TransactionSql) => unknown;
    const mode = args[0] as string | undefined;
    return schedule((op, p) => {
      let expired = false;
      let current: unknown = null;
      // Past its budget a transaction must not commit: its caller was told nothing was saved.
      const watched = (scoped: TransactionSql): TransactionSql =>
        new Proxy(scoped, {
          get(target, prop, receiver) {
            if (prop === "unsafe") {
              return (...a: Parameters<TransactionSql["unsafe"]>) => {
                if (expired) throw late();
                return (current = target.unsafe(...a));
              };
            }
            if (prop === "savepoint") {
              return (...a: unknown[]) => {
                const inner = a.pop() as (s: TransactionSql) => unknown;
                return (target.savepoint as (...x: unknown[]) => Promise<unknown>)(...a, (s: TransactionSql) => inner(watched(s)));
              };
            }
            return Reflect.get(target, prop, receiver);
          },
        });
      let inside = false;
      op.onExpire = () => {
        expired = true;
        cancelSent(current);
      };
      op.reached = () => inside;
      // Before its body runs, the transaction's BEGIN (or its connection) is on its way.
      op.inFlight = () => !inside || (current as { active?: boolean } | null)?.active === true;
      const body = async (scoped: TransactionSql) => {
        inside = true;
        if (expired) throw late();
        const result = await fn(watched(scoped));
        if (expired) throw late();
        return result;
      };
      return mode ? p.sql.begin(mode, body) : p.sql.begin(body);
    });
  }

  async function end(opts: { timeout?: number } = {}): Promise<void> {
    ended = true;
    for (const op of waiting.splice(0)) finish(op, { error: new DatabaseUnavailableError("DATABASE_UNAVAILABLE", "The database handle is closed.") });
    await pool.sql.end(opts);
  }

  const sql = new Proxy(first, {
    get(_target, prop) {
      if (prop === "unsafe") return unsafe;
      if (prop === "begin") return begin;
      if (prop === "end") return end;
      const value = Reflect.get(pool.sql, prop);
      return typeof value === "function" ? value.bind(pool.sql) : value;
    },
  });

  return { sql, end };
}
