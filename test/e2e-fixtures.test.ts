import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createAppointment, createProviderFixture } from "@/test/fixtures";
import { providers } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { FIXTURES_SECRET_HEADER, fixturesAllowed, fixturesEnabled, runFixture } from "./e2e-fixtures";

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

describe.each(testDrivers())("the fingerprint fixture on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("changes when a row of the provider, its staff or its appointments changes, and not for another provider's", async () => {
    const mine = await createProviderFixture(t.db);
    const other = await createProviderFixture(t.db);
    const print = async () => ((await runFixture(t.db, { kind: "fingerprint", providerIds: [mine.provider.id], userIds: [mine.owner.id] })) as { tables: Record<string, string> }).tables;
    const before = await print();
    expect(before.providers).toMatch(/^1:[0-9a-f]{32}$/);
    expect(before.services).toMatch(/^1:/);

    await createAppointment(t.db, { providerId: other.provider.id, serviceId: other.service.id, startsAt: new Date("2030-01-07T10:00:00Z") });
    await t.db.update(providers).set({ phone: "+1 555" }).where(eq(providers.id, other.provider.id));
    expect(await print()).toEqual(before);

    await createAppointment(t.db, { providerId: mine.provider.id, serviceId: mine.service.id, startsAt: new Date("2030-01-07T10:00:00Z") });
    const booked = await print();
    expect(booked.appointments).toMatch(/^1:/);
    await t.db.update(providers).set({ phone: "+1 555" }).where(eq(providers.id, mine.provider.id));
    expect((await print()).providers).not.toBe(booked.providers);
  });
});
