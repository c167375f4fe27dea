import { randomUUID } from "node:crypto";
import pino, { type DestinationStream, type Logger } from "pino";

/**
 * One structured logger (pino): JSON lines in production, for an operator's log pipeline;
 * short readable lines in development, formatted here (no pretty-printer in production deps).
 * Secrets never reach it: anything under these keys is replaced with "[redacted]", and callers
 * log ids and codes, never tokens, passwords or message bodies.
 */
const REDACT = [
  "token",
  "password",
  "passwordHash",
  "secret",
  "text",
  "html",
  "body",
  "authorization",
  "cookie",
  "*.token",
  "*.password",
  "*.passwordHash",
  "*.secret",
  "*.text",
  "*.html",
  "*.body",
  "*.authorization",
  "*.cookie",
  "headers.authorization",
  "headers.cookie",
];

const LEVELS: Record<number, string> = { 10: "trace", 20: "debug", 30: "info", 40: "warn", 50: "error", 60: "fatal" };

/** Development output: "12:00:01 warn  [auth] sign-in throttled reason=… requestId=…". */
export function readableLine(json: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(json);
  } catch {
    return json;
  }
  const { level, time, msg, component, pid: _pid, hostname: _host, err, ...rest } = entry;
  const when = new Date(typeof time === "number" ? time : Date.now()).toISOString().slice(11, 19);
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`)
    .join(" ");
  const stack = err && typeof err === "object" && "stack" in err ? `\n${String((err as { stack: unknown }).stack)}` : "";
  const name = LEVELS[Number(level)] ?? String(level);
  return `${when} ${name.padEnd(5)} ${component ? `[${component}] ` : ""}${String(msg ?? "")}${fields ? ` ${fields}` : ""}${stack}\n`;
}

function destination(): DestinationStream | undefined {
  if (process.env.NODE_ENV !== "development") return undefined;
  return { write: (line: string) => void process.stdout.write(readableLine(line)) };
}

// The logger is made when this module loads, before a command reads its configuration: an
// unknown LOG_LEVEL must not throw here (pino's stack trace) but reach lib/infra/env.ts, which
// stops the command with a message naming it.
const LEVEL_NAMES = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];
function knownLevel(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v && LEVEL_NAMES.includes(v) ? v : undefined;
}

export function createLogger(stream?: DestinationStream): Logger {
  const options = {
    level: knownLevel(process.env.LOG_LEVEL) ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
    redact: { paths: REDACT, censor: "[redacted]" },
    base: { pid: process.pid },
  };
  const out = stream ?? destination();
  return out ? pino(options, out) : pino(options);
}

const globalForLog = globalThis as unknown as { __slotbookLog?: Logger };
/** The process's logger (one per process, shared by route bundles and instrumentation). */
export const log: Logger = (globalForLog.__slotbookLog ??= createLogger());

/** A short id to tie a request's or job's log lines together. */
export function newRequestId(): string {
  return randomUUID().slice(0, 8);
}

/** The request id proxy.ts gave this request (x-request-id), or a new one outside a request. */
export async function currentRequestId(): Promise<string> {
  try {
    const { headers } = await import("next/headers");
    return (await headers()).get("x-request-id") ?? newRequestId();
  } catch {
    return newRequestId();
  }
}
