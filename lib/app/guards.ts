import "server-only";
import { eq } from "drizzle-orm";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "./auth";
import { getDb } from "./runtime";
import { providers, users, type Provider } from "@/db/schema";
import { hasRole, loginPath, PATH_HEADER, safeNextPath, type Role } from "@/lib/auth/roles";
import { isPro } from "@/lib/plans/plans";
import { hasSessionCookie } from "@/lib/auth/session-cookie";
import { sessionUserColumns } from "@/lib/auth/sessions";

export type { Role } from "@/lib/auth/roles";
export type SessionUser = { id: string; email: string; name: string; role: Role; emailVerified: boolean };

/**
 * The signed-in user, read fresh from the database on each request (once, via React's cache):
 * the JWT only names the user, so a verified email, a deleted account or an ended session
 * (users.session_version, lib/auth/sessions.ts) shows at once.
 */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  if (!hasSessionCookie((await cookies()).getAll())) return null;
  const session = await auth();
  const id = session?.user?.id;
  if (!id || !/^[0-9a-f-]{36}$/i.test(id)) return null;
  const db = await getDb();
  const [row] = await db
    .select(sessionUserColumns)
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  // A token from before the last sign-out, password change or reset no longer counts.
  if (!row || row.sessionVersion !== session.user.sessionVersion) return null;
  return { id: row.id, email: row.email, name: row.name, role: row.role, emailVerified: row.emailVerifiedAt !== null };
});

/** The path being requested (set by proxy.ts); for a server action, the page it was posted from. */
async function currentPath(): Promise<string | null> {
  const h = await headers();
  const fromProxy = safeNextPath(h.get(PATH_HEADER));
  if (fromProxy) return fromProxy;
  const referer = h.get("referer");
  if (!referer) return null;
  try {
    const url = new URL(referer);
    return url.host === h.get("host") ? safeNextPath(`${url.pathname}${url.search}`) : null;
  } catch {
    return null;
  }
}

/** Signed in, else redirect to /login?next=<current path> (works in pages, server actions and route handlers). */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(loginPath(await currentPath()));
  return user;
}

/** Signed in with one of these roles; signed out → /login?next=…; wrong role → a 403 page/response. */
export async function requireRole(role: Role | Role[]): Promise<SessionUser> {
  const user = await requireUser();
  if (!hasRole(user.role, role)) forbidden();
  return user;
}

/** The signed-in provider user and the provider row they own. */
export async function requireProvider(): Promise<{ user: SessionUser; provider: Provider }> {
  const user = await requireRole("provider");
  const provider = await getProviderOwnedBy(user.id);
  if (!provider) forbidden();
  return { user, provider };
}

export type ProFeature = "staff" | "calendar";

/**
 * The signed-in provider, on an active PRO plan. Otherwise (FREE or lapsed) a page, a server
 * action or a replayed POST is sent to the upgrade page naming the feature, having changed nothing.
 */
export async function requirePro(feature: ProFeature): Promise<{ user: SessionUser; provider: Provider }> {
  const ctx = await requireProvider();
  if (!isPro(ctx.provider)) redirect(`/dashboard/upgrade?feature=${feature}`);
  return ctx;
}

const getProviderOwnedBy = cache(async (userId: string): Promise<Provider | null> => {
  const db = await getDb();
  const [row] = await db.select().from(providers).where(eq(providers.ownerId, userId)).limit(1);
  return row ?? null;
});
