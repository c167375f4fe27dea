import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, looksWeak, parseEnv } from "./env";

import { randomBytes } from "node:crypto";

const key = randomBytes(32).toString("base64");

describe("configuration", () => {
  it("defaults to PGlite and generates local secrets once, reusing them on the next start", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "slotbook-env-"));
    const a = parseEnv({ NODE_ENV: "development" }, dir);
    const b = parseEnv({ NODE_ENV: "development" }, dir);
    expect(a.dbKind).toBe("pglite");
    expect(a.PGLITE_DIR).toBe(".data/pglite");
    expect(Buffer.from(a.AUTH_SECRET, "base64")).toHaveLength(32);
    expect(b.AUTH_SECRET).toBe(a.AUTH_SECRET);
    expect(b.TOKEN_ENCRYPTION_KEY).toBe(a.TOKEN_ENCRYPTION_KEY);
    expect(JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8")).AUTH_SECRET).toBe(a.AUTH_SECRET);
    expect(a.mailboxUi).toBe(true);
    expect(a.RATE_LIMIT_PER_MINUTE).toBe(120);
  });

  it("refuses to start in production without secrets, naming them", () => {
    expect(() => parseEnv({ NODE_ENV: "production" }, "/nonexistent")).toThrow(
      /AUTH_SECRET, TOKEN_ENCRYPTION_KEY: required in production/,
    );
  });

  it("names the variable that has a bad value", () => {
    const bad = { NODE_ENV: "production", AUTH_SECRET: key, TOKEN_ENCRYPTION_KEY: "c2hvcnQ=" } as const;
    expect(() => parseEnv(bad)).toThrow(ConfigError);
    expect(() => parseEnv(bad)).toThrow(/TOKEN_ENCRYPTION_KEY: must be exactly 32 random bytes/);
    expect(() => parseEnv({ ...bad, TOKEN_ENCRYPTION_KEY: key, DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL/);
    expect(() => parseEnv({ ...bad, TOKEN_ENCRYPTION_KEY: key, RATE_LIMIT_PER_MINUTE: "lots" })).toThrow(
      /RATE_LIMIT_PER_MINUTE/,
    );
    expect(() => parseEnv({ ...bad, TOKEN_ENCRYPTION_KEY: key, LOG_LEVEL: "loud" })).toThrow(/LOG_LEVEL/);
    expect(parseEnv({ ...bad, TOKEN_ENCRYPTION_KEY: key, LOG_LEVEL: "warn" }).LOG_LEVEL).toBe("warn");
  });

  it("uses the server with DATABASE_URL, and shows the mailbox in production only with MAILBOX_UI=1", () => {
    const base = { NODE_ENV: "production", AUTH_SECRET: key, TOKEN_ENCRYPTION_KEY: key } as const;
    const e = parseEnv({ ...base, DATABASE_URL: "postgres://u@db/x", APP_URL: "https://book.example/" });
    expect(e.dbKind).toBe("postgres");
    expect(e.APP_URL).toBe("https://book.example");
    expect(e.mailboxUi).toBe(false);
    expect(parseEnv({ ...base, MAILBOX_UI: "1" }).mailboxUi).toBe(true);
    expect(parseEnv({ ...base, MAILBOX_UI: "1", SMTP_URL: "smtp://mail:25" }).mailboxUi).toBe(false);
    expect(parseEnv({ ...base, RATE_LIMIT_PER_MINUTE: "0" }).RATE_LIMIT_PER_MINUTE).toBe(0);
  });

  it("sends named statements unless DATABASE_PREPARE=false (a pooler in transaction mode), and names a bad value", () => {
    const base = { NODE_ENV: "production", AUTH_SECRET: key, TOKEN_ENCRYPTION_KEY: key, DATABASE_URL: "postgres://u@pooler/x" } as const;
    expect(parseEnv(base).DATABASE_PREPARE).toBe(true);
    expect(parseEnv({ ...base, DATABASE_PREPARE: "" }).DATABASE_PREPARE).toBe(true);
    expect(parseEnv({ ...base, DATABASE_PREPARE: "false" }).DATABASE_PREPARE).toBe(false);
    expect(() => parseEnv({ ...base, DATABASE_PREPARE: "no" })).toThrow(/DATABASE_PREPARE: must be "true" or "false"/);
  });

  it("refuses weak secrets in production, naming the variable", () => {
    const patterned = [
      Buffer.alloc(32, 0).toString("base64"), // all zeros
      Buffer.alloc(32, 7).toString("base64"),
      "secret".repeat(8),
      Buffer.from("0123456789abcdef".repeat(2)).toString("base64"),
      "0123456789abcdef".repeat(3),
      randomBytes(16).toString("base64"), // too short
    ];
    for (const weak of patterned) {
      expect(looksWeak(weak), weak).toBe(true);
      expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: weak, TOKEN_ENCRYPTION_KEY: key }, "/nonexistent")).toThrow(
        /AUTH_SECRET: (too short or visibly patterned|must be at least 32 random bytes)/,
      );
    }
    const zeros = Buffer.alloc(32, 0).toString("base64");
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: key, TOKEN_ENCRYPTION_KEY: zeros }, "/nonexistent")).toThrow(
      /TOKEN_ENCRYPTION_KEY: too short or visibly patterned/,
    );
    // Real random keys pass, every time.
    for (let i = 0; i < 200; i++) expect(looksWeak(randomBytes(32).toString("base64"))).toBe(false);
    expect(() => parseEnv({ NODE_ENV: "production", AUTH_SECRET: key, TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64") })).not.toThrow();
  });
});
