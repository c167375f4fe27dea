import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GoogleFake } from "./server";
import { calendarFor, control, failure, oauthClient, signIn, startFake, type Session } from "./testing";

const slot = { start: { dateTime: "2030-07-08T09:00:00Z" }, end: { dateTime: "2030-07-08T10:00:00Z" } };
const window = { timeMin: "2030-07-08T00:00:00Z", timeMax: "2030-07-09T00:00:00Z", items: [{ id: "primary" }] };

describe("fake Google: failure injection", () => {
  let fake: GoogleFake;
  let a: Session;
  let b: Session;
  beforeAll(async () => {
    fake = await startFake();
    a = await signIn(fake, "limited@gmail.test");
    b = await signIn(fake, "bystander@gmail.test");
  });
  afterAll(async () => {
    await fake.close();
  });

  it("403 rateLimitExceeded on one method of one account, in Google's body, for as many calls as asked", async () => {
    await control(fake, "/_control/faults", { method: "events.list", email: "limited@gmail.test", status: 403, reason: "rateLimitExceeded", count: 2 });
    // Another account, and another method of the same account, are untouched.
    expect((await b.calendar.events.list({ calendarId: "primary" })).status).toBe(200);
    expect((await a.calendar.calendarList.list()).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const f = await failure(a.calendar.events.list({ calendarId: "primary" }));
      expect(f.status).toBe(403);
      expect(f.body.error).toMatchObject({
        code: 403,
        message: "Rate Limit Exceeded",
        errors: [{ message: "Rate Limit Exceeded", domain: "usageLimits", reason: "rateLimitExceeded" }],
      });
      expect(f.body.error.details![0]!.reason).toBe("RATE_LIMIT_EXCEEDED");
    }
    expect((await a.calendar.events.list({ calendarId: "primary" })).status).toBe(200);
  });

  it("userRateLimitExceeded, 429, 500 and 503 on any method; a refused write writes nothing", async () => {
    await control(fake, "/_control/faults", { method: "events.insert", email: "limited@gmail.test", status: 403, reason: "userRateLimitExceeded", count: 1 });
    const user = await failure(a.calendar.events.insert({ calendarId: "primary", requestBody: { id: "limited0001", ...slot } }));
    expect(user.body.error.errors).toEqual([{ message: "User Rate Limit Exceeded", domain: "usageLimits", reason: "userRateLimitExceeded" }]);
    expect((await failure(a.calendar.events.get({ calendarId: "primary", eventId: "limited0001" }))).status).toBe(404);

    await control(fake, "/_control/faults", { method: "freebusy.query", email: "limited@gmail.test", status: 429, count: 1 });
    const tooMany = await failure(a.calendar.freebusy.query({ requestBody: window }));
    expect(tooMany.status).toBe(429);
    expect(tooMany.body.error.errors[0]).toEqual({ message: "Rate Limit Exceeded", domain: "usageLimits", reason: "rateLimitExceeded" });
    expect(tooMany.headers["retry-after"]).toBe("1");

    await control(fake, "/_control/faults", { method: "calendarList.list", email: "limited@gmail.test", status: 500, count: 1 });
    const backend = await failure(a.calendar.calendarList.list());
    expect([backend.status, backend.body.error.errors[0]!.reason]).toEqual([500, "backendError"]);

    await a.calendar.events.insert({ calendarId: "primary", requestBody: { id: "limited0002", ...slot } });
    await control(fake, "/_control/faults", { method: "events.patch", email: "limited@gmail.test", status: 503, forMs: 60_000 });
    const down = await failure(a.calendar.events.patch({ calendarId: "primary", eventId: "limited0002", requestBody: { summary: "x" } }));
    expect([down.status, down.body.error.message]).toEqual([503, "The service is currently unavailable."]);
    expect((await a.calendar.events.get({ calendarId: "primary", eventId: "limited0002" })).data.summary).toBeUndefined();
    await control(fake, "/_control/reset-faults");
  });

  it("a delay makes a client with a shorter timeout give up, while the write still lands (as at Google)", async () => {
    await control(fake, "/_control/faults", { method: "events.insert", email: "limited@gmail.test", delayMs: 800, count: 1 });
    const impatient = calendarFor(fake, a.auth, 200);
    const started = Date.now();
    await expect(impatient.events.insert({ calendarId: "primary", requestBody: { id: "latelanded01", ...slot } })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(800);
    await new Promise((r) => setTimeout(r, 900));
    expect((await a.calendar.events.get({ calendarId: "primary", eventId: "latelanded01" })).data.status).toBe("confirmed");
  });

  it("invalid_grant on refresh for one account, once; the refresh after it succeeds", async () => {
    await control(fake, "/_control/faults", { method: "token.refresh_token", email: "limited@gmail.test", status: 400, reason: "invalid_grant", count: 1 });
    await control(fake, "/_control/expire-tokens", { email: "limited@gmail.test" });
    a.auth.setCredentials({ ...a.auth.credentials, expiry_date: Date.now() - 1000 });
    const f = await failure(a.calendar.events.list({ calendarId: "primary" }));
    expect(f.status).toBe(400);
    expect(f.body).toEqual({ error: "invalid_grant", error_description: "Token has been expired or revoked." });
    // The other account's token was not expired and its calls go on.
    expect((await b.calendar.events.list({ calendarId: "primary" })).status).toBe(200);
    expect((await a.calendar.events.list({ calendarId: "primary" })).status).toBe(200);
  });

  it("a rotating refresh answers a new refresh token (seen in the 'tokens' event); the old one then fails", async () => {
    const s = await signIn(fake, "rotate@gmail.test");
    const oldToken = s.refreshToken;
    await control(fake, "/_control/refresh-rotation", { email: "rotate@gmail.test" });
    const seen: (string | null | undefined)[] = [];
    s.auth.on("tokens", (t) => seen.push(t.refresh_token));
    s.auth.setCredentials({ ...s.auth.credentials, expiry_date: Date.now() - 1000 });
    expect((await s.calendar.events.list({ calendarId: "primary" })).status).toBe(200);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatch(/^1\/\/fake-/);
    expect(seen[0]).not.toBe(oldToken);
    // google-auth-library keeps the old refresh token in its credentials: only the event has the new one.
    expect(s.auth.credentials.refresh_token).toBe(oldToken);

    const stale = oauthClient(fake);
    stale.setCredentials({ refresh_token: oldToken });
    const f = await failure(stale.getAccessToken());
    expect(f.body).toMatchObject({ error: "invalid_grant" });
    const fresh = oauthClient(fake);
    fresh.setCredentials({ refresh_token: seen[0]! });
    expect((await fresh.getAccessToken()).token).toMatch(/^ya29\./);
    await control(fake, "/_control/refresh-rotation", { email: "rotate@gmail.test", enabled: false });
  });

  it("refuses a fault without a lifetime", async () => {
    const res = await fetch(`${fake.url}/_control/faults`, { method: "POST", body: JSON.stringify({ method: "events.list", status: 500 }) });
    expect(res.status).toBe(400);
  });
});
