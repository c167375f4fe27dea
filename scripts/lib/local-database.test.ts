import { describe, expect, it } from "vitest";
import { assertLocalDatabase } from "@/e2e/assert-local-database";
import { isLocalDatabaseUrl } from "./local-database";

describe("local database guard (e2e runs and benchmarks create and drop data)", () => {
  it.each([
    { verdict: "accepts", url: "postgres://postgres@127.0.0.1:5432/test" },
    { verdict: "accepts", url: "postgresql://u:p@localhost/slotbook" },
    { verdict: "accepts", url: "postgres://postgres@[::1]:5432/test" },
    { verdict: "accepts", url: "postgres:///test?host=/var/run/postgresql" },
    { verdict: "refuses", url: "postgres://admin:secret@db.example.com:5432/prod" },
    { verdict: "refuses", url: "postgres://u@10.0.0.5/slotbook" },
    { verdict: "refuses", url: "postgres://u@localhost.evil.example/db" },
    { verdict: "refuses", url: "postgres://u@localhost/db?host=db.example.com" },
    { verdict: "refuses", url: "not a url" },
  ])("$verdict $url", ({ verdict, url }) => {
    expect(isLocalDatabaseUrl(url)).toBe(verdict === "accepts");
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
