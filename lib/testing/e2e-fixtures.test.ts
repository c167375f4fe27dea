import { describe, expect, it } from "vitest";
import { FIXTURES_SECRET_HEADER, fixturesAllowed, fixturesEnabled } from "./e2e-fixtures";

const SECRET = "s".repeat(43);
const e2eEnv = { E2E_FIXTURES: "1", E2E_FIXTURES_SECRET: SECRET, PGLITE_DIR: ".data/e2e-run1", DATABASE_URL: "" };
const withSecret = (value?: string) => new Headers(value === undefined ? {} : { [FIXTURES_SECRET_HEADER]: value });

describe("the e2e fixtures route gate", () => {
  it("opens only on the e2e server with the run's secret in the header", () => {
    expect(fixturesAllowed(withSecret(SECRET), e2eEnv)).toBe(true);
    expect(fixturesAllowed(withSecret(), e2eEnv)).toBe(false);
    expect(fixturesAllowed(withSecret("s".repeat(42)), e2eEnv)).toBe(false);
    expect(fixturesAllowed(withSecret("t".repeat(43)), e2eEnv)).toBe(false);
  });

  it("stays shut without the flag, with a short or missing secret, on a server database or outside an e2e directory", () => {
    expect(fixturesEnabled(e2eEnv)).toBe(true);
    expect(fixturesEnabled({ ...e2eEnv, E2E_FIXTURES: undefined })).toBe(false);
    expect(fixturesEnabled({ ...e2eEnv, E2E_FIXTURES: "true" })).toBe(false);
    expect(fixturesEnabled({ ...e2eEnv, E2E_FIXTURES_SECRET: undefined })).toBe(false);
    expect(fixturesEnabled({ ...e2eEnv, E2E_FIXTURES_SECRET: "short" })).toBe(false);
    expect(fixturesEnabled({ ...e2eEnv, DATABASE_URL: "postgres://postgres@127.0.0.1:5432/slotbook" })).toBe(false);
    expect(fixturesEnabled({ ...e2eEnv, PGLITE_DIR: ".data/pglite" })).toBe(false);
    expect(fixturesEnabled({ ...e2eEnv, PGLITE_DIR: undefined })).toBe(false);
    // Enabled but shut without the header: the route answers 404 either way.
    expect(fixturesAllowed(withSecret(SECRET), { ...e2eEnv, E2E_FIXTURES: undefined })).toBe(false);
  });
});
