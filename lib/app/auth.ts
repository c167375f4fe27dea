import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { cookies } from "next/headers";
import { NextRequest } from "next/server";
import { z } from "zod";
import { authConfig } from "./auth-config";
import { getDb } from "./runtime";
import { env } from "@/lib/infra/env";
import { authenticate, INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/authenticate";
import { clientIp, requestOrigin } from "@/lib/infra/http";
import { currentRequestId, log } from "@/lib/infra/log";
import { SignInRefused } from "@/lib/auth/sign-in-error";
import { normalizeEmail } from "@/lib/auth/email";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE, deviceNonceFor, issueDeviceCookie } from "@/lib/auth/device-cookie";

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

/**
 * Auth.js, initialised lazily: the config (and env(), which may generate local secrets) is read
 * on the first request, never at import time, so `next build` can import route modules.
 */
const authjs = NextAuth(async () => ({
  ...authConfig,
  secret: env().AUTH_SECRET,
  logger: {
    // A refused sign-in is an answer, not a server error.
    error(error: Error) {
      if (error instanceof CredentialsSignin) return;
      // A cookie that does not decrypt (garbage, an old secret) is the client's problem, and
      // the request simply has no session: one line, no stack.
      const type = (error as { type?: unknown }).type;
      if (type === "JWTSessionError") {
        log.warn({ component: "auth", event: "session_cookie_unreadable" }, "session cookie could not be read");
        return;
      }
      // So are posts to /api/auth without the CSRF token and made-up actions (scanners).
      if (type === "MissingCSRF" || type === "UnknownAction") {
        log.warn({ component: "auth", event: "request_refused", type }, "auth request refused");
        return;
      }
      log.error({ component: "auth", err: error }, "auth error");
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused("invalid", INVALID_CREDENTIALS_MESSAGE);
        const db = await getDb();
        const secret = env().AUTH_SECRET;
        const jar = await cookies();
        const email = normalizeEmail(parsed.data.email);
        const deviceNonce = deviceNonceFor(secret, jar.get(DEVICE_COOKIE)?.value, email);
        const result = await authenticate(db, email, parsed.data.password, { ip: clientIp(request.headers), deviceNonce });
        if (!result.ok) {
          if (result.reason === "rate_limited") {
            log.warn(
              { component: "auth", event: "signin_throttled", requestId: await currentRequestId(), trustedDevice: !!deviceNonce, retryAfterSeconds: result.retryAfterSeconds },
              "sign-in throttled",
            );
          }
          throw new SignInRefused(result.reason, result.message);
        }
        // This browser has now proved it knows the password: it keeps its own allowance.
        jar.set(DEVICE_COOKIE, issueDeviceCookie(secret, email), {
          httpOnly: true,
          sameSite: "lax",
          secure: env().APP_URL.startsWith("https://"),
          path: "/",
          maxAge: DEVICE_COOKIE_MAX_AGE,
        });
        const u = result.user;
        return {
          id: u.id,
          email: u.email,
          name: u.name,
          role: u.role,
          emailVerified: u.emailVerifiedAt,
          sessionVersion: u.sessionVersion,
        };
      },
    }),
  ],
}));

export const { auth, signIn, signOut } = authjs;

/**
 * The /api/auth route handlers, given the request at the host the client addressed: Next.js
 * builds a custom server's request URLs from the listening address, so Auth.js redirected to
 * http://0.0.0.0:PORT (issue 20, row 10). The server actions (signIn, signOut) already go by
 * the Host header, as trustHost says.
 */
export const handlers = {
  GET: (req: NextRequest) => authjs.handlers.GET(atRequestedOrigin(req)),
  POST: (req: NextRequest) => authjs.handlers.POST(atRequestedOrigin(req)),
};

function atRequestedOrigin(req: NextRequest): NextRequest {
  const origin = requestOrigin(req.headers, env().APP_URL);
  if (origin === req.nextUrl.origin) return req;
  return new NextRequest(`${origin}${req.nextUrl.pathname}${req.nextUrl.search}`, req);
}
