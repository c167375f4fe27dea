import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { z } from "zod";
import { authConfig } from "./auth.config";
import { getDb } from "@/lib/runtime";
import { env } from "@/lib/env";
import { authenticate, INVALID_CREDENTIALS_MESSAGE } from "@/lib/auth/authenticate";
import { clientIp } from "@/lib/http";
import { SignInRefused } from "@/lib/auth/sign-in-error";

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1000),
});

/**
 * Auth.js, initialised lazily: the config (and env(), which may generate local secrets) is read
 * on the first request, never at import time, so `next build` can import route modules.
 */
export const { handlers, auth, signIn, signOut } = NextAuth(async () => ({
  ...authConfig,
  secret: env().AUTH_SECRET,
  logger: {
    // A refused sign-in is an answer, not a server error.
    error(error: Error) {
      if (error instanceof CredentialsSignin) return;
      console.error("[auth]", error);
    },
  },
  providers: [
    Credentials({
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, request) {
        const parsed = credentialsSchema.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused("invalid", INVALID_CREDENTIALS_MESSAGE);
        const db = await getDb();
        const result = await authenticate(db, parsed.data.email, parsed.data.password, clientIp(request.headers));
        if (!result.ok) throw new SignInRefused(result.reason, result.message);
        const u = result.user;
        return { id: u.id, email: u.email, name: u.name, role: u.role, emailVerified: u.emailVerifiedAt };
      },
    }),
  ],
}));
