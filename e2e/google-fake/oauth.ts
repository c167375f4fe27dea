import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { apiError, oauthError, sendJson } from "./errors";
import { AUTH, normaliseScopes } from "./scopes";
import type { FakeState, Grant } from "./state";

/*
 * Google's OAuth 2.0 endpoints: consent page (any account: type its email, or pick a known one),
 * token (authorization_code + PKCE, refresh_token; granted scopes in Google's full-URL form,
 * include_granted_scopes merging earlier grants; a refresh may rotate the refresh token when the
 * control API says so), revoke, userinfo and tokeninfo.
 */

export type FakeClient = { clientId: string; clientSecret: string };

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function consentPage(res: ServerResponse, q: URLSearchParams, client: FakeClient, state: FakeState) {
  const problems: string[] = [];
  if (q.get("client_id") !== client.clientId) problems.push("The OAuth client was not found. (invalid_client)");
  if (q.get("response_type") !== "code") problems.push("Unsupported response_type.");
  if (!q.get("redirect_uri")) problems.push("Missing required parameter: redirect_uri");
  if (q.get("code_challenge_method") && q.get("code_challenge_method") !== "S256") problems.push("Invalid code_challenge_method.");
  if (problems.length) {
    res.writeHead(400, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><title>Error 400</title><h1>Access blocked: authorization error</h1><p>${problems.map(esc).join("<br>")}</p>`);
    return;
  }
  const scopes = (q.get("scope") ?? "").split(/\s+/).filter(Boolean);
  const hidden = [...q.entries()].map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`).join("");
  const boxes = scopes
    .map(
      (s, i) =>
        `<div><input type="checkbox" id="scope-${i}" name="granted_scope" value="${esc(s)}" checked> <label for="scope-${i}">${esc(s)}</label></div>`,
    )
    .join("");
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end(`<!doctype html><html lang="en"><head><meta name="viewport" content="width=device-width"><title>Sign in – Google Accounts (fake)</title></head>
<body style="font-family:sans-serif;max-width:30rem;margin:2rem auto;padding:0 1rem">
<h1>Slotbook wants access to your Google Account</h1>
<form method="post" action="/o/oauth2/v2/auth/decision">${hidden}
<p><label for="email">Google account</label><br><input id="email" name="email" type="email" required list="accounts" value="${esc(q.get("login_hint") ?? "owner@gmail.test")}"></p>
<datalist id="accounts">${[...state.store.accounts.keys()].map((e) => `<option value="${esc(e)}">`).join("")}</datalist>
<fieldset><legend>Permissions</legend>${boxes}</fieldset>
<p><button name="decision" value="deny">Deny</button> <button name="decision" value="allow">Allow</button></p>
</form></body></html>`);
}

export function consentDecision(res: ServerResponse, form: URLSearchParams, state: FakeState) {
  res.writeHead(302, { location: decide(form, state).toString() });
  res.end();
}

/** The consent form's outcome: where Google sends the browser back (code or error, and state). */
export function decide(form: URLSearchParams, state: FakeState): URL {
  const redirect = new URL(form.get("redirect_uri")!);
  const st = form.get("state");
  if (form.get("decision") !== "allow") {
    redirect.searchParams.set("error", "access_denied");
  } else {
    const code = `4/fake-${randomBytes(18).toString("base64url")}`;
    const email = (form.get("email") ?? "owner@gmail.test").trim().toLowerCase();
    state.store.ensureAccount(email);
    let granted = normaliseScopes(form.getAll("granted_scope"));
    // Incremental authorization: the new grant also holds what this account gave the client before.
    if (form.get("include_granted_scopes") === "true") {
      const before = [...state.grants.values()].filter((g) => g.email === email && g.clientId === form.get("client_id") && !g.revoked);
      granted = [...new Set([...granted, ...before.flatMap((g) => g.scopes)])];
    }
    state.codes.set(code, {
      grantEmail: email,
      clientId: form.get("client_id")!,
      redirectUri: form.get("redirect_uri")!,
      challenge: form.get("code_challenge") ?? "",
      scopes: granted,
      expiresAt: Date.now() + 60_000,
      used: false,
    });
    redirect.searchParams.set("code", code);
    redirect.searchParams.set("scope", granted.join(" "));
  }
  if (st !== null) redirect.searchParams.set("state", st);
  return redirect;
}

function clientFrom(req: IncomingMessage, form: URLSearchParams): { id: string | null; secret: string | null } {
  const basic = req.headers.authorization?.match(/^Basic (.+)$/i)?.[1];
  if (basic) {
    const [id, secret] = Buffer.from(basic, "base64").toString().split(":");
    return { id: decodeURIComponent(id ?? ""), secret: decodeURIComponent(secret ?? "") };
  }
  return { id: form.get("client_id"), secret: form.get("client_secret") };
}

const fakeIdToken = (email: string, aud: string) => {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  return `${part({ alg: "RS256", kid: "fake" })}.${part({ iss: "https://accounts.google.com", aud, sub: sub(email), email, email_verified: true, iat: now, exp: now + 3600 })}.fake-signature`;
};
const sub = (email: string) => createHash("sha256").update(email).digest("hex").slice(0, 21).replace(/[a-f]/g, (c) => String(c.charCodeAt(0) % 10));

export function token(req: IncomingMessage, res: ServerResponse, form: URLSearchParams, state: FakeState, client: FakeClient) {
  const c = clientFrom(req, form);
  if (c.id !== client.clientId || c.secret !== client.clientSecret) {
    return oauthError(res, 401, "invalid_client", "The OAuth client was not found.");
  }
  const grantType = form.get("grant_type");
  if (grantType === "authorization_code") {
    const code = form.get("code") ?? "";
    const entry = state.codes.get(code);
    if (!entry || entry.used || entry.expiresAt < Date.now() || entry.clientId !== c.id) {
      return oauthError(res, 400, "invalid_grant", "Malformed auth code.");
    }
    entry.used = true;
    if (entry.redirectUri !== form.get("redirect_uri")) return oauthError(res, 400, "redirect_uri_mismatch", "Bad Request");
    const verifier = form.get("code_verifier");
    if (entry.challenge) {
      if (!verifier) return oauthError(res, 400, "invalid_request", "code_verifier or verifier is not needed.");
      const computed = createHash("sha256").update(verifier).digest("base64url");
      if (computed !== entry.challenge) return oauthError(res, 400, "invalid_grant", "Invalid code verifier.");
    }
    const grant = {
      id: randomUUID(),
      email: entry.grantEmail,
      clientId: c.id!,
      scopes: entry.scopes,
      refreshToken: `1//fake-${randomBytes(24).toString("base64url")}`,
      revoked: false,
    };
    state.grants.set(grant.id, grant);
    const at = state.issueAccessToken(grant);
    return sendJson(res, 200, {
      access_token: at.token,
      expires_in: at.expiresIn,
      refresh_token: grant.refreshToken,
      scope: grant.scopes.join(" "),
      token_type: "Bearer",
      ...(grant.scopes.includes("openid") ? { id_token: fakeIdToken(grant.email, c.id!) } : {}),
    });
  }
  if (grantType === "refresh_token") {
    const grant = state.grantForRefreshToken(form.get("refresh_token"));
    if (!grant || grant.revoked || grant.clientId !== c.id) {
      return oauthError(res, 400, "invalid_grant", "Token has been expired or revoked.");
    }
    const at = state.issueAccessToken(grant);
    // Google usually sends no new refresh token on refresh; the control API can make it rotate.
    const rotated = rotate(state, grant);
    return sendJson(res, 200, {
      access_token: at.token,
      expires_in: at.expiresIn,
      scope: grant.scopes.join(" "),
      token_type: "Bearer",
      ...(rotated ? { refresh_token: rotated } : {}),
    });
  }
  return oauthError(res, 400, "unsupported_grant_type", `Invalid grant_type: ${grantType ?? ""}`);
}

function rotate(state: FakeState, grant: Grant): string | null {
  const rule = state.rotation.get(grant.email) ?? state.rotation.get("*");
  if (!rule) return null;
  // Without keepOld the old refresh token dies at once: an app that drops the new one is found out.
  if (rule.keepOld) (grant.formerRefreshTokens ??= []).push(grant.refreshToken);
  grant.refreshToken = `1//fake-${randomBytes(24).toString("base64url")}`;
  return grant.refreshToken;
}

export function revoke(res: ServerResponse, tokenValue: string | null, state: FakeState) {
  const byRefresh = tokenValue ? state.grantForRefreshToken(tokenValue) : undefined;
  const at = tokenValue ? state.accessTokens.get(tokenValue) : undefined;
  const grant = byRefresh ?? (at ? state.grants.get(at.grantId) : undefined);
  if (!grant || grant.revoked) return oauthError(res, 400, "invalid_token", "Token expired or revoked");
  // Revoking either token of a grant revokes the whole grant, as at Google.
  grant.revoked = true;
  state.revocations++;
  for (const [t, a] of state.accessTokens) if (a.grantId === grant.id) state.accessTokens.delete(t);
  sendJson(res, 200, {});
}

export function userinfo(req: IncomingMessage, res: ServerResponse, state: FakeState) {
  const grant = state.grantForBearer(req.headers.authorization);
  if (!grant) return apiError(res, 401);
  if (!grant.scopes.includes(`${AUTH}userinfo.email`)) return sendJson(res, 200, { id: sub(grant.email) });
  sendJson(res, 200, { id: sub(grant.email), email: grant.email, verified_email: true });
}

/** What Google's tokeninfo endpoint says about an access token (its scopes, expiry, account). */
export function tokenInfo(res: ServerResponse, token: string | null, state: FakeState) {
  const at = token ? state.accessTokens.get(token) : undefined;
  const grant = at && at.expiresAt > Date.now() ? state.grants.get(at.grantId) : undefined;
  if (!grant || grant.revoked) return oauthError(res, 400, "invalid_token", "Invalid Value");
  const exp = Math.floor(at!.expiresAt / 1000);
  const email = grant.scopes.includes(`${AUTH}userinfo.email`) ? { email: grant.email, email_verified: "true" } : {};
  sendJson(res, 200, {
    azp: grant.clientId,
    aud: grant.clientId,
    sub: sub(grant.email),
    scope: grant.scopes.join(" "),
    exp: String(exp),
    expires_in: String(Math.max(0, exp - Math.floor(Date.now() / 1000))),
    ...email,
    access_type: "offline",
  });
}
