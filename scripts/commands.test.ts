import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * The README's operator commands run as documented, under Node 24 through npm, on a fresh
 * PGlite directory: they import lib/ modules marked server-only, which only load with the
 * react-server condition (a plain `tsx` run threw before any work was done).
 */
const run = promisify(execFile);

describe("operator commands", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "slotbook-commands-"));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  const npm = (...args: string[]) =>
    run("npm", ["run", "--silent", ...args], { env: { ...process.env, DATABASE_URL: "", PGLITE_DIR: path.join(dir, "db"), NODE_ENV: "development" }, timeout: 110_000 });

  it("migrates, seeds and changes a plan", async () => {
    expect((await npm("db:migrate")).stdout).toContain("Migrated PGlite");
    expect((await npm("db:seed")).stdout).toContain("bloom-hair");
    expect((await npm("plan", "--", "bloom-hair", "free")).stdout).toContain("bloom-hair: FREE");
  }, 120_000);
});
