import { randomBytes } from "node:crypto";

/*
 * What the fake Google holds: OAuth grants, codes and tokens, each account's events, the calls
 * it answered and the faults queued for it. Plain data, so the control endpoint can show it.
 */

export type Grant = {
  id: string;
  email: string;
  clientId: string;
  scopes: string[];
  refreshToken: string;
  /** Revoked (by the app or, through the control endpoint, "by the user"): refresh answers invalid_grant. */
  revoked: boolean;
};

export type AuthCode = {
  grantEmail: string;
  clientId: string;
  redirectUri: string;
  challenge: string;
  scopes: string[];
  expiresAt: number;
  used: boolean;
};

export type AccessToken = { grantId: string; expiresAt: number };

export type FakeEvent = {
  [field: string]: unknown;
  id: string;
  status: "confirmed" | "tentative" | "cancelled";
  sequence: number;
  created: string;
  updated: string;
};

export type CallRecord = {
  at: number;
  target: FaultTarget;
  op: string;
  status: number;
  eventId?: string;
  email?: string;
};

export type FaultTarget = "calendar" | "token" | "userinfo" | "revoke";

export type Fault = {
  target: FaultTarget;
  status: number;
  /** e.g. "rateLimitExceeded" for a 403, or "invalid_grant" for a token error. */
  reason?: string;
  /** Answer this many matching calls with the fault… */
  remaining?: number;
  /** …or every matching call until this time (ms since epoch). */
  until?: number;
};

export class FakeState {
  grants = new Map<string, Grant>();
  codes = new Map<string, AuthCode>();
  accessTokens = new Map<string, AccessToken>();
  /** email → eventId → event */
  calendars = new Map<string, Map<string, FakeEvent>>();
  calls: CallRecord[] = [];
  faults: Fault[] = [];
  latencyMs = 0;
  revocations = 0;

  reset() {
    this.grants.clear();
    this.codes.clear();
    this.accessTokens.clear();
    this.calendars.clear();
    this.calls = [];
    this.faults = [];
    this.latencyMs = 0;
    this.revocations = 0;
  }

  calendar(email: string): Map<string, FakeEvent> {
    let c = this.calendars.get(email);
    if (!c) this.calendars.set(email, (c = new Map()));
    return c;
  }

  issueAccessToken(grant: Grant, ttlSeconds = 3600): { token: string; expiresIn: number } {
    const token = `ya29.fake-${randomBytes(24).toString("base64url")}`;
    this.accessTokens.set(token, { grantId: grant.id, expiresAt: Date.now() + ttlSeconds * 1000 });
    return { token, expiresIn: ttlSeconds };
  }

  /** The grant behind a bearer token, if the token is live and the grant not revoked. */
  grantForBearer(header: string | undefined): Grant | null {
    const token = header?.match(/^Bearer (.+)$/i)?.[1];
    if (!token) return null;
    const at = this.accessTokens.get(token);
    if (!at || at.expiresAt < Date.now()) return null;
    const grant = this.grants.get(at.grantId);
    return grant && !grant.revoked ? grant : null;
  }

  /** The first queued fault for this target, consumed by one if it counts calls. */
  takeFault(target: FaultTarget): Fault | null {
    const now = Date.now();
    this.faults = this.faults.filter((f) => (f.remaining ?? 1) > 0 && (f.until ?? Infinity) > now);
    const f = this.faults.find((x) => x.target === target);
    if (!f) return null;
    if (f.remaining !== undefined) f.remaining--;
    return f;
  }

  snapshot(email?: string) {
    const events = [...this.calendars.entries()]
      .filter(([e]) => !email || e === email)
      .flatMap(([e, cal]) => [...cal.values()].map((ev): FakeEvent & { calendarEmail: string } => ({ ...ev, calendarEmail: e })));
    return {
      events,
      calls: email ? this.calls.filter((c) => c.email === email) : this.calls,
      // Scoped like events and calls: journeys running side by side each read their own account.
      grants: [...this.grants.values()].filter((g) => !email || g.email === email).map((g) => ({ email: g.email, scopes: g.scopes, revoked: g.revoked })),
      revocations: this.revocations,
      faults: this.faults,
      latencyMs: this.latencyMs,
    };
  }
}
