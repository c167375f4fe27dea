import "server-only";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, eq, gt, isNull, lt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { calendarConflictCalendars, calendarIntegrations, calendarOauthStates } from "@/db/schema";
import { missingScopes, REQUESTED_SCOPES, type GoogleConfig } from "./config";
import { fetchAccountEmail, oauthClient } from "./google";
import { isPro } from "@/lib/plans/plans";
import { enqueueBusySyncs } from "./busy";
import { enqueueStaleSyncs } from "./enqueue";
import { ownedBy } from "./owner";
import { sealTokens } from "./tokens";

/*
 * The OAuth 2.0 authorization-code flow with PKCE (S256). `state` is random, stored only as a
 * hash, bound to the provider, user and (for a member's own calendar) staff member who started
 * the flow, usable once, for 10 minutes; it and the PKCE verifier also travel in an httpOnly
 * cookie, so the callback must come back to the browser that started it. A member's connection
 * comes back through the same callback (one redirect URI): the signed-in member, not the state,
 * says whose it is, and a state another member or the provider started does not match.
 */

export const STATE_TTL_MS = 10 * 60_000;
export const OAUTH_COOKIE = "sb_gcal_oauth";

export type ConnectError =
  | "denied"
  | "state"
  | "missing_code"
  | "pro_required"
  | "token"
  | "scopes"
  | "scopes_kept"
  | "not_configured"
  | "google";

type ProviderRef = { id: string; plan: "free" | "pro"; proUntil: Date | null };

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

export async function startConnect(
  db: Db,
  args: { provider: ProviderRef; userId: string; cfg: GoogleConfig; loginHint?: string; staffId?: string | null },
  now = new Date(),
): Promise<{ authorizeUrl: string; cookieValue: string }> {
  const state = randomBytes(32).toString("base64url");
  const verifier = randomBytes(48).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  // Old, unused states of anyone: cheap to drop here.
  await db.delete(calendarOauthStates).where(lt(calendarOauthStates.expiresAt, now));
  await db.insert(calendarOauthStates).values({
    stateHash: sha256(state),
    providerId: args.provider.id,
    userId: args.userId,
    staffId: args.staffId ?? null,
    expiresAt: new Date(now.getTime() + STATE_TTL_MS),
  });
  const authorizeUrl = oauthClient(args.cfg).generateAuthUrl({
    access_type: "offline",
    prompt: "consent",
    scope: REQUESTED_SCOPES,
    state,
    code_challenge: challenge,
    code_challenge_method: "S256" as never,
    ...(args.loginHint ? { login_hint: args.loginHint } : {}),
  });
  return { authorizeUrl, cookieValue: `${state}.${verifier}` };
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Finishes the flow: checks and consumes `state`, exchanges the code with the PKCE verifier,
 * checks the granted scopes, reads the account's email and stores the tokens sealed; then
 * queues the backfill of upcoming appointments. On any failure nothing is stored.
 */
export async function finishConnect(
  db: Db,
  args: {
    provider: ProviderRef;
    userId: string;
    /** The signed-in member connecting their own calendar; null/absent = the business's. */
    staffId?: string | null;
    cfg: GoogleConfig;
    query: { code?: string | null; state?: string | null; error?: string | null };
    cookieValue?: string | null;
  },
  now = new Date(),
): Promise<{ ok: true; email: string } | { ok: false; error: ConnectError; missing?: ("email" | "events")[] }> {
  const [cookieState, verifier] = (args.cookieValue ?? "").split(".");
  const state = args.query.state ?? "";
  if (!state || !cookieState || !verifier || !sameString(state, cookieState)) return { ok: false, error: "state" };
  const consumed = await db
    .update(calendarOauthStates)
    .set({ usedAt: now })
    .where(
      and(
        eq(calendarOauthStates.stateHash, sha256(state)),
        eq(calendarOauthStates.providerId, args.provider.id),
        eq(calendarOauthStates.userId, args.userId),
        args.staffId ? eq(calendarOauthStates.staffId, args.staffId) : isNull(calendarOauthStates.staffId),
        isNull(calendarOauthStates.usedAt),
        gt(calendarOauthStates.expiresAt, now),
      ),
    )
    .returning({ id: calendarOauthStates.id });
  if (consumed.length === 0) return { ok: false, error: "state" };
  if (args.query.error) return { ok: false, error: args.query.error === "access_denied" ? "denied" : "google" };
  if (!args.query.code) return { ok: false, error: "missing_code" };
  if (!isPro(args.provider, now)) return { ok: false, error: "pro_required" };
  const owner = { providerId: args.provider.id, staffId: args.staffId ?? null };

  const client = oauthClient(args.cfg);
  let tokens;
  try {
    ({ tokens } = await client.getToken({ code: args.query.code, codeVerifier: verifier }));
  } catch {
    return { ok: false, error: "token" };
  }
  if (!tokens.access_token || !tokens.refresh_token) return { ok: false, error: "token" };
  client.setCredentials(tokens);
  const missing = missingScopes(tokens.scope);
  if (missing.length > 0) {
    // Revoking a token revokes the account's whole grant to Slotbook, the working one of an
    // existing connection included: keep it then (issue 20, finding 9). Without one, give the
    // partial grant back rather than keep a token we will not use.
    const [existing] = await db
      .select({ id: calendarIntegrations.id })
      .from(calendarIntegrations)
      .where(ownedBy(owner))
      .limit(1);
    if (existing) return { ok: false, error: "scopes_kept", missing };
    await client.revokeToken(tokens.refresh_token).catch(() => undefined);
    return { ok: false, error: "scopes", missing };
  }
  let email: string | null;
  try {
    email = await fetchAccountEmail(args.cfg, client);
  } catch {
    email = null;
  }
  if (!email) return { ok: false, error: "google" };

  const sealed = sealTokens(owner, { accessToken: tokens.access_token, refreshToken: tokens.refresh_token });
  const values = {
    providerId: args.provider.id,
    staffId: owner.staffId,
    googleEmail: email,
    calendarId: "primary",
    ...sealed,
    accessTokenExpiresAt: tokens.expiry_date ? new Date(tokens.expiry_date) : null,
    scopes: tokens.scope ?? "",
    status: "active" as const,
    syncEnabled: true,
    lastError: null,
    lastErrorAt: null,
    needsReconnectAt: null,
    reconnectNoticeAt: null,
    busyError: null,
    busySyncedAt: null,
    connectedAt: now,
    updatedAt: now,
  };
  const [row] = await db
    .insert(calendarIntegrations)
    .values(values)
    .onConflictDoUpdate(
      owner.staffId
        ? { target: [calendarIntegrations.providerId, calendarIntegrations.staffId], set: values }
        : { target: calendarIntegrations.providerId, targetWhere: sql`${calendarIntegrations.staffId} is null`, set: values },
    )
    .returning({ id: calendarIntegrations.id });
  // A (re)connect reads the conflict calendars afresh: perhaps another account, or a lapse.
  await db.update(calendarConflictCalendars).set({ syncToken: null }).where(eq(calendarConflictCalendars.integrationId, row!.id));
  await enqueueStaleSyncs(db, { providerId: args.provider.id }, now);
  await enqueueBusySyncs(db, { integrationId: row!.id });
  return { ok: true, email };
}
