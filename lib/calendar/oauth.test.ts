import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "@/db";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { calendarIntegrations } from "@/db/schema";
import type { GoogleFake } from "@/e2e/google-fake/server";
import { CALENDAR_SCOPE, CALENDARLIST_SCOPE, FREEBUSY_SCOPE, type GoogleConfig } from "./config";
import { disconnectCalendar, getCalendarOverview } from "./integrations";
import { finishConnect, startConnect } from "./oauth";
import { consent, proProvider, startFakeWithConfig } from "@/test/calendar";
import { openTokens } from "./tokens";

describe.each(testDrivers())("Google OAuth connect on %s", (kind) => {
  const t = setUpTestDb(kind);
  let fake: GoogleFake;
  let cfg: GoogleConfig;
  beforeAll(async () => {
    ({ fake, cfg } = await startFakeWithConfig());
  });
  afterAll(async () => {
    await fake.close();
  });

  const integrationCount = async (providerId: string) =>
    (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from calendar_integrations where provider_id = ${providerId}`))[0]!.n;

  it("asks for offline access, consent, PKCE S256 and only the scopes it needs", async () => {
    const f = await proProvider(t.db);
    const { authorizeUrl, cookieValue } = await startConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg });
    const q = new URL(authorizeUrl).searchParams;
    expect(authorizeUrl.startsWith(cfg.authUrl)).toBe(true);
    expect(q.get("access_type")).toBe("offline");
    expect(q.get("prompt")).toBe("consent");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Events we write, availability for conflict checks, the calendar list; never the full `calendar` scope.
    expect(q.get("scope")!.split(" ").sort()).toEqual(["email", "openid", CALENDAR_SCOPE, FREEBUSY_SCOPE, CALENDARLIST_SCOPE].sort());
    expect(cookieValue.split(".")[0]).toBe(q.get("state"));
  });

  it("stores the tokens sealed: the raw table holds no token in plain text", async () => {
    const f = await proProvider(t.db);
    const started = await startConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg });
    const query = await consent(started.authorizeUrl, { email: "Sealed@Gmail.test" });
    const result = await finishConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg, query, cookieValue: started.cookieValue });
    expect(result).toEqual({ ok: true, email: "sealed@gmail.test" });

    const grant = [...fake.state.grants.values()].find((g) => g.email === "sealed@gmail.test")!;
    const accessTokens = [...fake.state.accessTokens.entries()].filter(([, a]) => a.grantId === grant.id).map(([tok]) => tok);
    const raw = JSON.stringify(await queryRows(t.db, sql`select * from calendar_integrations where provider_id = ${f.provider.id}`));
    expect(raw).not.toContain(grant.refreshToken);
    for (const tok of accessTokens) expect(raw).not.toContain(tok);
    expect(raw).not.toContain("ya29");
    const [row] = await t.db.select().from(calendarIntegrations).where(sql`provider_id = ${f.provider.id}`);
    expect(openTokens(row!).refresh_token).toBe(grant.refreshToken);

    const overview = await getCalendarOverview(t.db, f.provider.id);
    expect(overview).toMatchObject({ googleEmail: "sealed@gmail.test", status: "active", syncEnabled: true });
  });

  it("refuses a replayed state, another provider's state and an expired one, storing nothing", async () => {
    const f = await proProvider(t.db);
    const other = await proProvider(t.db);
    const started = await startConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg });
    const query = await consent(started.authorizeUrl, { email: "replay@gmail.test" });

    // Another signed-in provider presenting this state (and even its cookie) gets nothing.
    const foreign = await finishConnect(t.db, { provider: other.provider, userId: other.owner.id, cfg, query, cookieValue: started.cookieValue });
    expect(foreign).toEqual({ ok: false, error: "state" });
    // A state from a different browser (no or another cookie) is refused.
    const noCookie = await finishConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg, query, cookieValue: null });
    expect(noCookie).toEqual({ ok: false, error: "state" });

    const first = await finishConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg, query, cookieValue: started.cookieValue });
    expect(first.ok).toBe(true);
    const replay = await finishConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg, query, cookieValue: started.cookieValue });
    expect(replay).toEqual({ ok: false, error: "state" });
    expect(await integrationCount(other.provider.id)).toBe(0);

    const late = await proProvider(t.db);
    const s2 = await startConnect(t.db, { provider: late.provider, userId: late.owner.id, cfg });
    const q2 = await consent(s2.authorizeUrl, { email: "late@gmail.test" });
    const expired = await finishConnect(
      t.db,
      { provider: late.provider, userId: late.owner.id, cfg, query: q2, cookieValue: s2.cookieValue },
      new Date(Date.now() + 11 * 60_000),
    );
    expect(expired).toEqual({ ok: false, error: "state" });
    expect(await integrationCount(late.provider.id)).toBe(0);
  });

  it("ends denied consent, a missing code, missing scopes, a token error and a FREE provider with a code and nothing stored", async () => {
    const f = await proProvider(t.db);
    const attempt = async (
      over: { decision?: "allow" | "deny"; scopes?: (s: string[]) => string[]; dropCode?: boolean; provider?: typeof f } = {},
    ) => {
      const p = over.provider ?? f;
      const started = await startConnect(t.db, { provider: p.provider, userId: p.owner.id, cfg });
      const query = await consent(started.authorizeUrl, { email: "cases@gmail.test", decision: over.decision, scopes: over.scopes });
      if (over.dropCode) query.code = null;
      return finishConnect(t.db, { provider: p.provider, userId: p.owner.id, cfg, query, cookieValue: started.cookieValue });
    };
    expect(await attempt({ decision: "deny" })).toEqual({ ok: false, error: "denied" });
    expect(await attempt({ dropCode: true })).toEqual({ ok: false, error: "missing_code" });
    const revokedBefore = fake.state.revocations;
    expect(await attempt({ scopes: (s) => s.filter((x) => x !== CALENDAR_SCOPE) })).toEqual({ ok: false, error: "scopes", missing: ["events"] });
    // The partial grant is handed back rather than kept.
    expect(fake.state.revocations).toBe(revokedBefore + 1);
    fake.state.faults.push({ target: "token", status: 400, reason: "invalid_grant", remaining: 1 });
    expect(await attempt()).toEqual({ ok: false, error: "token" });
    const free = await proProvider(t.db, { plan: "free" });
    expect(await attempt({ provider: free })).toEqual({ ok: false, error: "pro_required" });
    const lapsed = await proProvider(t.db, { plan: "pro", proUntil: new Date(Date.now() - 1000) });
    expect(await attempt({ provider: lapsed })).toEqual({ ok: false, error: "pro_required" });
    expect(await integrationCount(f.provider.id)).toBe(0);
    expect(await integrationCount(free.provider.id)).toBe(0);
  });

  it("a wrong PKCE verifier is refused by the token endpoint", async () => {
    const f = await proProvider(t.db);
    const started = await startConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg });
    const query = await consent(started.authorizeUrl, { email: "pkce@gmail.test" });
    const [state] = started.cookieValue.split(".");
    const result = await finishConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg, query, cookieValue: `${state}.wrong-verifier-wrong-verifier-wrong-verifier-00` });
    expect(result).toEqual({ ok: false, error: "token" });
    expect(await integrationCount(f.provider.id)).toBe(0);
  });

  it("disconnect revokes the grant at Google and deletes the stored tokens", async () => {
    const f = await proProvider(t.db);
    const started = await startConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg });
    const query = await consent(started.authorizeUrl, { email: "bye@gmail.test" });
    await finishConnect(t.db, { provider: f.provider, userId: f.owner.id, cfg, query, cookieValue: started.cookieValue });
    const result = await disconnectCalendar(t.db, f.provider.id, cfg);
    expect(result).toEqual({ disconnected: true, revoked: true });
    expect(fake.state.snapshot().grants.find((g) => g.email === "bye@gmail.test")?.revoked).toBe(true);
    expect(await integrationCount(f.provider.id)).toBe(0);
  });
});
