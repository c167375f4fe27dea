import { isDatabaseUnavailable } from "@/db/errors";

/**
 * The closed set of failures the domain reports. Each maps to one user-facing message and one
 * HTTP status here, so pages, server actions and route handlers say the same thing.
 */
export const errorCodes = {
  NOT_FOUND: { status: 404, message: "We couldn't find that." },
  FORBIDDEN: { status: 403, message: "You don't have access to that." },
  UNAUTHENTICATED: { status: 401, message: "Please sign in to continue." },
  VALIDATION: { status: 422, message: "Please check the highlighted fields." },
  SLOT_TAKEN: { status: 409, message: "Sorry, that time was just taken. Please pick another time." },
  OUTSIDE_HOURS: { status: 422, message: "That time is not available for booking." },
  CANCEL_WINDOW: { status: 422, message: "This appointment can no longer be changed online." },
  INVALID_STATE: { status: 409, message: "That action isn't possible for this appointment any more." },
  IN_USE: { status: 409, message: "That is still in use." },
  CONFLICT: { status: 409, message: "That already exists." },
  PRO_REQUIRED: { status: 403, message: "This is a PRO feature." },
  RATE_LIMITED: { status: 429, message: "Too many requests. Please wait a moment and try again." },
  TOKEN_INVALID: { status: 400, message: "This link is invalid or has expired." },
  UNAVAILABLE: { status: 503, message: "We can't reach our database right now. Nothing was saved; please try again in a moment." },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Per-field messages, shown beside the fields (422 `fieldErrors` on the API). */
  readonly fieldErrors?: Record<string, string[]>;
  /** Seconds until a rate-limited caller may retry. */
  readonly retryAfter?: number;

  constructor(
    code: ErrorCode,
    message?: string,
    extra: { fieldErrors?: Record<string, string[]>; retryAfter?: number } = {},
  ) {
    super(message ?? errorCodes[code].message);
    this.name = "AppError";
    this.code = code;
    this.status = errorCodes[code].status;
    this.fieldErrors = extra.fieldErrors;
    this.retryAfter = extra.retryAfter;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** Postgres SQLSTATEs the domain translates (drivers wrap errors differently; see pgErrorCode). */
export const PG = {
  uniqueViolation: "23505",
  exclusionViolation: "23P01",
  foreignKeyViolation: "23503",
  checkViolation: "23514",
  deadlockDetected: "40P01",
} as const;

/** The SQLSTATE of a driver error, looking through Drizzle's wrapping (`cause`). */
export function pgErrorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** The constraint name of a driver error, looking through wrapping. */
export function pgConstraint(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 5; depth++) {
    const c = cur as { constraint?: unknown; constraint_name?: unknown };
    const name = c.constraint ?? c.constraint_name;
    if (typeof name === "string") return name;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/*
 * The database is away (restarting, failing over, unreachable): which driver errors say so is
 * decided on the database's own floor (db/errors.ts), where db/guard.ts needs it too. A request
 * that meets one gets a 503 with Retry-After: its transaction did not commit, and a later
 * request reconnects by itself.
 */
export { isDatabaseUnavailable };

/** An AppError as it is, a lost database as UNAVAILABLE, anything else unchanged. */
export function asAppError(e: unknown): unknown {
  if (isAppError(e)) return e;
  if (isDatabaseUnavailable(e)) return new AppError("UNAVAILABLE", undefined, { retryAfter: 5 });
  return e;
}
