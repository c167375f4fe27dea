import { beforeAll, describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { authenticate, INVALID_CREDENTIALS_MESSAGE, SIGN_IN_LIMITS } from "./authenticate";
import { deviceNonceFor, issueDeviceCookie } from "./device-cookie";
import { registerUser } from "./register";
import { registerSchema } from "./schemas";

const PASSWORD = "correct horse battery";

describe.each(testDrivers())("sign-in on %s", (kind) => {
  const t = setUpTestDb(kind);
  beforeAll(async () => {
    for (const email of ["ana@example.com", "bo@example.com", "cy@example.com", "di@example.com", "owner@example.com", "eve@example.com"]) {
      await registerUser(t.db, registerSchema.parse({ name: "User", email, password: PASSWORD, role: "client" }));
    }
  });

  it("accepts the right password, whatever the email's case and spaces", async () => {
    const r = await authenticate(t.db, "  ANA@example.com ", PASSWORD, { ip: "10.0.0.1" });
    expect(r.ok).toBe(true);
    expect(r.ok && r.user).toMatchObject({ email: "ana@example.com", role: "client", name: "User" });
    expect(r.ok && "passwordHash" in r.user).toBe(false);
  });

  it("answers a wrong password and an unknown email with the same message", async () => {
    const wrong = await authenticate(t.db, "ana@example.com", "wrong password!", { ip: "10.0.0.2" });
    const unknown = await authenticate(t.db, "nobody@example.com", PASSWORD, { ip: "10.0.0.2" });
    expect(wrong).toEqual({ ok: false, reason: "invalid", message: INVALID_CREDENTIALS_MESSAGE });
    expect(unknown).toEqual(wrong);
    expect(INVALID_CREDENTIALS_MESSAGE).toBe("Email or password is incorrect.");
  });

  it("locks an account after 5 failures, even for the right password, then opens again", async () => {
    const now = new Date("2030-05-01T09:00:00Z");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
      expect((await authenticate(t.db, "bo@example.com", `guess-${i}`, { ip: `10.1.0.${i}`, now })).ok).toBe(false);
    }
    const locked = await authenticate(t.db, "bo@example.com", PASSWORD, { ip: "10.1.1.1", now: new Date(now.getTime() + 60_000) });
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited", message: "Too many sign-in attempts. Try again in 14 minutes." });
    // An unknown email is throttled the same way, so the lock reveals nothing either.
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) await authenticate(t.db, "ghost@example.com", "x", { ip: `10.2.0.${i}`, now });
    expect(await authenticate(t.db, "ghost@example.com", "x", { ip: "10.2.1.1", now })).toMatchObject({ reason: "rate_limited" });

    const afterWindow = new Date(now.getTime() + SIGN_IN_LIMITS.windowSeconds * 1000 + 1000);
    expect((await authenticate(t.db, "bo@example.com", PASSWORD, { ip: "10.1.1.1", now: afterWindow })).ok).toBe(true);
  });

  it("forgets an account's failures after a successful sign-in", async () => {
    const now = new Date("2030-05-02T09:00:00Z");
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await authenticate(t.db, "cy@example.com", "nope", { ip: "10.3.0.1", now });
    expect((await authenticate(t.db, "cy@example.com", PASSWORD, { ip: "10.3.0.1", now })).ok).toBe(true);
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount - 1; i++) await authenticate(t.db, "cy@example.com", "nope", { ip: "10.3.0.1", now });
    expect((await authenticate(t.db, "cy@example.com", PASSWORD, { ip: "10.3.0.1", now })).ok).toBe(true);
  });

  it("blocks an IP after 30 failures across accounts, but not other IPs, and not for successes", async () => {
    const now = new Date("2030-05-03T09:00:00Z");
    // Successful sign-ins from a shared address do not use up its budget.
    for (let i = 0; i < 5; i++) expect((await authenticate(t.db, "di@example.com", PASSWORD, { ip: "203.0.113.9", now })).ok).toBe(true);
    for (let i = 0; i < SIGN_IN_LIMITS.perIp; i++) {
      await authenticate(t.db, `spray${i}@example.com`, "password123", { ip: "203.0.113.9", now });
    }
    expect(await authenticate(t.db, "di@example.com", PASSWORD, { ip: "203.0.113.9", now })).toMatchObject({ reason: "rate_limited" });
    expect((await authenticate(t.db, "di@example.com", PASSWORD, { ip: "198.51.100.7", now })).ok).toBe(true);
  });

  it("a stranger's failures from many addresses never lock the owner out of their own browser", async () => {
    const now = new Date("2030-05-04T09:00:00Z");
    const later = new Date(now.getTime() + 60_000);
    const secret = "test-secret-0123456789abcdef0123456789";
    // The owner signed in from this browser before: it holds a device cookie.
    const cookie = issueDeviceCookie(secret, "owner@example.com");
    const deviceNonce = deviceNonceFor(secret, cookie, "owner@example.com");
    expect(deviceNonce).toBeTruthy();
    // A stranger: 5 wrong passwords from 5 addresses, then a sixth, then many more.
    for (let i = 0; i < SIGN_IN_LIMITS.perAccount + 10; i++) {
      await authenticate(t.db, "owner@example.com", `guess-${i}`, { ip: `192.0.2.${i}`, now });
    }
    // The stranger, even with the right password from a new address, is slowed down …
    expect(await authenticate(t.db, "owner@example.com", PASSWORD, { ip: "192.0.2.200", now: later })).toMatchObject({
      ok: false,
      reason: "rate_limited",
    });
    // … but the owner's own browser signs in at once, from any address.
    const owner = await authenticate(t.db, "owner@example.com", PASSWORD, { ip: "192.0.2.201", deviceNonce, now: later });
    expect(owner.ok).toBe(true);
  });

  it("untrusted failures wait longer and longer: 15 minutes, then a day", async () => {
    const now = new Date("2030-05-05T09:00:00Z");
    const step = SIGN_IN_LIMITS.windowSeconds * 1000 + 1000;
    let t0 = now.getTime();
    let last: Awaited<ReturnType<typeof authenticate>> | undefined;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < SIGN_IN_LIMITS.perAccount; i++) {
        last = await authenticate(t.db, "eve@example.com", `guess-${round}-${i}`, { ip: `198.18.${round}.${i}`, now: new Date(t0) });
      }
      t0 += step;
    }
    // 25 failures in ~75 minutes: past the daily allowance, so the wait is now hours, not minutes.
    const blocked = await authenticate(t.db, "eve@example.com", PASSWORD, { ip: "198.18.9.9", now: new Date(t0) });
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(blocked.ok === false && blocked.reason === "rate_limited" && blocked.retryAfterSeconds).toBeGreaterThan(60 * 60);
    expect(last?.ok).toBe(false);
  });

  it("a device cookie has its own small allowance and only for the account it was issued for", async () => {
    const now = new Date("2030-05-06T09:00:00Z");
    const secret = "test-secret-0123456789abcdef0123456789";
    const cookie = issueDeviceCookie(secret, "ana@example.com");
    expect(deviceNonceFor(secret, cookie, "bo@example.com")).toBeNull();
    expect(deviceNonceFor("another-secret-0123456789abcdef01234", cookie, "ana@example.com")).toBeNull();
    expect(deviceNonceFor(secret, cookie.slice(0, -2) + "xx", "ana@example.com")).toBeNull();
    const deviceNonce = deviceNonceFor(secret, cookie, "ana@example.com");
    for (let i = 0; i < SIGN_IN_LIMITS.perDevice; i++) {
      await authenticate(t.db, "ana@example.com", `nope-${i}`, { ip: "10.9.0.1", deviceNonce, now });
    }
    expect(await authenticate(t.db, "ana@example.com", PASSWORD, { ip: "10.9.0.1", deviceNonce, now })).toMatchObject({
      reason: "rate_limited",
    });
  });
});
