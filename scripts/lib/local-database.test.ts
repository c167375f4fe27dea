import { describe, expect, it } from "vitest";
import { assertLocalDatabase } from "@/e2e/assert-local-database";
import { isLocalDatabaseUrl } from "./local-database";

describe("local database guard (e2e runs and benchmarks create and drop data)", () => {
  it.each([
    "postgres://postgres@127.0.0.1:5432/test",
    "postgresql://u:p@localhost/slotbook",
    "postgres://postgres@[::1]:5432/test",
    "postgres:///test?host=/var/run/postgresql",
  ])("accepts %s", (url) => {
    expect(isLocalDatabaseUrl(url)).toBe(true);
  });

  it.each([
    "postgres://admin:secret@db.example.com:5432/prod",
    "postgres://u@10.0.0.5/slotbook",
    "postgres://u@localhost.evil.example/db",
    "postgres://u@localhost/db?host=db.example.com",
    "not a url",
  ])("refuses %s", (url) => {
    expect(isLocalDatabaseUrl(url)).toBe(false);
  });

  it("stops a run whose DATABASE_URL or TEST_DATABASE_URL is remote, naming the variable and not the password", () => {
    expect(() => assertLocalDatabase({ DATABASE_URL: "postgres://admin:hunter2@db.example.com/prod" })).toThrow(
      /DATABASE_URL points at a non-local database host \(db\.example\.com\)/,
    );
    expect(() => assertLocalDatabase({ TEST_DATABASE_URL: "postgres://u@db.example.com/t" })).toThrow(/TEST_DATABASE_URL/);
    try {
      assertLocalDatabase({ DATABASE_URL: "postgres://admin:hunter2@db.example.com/prod" });
    } catch (e) {
      expect(String(e)).not.toContain("hunter2");
    }
  });

  it("lets PGlite runs (no DATABASE_URL) and local servers through", () => {
    expect(() => assertLocalDatabase({ DATABASE_URL: "" })).not.toThrow();
    expect(() => assertLocalDatabase({ TEST_DATABASE_URL: "postgres://postgres@127.0.0.1:5432/test" })).not.toThrow();
  });
});
