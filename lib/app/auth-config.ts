import type { NextAuthConfig } from "next-auth";
import { isRole, type Role } from "@/lib/auth/roles";

declare module "next-auth" {
  interface User {
    role?: Role;
    emailVerified?: Date | null;
    sessionVersion?: number;
  }
  interface Session {
    user: { id: string; role: Role; emailVerified: Date | null; name: string; email: string; sessionVersion: number };
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
    emailVerifiedAt?: string | null;
    /** users.session_version at sign-in; the guards refuse the token once the row's is higher. */
    sv?: number;
  }
}

/**
 * The edge-safe half of the Auth.js configuration (no database, no argon2): pages, JWT
 * sessions and the callbacks that carry the user's id, role and verification onto the session.
 * auth.ts adds the Credentials provider and the secret.
 */
export const authConfig = {
  pages: { signIn: "/login" },
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  // Self-hosted behind APP_URL: the Host header is trusted (the proxy in front sets it).
  trustHost: true,
  providers: [],
  callbacks: {
    jwt({ token, user }) {
      // `user` is set only on sign-in: copy what the session needs into the token once.
      if (user) {
        token.sub = user.id;
        token.role = user.role;
        token.emailVerifiedAt = user.emailVerified ? user.emailVerified.toISOString() : null;
        token.sv = user.sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (isRole(token.role)) session.user.role = token.role;
      session.user.emailVerified = token.emailVerifiedAt ? new Date(token.emailVerifiedAt) : null;
      session.user.sessionVersion = typeof token.sv === "number" ? token.sv : -1;
      return session;
    },
  },
} satisfies NextAuthConfig;
