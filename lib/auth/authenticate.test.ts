import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testDrivers, type TestDb } from "@/db/testing";
import { authenticate, INVALID_CREDENTIALS_MESSAGE, SIGN_IN_LIMITS } from "./authenticate";
import { registerUser } from "./register";
import { registerSchema } from "./schemas";

const PASSWORD = "correct horse battery";

describe.each(testDrivers())("sign-in on %s", (kind) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(kind);
    for (const email of ["ana@example.com", "bo@example.com", "cy@example.com", "di@example.com"]) {
      await registerUser(t.db, registerSchema.parse({ name: "User", email, password: PASSWORD, role: "client" }));
    }
  });
  afterAll(() => t.dispose());

  it("accepts the right password, whatever the email's case and spaces", async () => {
    const r = await authenticate(t.db, "  ANA@example.com ", PASSWORD, "10.0.0.1");
    expect(r.ok).toBe(true);
    expect(r.ok && r.user).toMatchObject({ email: "ana@example.com", role: "client", name: "User" });
    expect(r.ok && "passwordHash" in r.user).toBe(false);
  });

  it("answers a wrong password and an unknown email with the same message", async () => {
    const wrong = await authenticate(t.db, "ana@example.com", "wrong password!", "10.0.0.2");
    const unknown = await authenticate(t.db, "nobody@example.com", PASSWORD, "10.0.0.2");
    expect(wrong).toEqual({ ok: false, reason: "invalid", message: INVALID_CREDENTIALS_MESSAGE });
    expect(unknown).toEqual(wrong);
    expect(INVALID_CREDENTIALS_MESSAGE).toBe("Email or password is incorrect.");
  });

  it("locks an account after 5 failures, even for the right password, then opens again", async () => {
    const now = new Date("2030-05-01T09:00:00Z");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect((await authenticate(t.db, "bo@example.com", `guess-${i}`, `10.1.0.${i}`, now)).ok).toBe(false);
    }
    const locked = await authenticate(t.db, "bo@example.com", PASSWORD, "10.1.1.1", new Date(now.getTime() + 60_000));
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited", message: "Too many sign-in attempts. Try again in 14 minutes." });
    // An unknown email is throttled the same way, so the lock reveals nothing either.
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) await authenticate(t.db, "ghost@example.com", "x", `10.2.0.${i}`, now);
    expect(await authenticate(t.db, "ghost@example.com", "x", "10.2.1.1", now)).toMatchObject({ reason: "rate_limited" });

    const afterWindow = new Date(now.getTime() + SIGN_IN_LIMITS.windowSeconds * 1000 + 1000);
    expect((await authenticate(t.db, "bo@example.com", PASSWORD, "10.1.1.1", afterWindow)).ok).toBe(true);
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const now = new Date("2030-05-02T09:00:00Z");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await authenticate(t.db, "cy@example.com", "nope", "10.3.0.1", now);
    expect((await authenticate(t.db, "cy@example.com", PASSWORD, "10.3.0.1", now)).ok).toBe(true);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await authenticate(t.db, "cy@example.com", "nope", "10.3.0.1", now);
    expect((await authenticate(t.db, "cy@example.com", PASSWORD, "10.3.0.1", now)).ok).toBe(true);
  });

  it("blocks an IP after 30 failures across accounts, but not other IPs, and not for successes", async () => {
    const now = new Date("2030-05-03T09:00:00Z");
    // Successful sign-ins from a shared address do not use up its budget.
    for (let i = 0; i < 5; i++) expect((await authenticate(t.db, "di@example.com", PASSWORD, "203.0.113.9", now)).ok).toBe(true);
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) {
      await authenticate(t.db, `spray${i}@example.com`, "password123", "203.0.113.9", now);
    }
    expect(await authenticate(t.db, "di@example.com", PASSWORD, "203.0.113.9", now)).toMatchObject({ reason: "rate_limited" });
    expect((await authenticate(t.db, "di@example.com", PASSWORD, "198.51.100.7", now)).ok).toBe(true);
  });
});
