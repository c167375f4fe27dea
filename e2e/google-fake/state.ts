import { randomBytes } from "node:crypto";
import { CalendarStore, type FakeEvent } from "./store";

/*
 * What the fake Google holds: OAuth grants, codes and tokens, the accounts' calendars, the calls
 * it answered and the faults queued for it. Plain data, so the control endpoint can show it.
 */

export type { FakeEvent };

export type Grant = {
  id: string;
  email: string;
  clientId: string;
  scopes: string[];
  refreshToken: string;
  /** Revoked (by the app or, through the control endpoint, "by the user"): refresh answers invalid_grant. */
  revoked: boolean;
  /** Refresh tokens this grant issued before a rotation that are still honoured. */
  formerRefreshTokens?: string[];
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

export type CallRecord = {
  at: number;
  target: FaultTarget;
  /** Short name kept for older tests: insert, list, get, patch, update, delete, refresh_token… */
  op: string;
  /** The API method, e.g. "events.list", "freebusy.query", "token.refresh_token". */
  method?: string;
  status: number;
  eventId?: string;
  calendarId?: string;
  email?: string;
};

export type FaultTarget = "calendar" | "token" | "userinfo" | "revoke";

export type Fault = {
  target: FaultTarget;
  /** Only this method (e.g. "events.list", "token.refresh_token"); any when unset. */
  method?: string;
  /** Only calls made for this Google account; any when unset. */
  email?: string;
  /** The error status; unset with `delayMs` for a slow but correct answer. */
  status?: number;
  /** e.g. "rateLimitExceeded" for a 403, or "invalid_grant" for a token error. */
  reason?: string;
  /** Wait this long before answering (a timeout for a client with a shorter one). */
  delayMs?: number;
  /** Answer this many matching calls with the fault… */
  remaining?: number;
  /** …or every matching call until this time (ms since epoch). */
  until?: number;
};

export type Rotation = { keepOld: boolean };

export class FakeState {
  grants = new Map<string, Grant>();
  codes = new Map<string, AuthCode>();
  accessTokens = new Map<string, AccessToken>();
  store = new CalendarStore();
  calls: CallRecord[] = [];
  faults: Fault[] = [];
  latencyMs = 0;
  revocations = 0;
  /** Pages of events.list hold at most this many items, whatever maxResults asks for. */
  pageSizeCap: number | null = null;
  /** Accounts (or "*") whose refresh answers a new refresh token. */
  rotation = new Map<string, Rotation>();

  reset() {
    this.grants.clear();
    this.codes.clear();
    this.accessTokens.clear();
    this.store.reset();
    this.calls = [];
    this.faults = [];
    this.latencyMs = 0;
    this.revocations = 0;
    this.pageSizeCap = null;
    this.rotation.clear();
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

  grantForRefreshToken(token: string | null): Grant | undefined {
    return [...this.grants.values()].find((g) => g.refreshToken === token || g.formerRefreshTokens?.includes(token ?? ""));
  }

  /** The first queued fault for this call, consumed by one if it counts calls. */
  takeFault(target: FaultTarget, method?: string, email?: string): Fault | null {
    const now = Date.now();
    this.faults = this.faults.filter((f) => (f.remaining ?? 1) > 0 && (f.until ?? Infinity) > now);
    const f = this.faults.find((x) => x.target === target && (!x.method || x.method === method) && (!x.email || x.email === email));
    if (!f) return null;
    if (f.remaining !== undefined) f.remaining--;
    return f;
  }

  snapshot(email?: string) {
    const cals = [...this.store.calendars.values()].filter((c) => !email || c.owner === email);
    const events = cals.flatMap((c) =>
      [...c.events.values()].map((s): FakeEvent & { calendarEmail: string; calendarId: string } => ({ ...s.ev, calendarEmail: c.owner, calendarId: c.id })),
    );
    const account = email ? this.store.accounts.get(email) : undefined;
    return {
      events,
      calendars: [...this.store.calendars.values()]
        .filter((c) => !email || account?.list.has(c.id))
        .map((c) => ({ id: c.id, summary: c.summary, owner: c.owner, timeZone: c.timeZone, accessRole: account?.list.get(c.id)?.role })),
      calls: email ? this.calls.filter((c) => c.email === email) : this.calls,
      // Scoped like events and calls: journeys running side by side each read their own account.
      grants: [...this.grants.values()].filter((g) => !email || g.email === email).map((g) => ({ email: g.email, scopes: g.scopes, revoked: g.revoked })),
      revocations: this.revocations,
      faults: this.faults,
      latencyMs: this.latencyMs,
    };
  }
}
