/**
 * Who may enter which area, and where people go after signing in. Pure: no session, no
 * database, so the rules are unit-tested on their own and shared by proxy.ts and the guards.
 */

/** Request header through which proxy.ts tells pages and actions their own path (for ?next=). */
export const PATH_HEADER = "x-slotbook-path";

export const ROLES = ["client", "provider", "staff"] as const;
export type Role = (typeof ROLES)[number];

export const isRole = (v: unknown): v is Role => typeof v === "string" && (ROLES as readonly string[]).includes(v);

/** The signed-in areas and the one role each belongs to. */
const AREAS: { prefix: string; role: Role }[] = [
  { prefix: "/account", role: "client" },
  { prefix: "/dashboard", role: "provider" },
  { prefix: "/staff", role: "staff" },
];

/** Paths that need a session at all (proxy.ts redirects here without a cookie). */
export const PROTECTED_PREFIXES = AREAS.map((a) => a.prefix);

const underPrefix = (path: string, prefix: string) =>
  path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);

/** The role an area path belongs to, or null for a public path. */
export function areaRole(path: string): Role | null {
  return AREAS.find((a) => underPrefix(path, a.prefix))?.role ?? null;
}

export function isProtectedPath(path: string): boolean {
  return areaRole(path) !== null;
}

/** Whether a user with `role` may open `path` (public paths: everyone). */
export function canEnter(role: Role, path: string): boolean {
  const owner = areaRole(path);
  return owner === null || owner === role;
}

export function hasRole(role: Role, allowed: Role | readonly Role[]): boolean {
  return (Array.isArray(allowed) ? allowed : [allowed]).includes(role);
}

/** Where each role lands after signing in or registering. */
export function roleHome(role: Role): string {
  switch (role) {
    case "client":
      return "/account";
    case "provider":
      return "/dashboard";
    case "staff":
      return "/staff";
  }
}

/**
 * A `next` parameter made safe: a same-origin relative path ("/x?y#z") or null. Rejects
 * absolute and protocol-relative URLs ("//evil", "/\evil", which browsers treat as "//evil"),
 * control characters, and the auth pages themselves (no redirect loops).
 */
export function safeNextPath(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length === 0 || raw.length > 2000) return null;
  if (!raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return null;
  if (/[\u0000-\u001f\u007f\\]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw, "http://slotbook.invalid");
  } catch {
    return null;
  }
  if (url.origin !== "http://slotbook.invalid") return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  // Dot segments collapse on parsing ("/.//evil" → "//evil"): the result must still be a
  // same-origin path, never protocol-relative.
  if (!path.startsWith("/") || path.startsWith("//") || /^\/[\\/]/.test(path) || /[\u0000-\u001f\u007f\\]/.test(path)) return null;
  if (["/login", "/register"].some((p) => underPrefix(url.pathname, p)) || url.pathname.startsWith("/api/auth")) return null;
  return path;
}

/** Where to go after signing in: a safe `next` the role may enter, else the role's home. */
export function afterSignInPath(role: Role, next: unknown): string {
  const safe = safeNextPath(next);
  if (safe && canEnter(role, safe)) return safe;
  // A provider signing in lands on the day's team schedule (registration still opens the list,
  // which greets a new business with its empty state and booking page).
  return role === "provider" ? "/dashboard/schedule" : roleHome(role);
}

/** The sign-in page, remembering where the user was going. */
export function loginPath(next?: string | null): string {
  const safe = safeNextPath(next);
  return safe && safe !== "/" ? `/login?next=${encodeURIComponent(safe)}` : "/login";
}
