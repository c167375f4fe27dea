import { afterAll, beforeAll } from "vitest";
import { createProviderFixture, type ProviderFixture, type ProviderFixtureOptions } from "@/test/fixtures";
import { createTestDb, type DriverKind, type TestDb } from "@/test/db";

/*
 * The set-up every integration test file repeated inside `describe.each(testDrivers())`: a
 * fresh database for the block (and often a provider in it), disposed after the block. Each
 * returns an object that is empty until its beforeAll has run, so read it in hooks and tests
 * only. Call them before the block's own hooks: beforeAll runs in order, afterAll in reverse,
 * so the database outlives whatever the block starts on it (workers, fakes).
 */

/** A fresh, migrated database of this driver for the enclosing describe block. */
export function setUpTestDb(kind: DriverKind): TestDb {
  const t = {} as TestDb;
  beforeAll(async () => {
    Object.assign(t, await createTestDb(kind));
  });
  afterAll(() => t.dispose());
  return t;
}

/** A provider with a service and opening hours (test/fixtures.ts) in that database, for the block. */
export function setUpProviderFixture(t: TestDb, opts?: ProviderFixtureOptions): ProviderFixture {
  const f = {} as ProviderFixture;
  beforeAll(async () => {
    Object.assign(f, await createProviderFixture(t.db, opts));
  });
  return f;
}
