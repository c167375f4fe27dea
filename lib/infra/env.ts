import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/**
 * All configuration, parsed once. A bad value stops the process with a message that names
 * the variable. Local runs get secrets generated once into .data/secrets.json; production
 * refuses to start without real ones.
 */

const base64Key = (minBytes: number, exact = false) =>
  z
    .string()
    .trim()
    .refine((v) => {
      const n = Buffer.from(v, "base64").length;
      return exact ? n === minBytes : n >= minBytes;
    }, `must be ${exact ? "exactly" : "at least"} ${minBytes} random bytes, base64-encoded (openssl rand -base64 32)`);

const emptyAsUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const optional = <T extends z.ZodType>(s: T) => z.preprocess(emptyAsUndefined, s.optional());

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// connection URL")),
  // false behind a pooler in transaction mode (PgBouncer before 1.21, most managed poolers):
  // every statement unnamed, nothing but the basics in the startup packet (db/index.ts).
  DATABASE_PREPARE: z
    .preprocess(emptyAsUndefined, z.enum(["true", "false"], { error: 'must be "true" or "false"' }).default("true"))
    .transform((v) => v === "true"),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  APP_URL: z.url().default("http://localhost:3000").transform((u) => u.replace(/\/+$/, "")),
  AUTH_SECRET: optional(base64Key(32)),
  TOKEN_ENCRYPTION_KEY: optional(base64Key(32, true)),
  TOKEN_ENCRYPTION_KEYS_OLD: optional(z.string()),
  GOOGLE_CLIENT_ID: optional(z.string()),
  GOOGLE_CLIENT_SECRET: optional(z.string()),
  GOOGLE_OAUTH_AUTH_URL: z.url().default("https://accounts.google.com/o/oauth2/v2/auth"),
  GOOGLE_OAUTH_TOKEN_URL: z.url().default("https://oauth2.googleapis.com/token"),
  GOOGLE_OAUTH_REVOKE_URL: z.url().default("https://oauth2.googleapis.com/revoke"),
  GOOGLE_API_ROOT_URL: z.url().default("https://www.googleapis.com/"),
  SMTP_URL: optional(z.string().regex(/^smtps?:\/\//, "must be an smtp:// or smtps:// URL")),
  MAIL_FROM: z.string().min(3).default("Slotbook <no-reply@slotbook.local>"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(120),
  // Per client address: bookings at one business an hour, accounts registered an hour (0: off).
  // RATE_LIMIT_PER_MINUTE=0 turns both off too (load tests); the per-email limits stay.
  BOOKINGS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(0).default(10),
  REGISTRATIONS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(0).default(5),
  // How many reverse proxies in front of the app append to X-Forwarded-For (0: none, the
  // socket's address is the client).
  TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  MAILBOX_UI: optional(z.enum(["0", "1"])),
  // Read by lib/infra/log.ts; checked here so a typo stops start-up by name, not with pino's stack trace.
  LOG_LEVEL: optional(z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"])),
});

type Parsed = z.infer<typeof envSchema>;
export type Env = Parsed & {
  AUTH_SECRET: string;
  TOKEN_ENCRYPTION_KEY: string;
  /** "pglite" without DATABASE_URL, "postgres" with it. */
  dbKind: "pglite" | "postgres";
  /** Whether captured mail is browsable at /dev/mailbox. */
  mailboxUi: boolean;
};

export class ConfigError extends Error {}

export function parseEnv(source: NodeJS.ProcessEnv, secretsDir = ".data"): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = result.data;
  const production = e.NODE_ENV === "production";
  let authSecret = e.AUTH_SECRET;
  let tokenKey = e.TOKEN_ENCRYPTION_KEY;
  if (!authSecret || !tokenKey) {
    if (production && !source.SLOTBOOK_ALLOW_DEV_SECRETS) {
      const missing = [!authSecret && "AUTH_SECRET", !tokenKey && "TOKEN_ENCRYPTION_KEY"].filter(Boolean);
      throw new ConfigError(
        `Invalid configuration:\n  ${missing.join(", ")}: required in production (openssl rand -base64 32)`,
      );
    }
    const dev = localSecrets(secretsDir);
    authSecret ??= dev.AUTH_SECRET;
    tokenKey ??= dev.TOKEN_ENCRYPTION_KEY;
  }
  if (production) {
    const weak = (
      [
        ["AUTH_SECRET", authSecret],
        ["TOKEN_ENCRYPTION_KEY", tokenKey],
      ] as const
    ).filter(([, v]) => looksWeak(v));
    if (weak.length > 0) {
      const lines = weak.map(([name]) => `  ${name}: too short or visibly patterned; use 32 random bytes (openssl rand -base64 32)`);
      throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
    }
  }
  return {
    ...e,
    AUTH_SECRET: authSecret,
    TOKEN_ENCRYPTION_KEY: tokenKey,
    dbKind: e.DATABASE_URL ? "postgres" : "pglite",
    mailboxUi: !e.SMTP_URL && (!production || e.MAILBOX_UI === "1"),
  };
}

/**
 * A secret that is not 32 random-looking bytes: too short, few distinct bytes (all zeros,
 * "aaaa…"), or a short block repeated ("secret" × 8, "0123456789abcdef" × 2), in its text or
 * in its decoded bytes. Real `openssl rand -base64 32` output passes with overwhelming odds.
 */
export function looksWeak(secret: string): boolean {
  const text = secret.trim();
  const bytes = Buffer.from(text, "base64");
  if (bytes.length < 32 || text.length < 40) return true;
  if (new Set(bytes).size < 16 || new Set(text).size < 16) return true;
  return isPeriodic([...bytes], 16) || isPeriodic([...text], 16);
}

function isPeriodic<T>(items: T[], maxPeriod: number): boolean {
  for (let p = 1; p <= maxPeriod && p < items.length; p++) {
    if (items.every((x, i) => i < p || x === items[i - p])) return true;
  }
  return false;
}

function localSecrets(dir: string): { AUTH_SECRET: string; TOKEN_ENCRYPTION_KEY: string } {
  const file = path.join(dir, "secrets.json");
  if (existsSync(file)) return JSON.parse(readFileSync(file, "utf8"));
  const secrets = {
    AUTH_SECRET: randomBytes(32).toString("base64"),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  mkdirSync(dir, { recursive: true });
  // "wx": two processes starting together must not overwrite each other's secrets.
  try {
    writeFileSync(file, JSON.stringify(secrets, null, 2), { flag: "wx", mode: 0o600 });
  } catch {
    return JSON.parse(readFileSync(file, "utf8"));
  }
  return secrets;
}

let cached: Env | undefined;

/** The process's configuration; parsed on first use, never at import time. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
