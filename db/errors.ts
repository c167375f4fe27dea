/*
 * The database is away (restarting, failing over, unreachable). A request that meets one of
 * these gets a 503 with Retry-After (lib/infra/errors.ts, asAppError): its transaction did not
 * commit, and a later request reconnects by itself. Here, on the floor of the driver, because
 * db/guard.ts decides by them when to stop asking the server.
 * - A new connection could not be made: refused, timed out, no route, or the server (or a pooler
 *   in front of it) said it cannot take one now (57P03 starting up or shutting down, 08001,
 *   08004, 53300 too many connections). db/guard.ts then stops asking for a moment.
 * - A session was lost: ended by the server (57P01 admin shutdown, 57P02 crash), closed or
 *   reset, or any other connection exception (class 08). The next operation simply reconnects.
 */
const CONNECT_CODES = new Set(["ECONNREFUSED", "CONNECT_TIMEOUT", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "57P03", "08001", "08004", "53300"]);
const LOST_CODES = new Set(["CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "57P01", "57P02"]);

/** Whether `e` or one of its causes (drivers and drizzle wrap errors) carries a code that passes `test`. */
function someCode(e: unknown, test: (code: string) => boolean): boolean {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && test(code)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/** Whether a new connection to the database could not be made. */
export function isConnectFailure(e: unknown): boolean {
  return someCode(e, (code) => CONNECT_CODES.has(code));
}

/** Whether the server itself ended the session (57P01 admin shutdown, 57P02 crash). */
export function isSessionEndedByServer(e: unknown): boolean {
  return someCode(e, (code) => code === "57P01" || code === "57P02");
}

/**
 * Whether an error means "the database could not answer", not "the request was wrong": a
 * connection that could not be made or was lost, an operation db/guard.ts refused or gave up on
 * (DATABASE_UNAVAILABLE, DATABASE_DEADLINE), or a statement the server cancelled (57014: its
 * statement_timeout, or the cancel the guard sends when an operation runs out of time).
 */
export function isDatabaseUnavailable(e: unknown): boolean {
  return someCode(
    e,
    (code) =>
      CONNECT_CODES.has(code) || LOST_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code) || code === "57014" || code === "DATABASE_UNAVAILABLE" || code === "DATABASE_DEADLINE",
  );
}
