import type { Role } from "@/lib/auth/roles";

export type NavItem = { href: string; label: string };

/** Each role's menu in the site header. */
export const navByRole: Record<Role, NavItem[]> = {
  client: [
    { href: "/account", label: "My appointments" },
    { href: "/account/favorites", label: "Favourites" },
    { href: "/account/preferences", label: "Preferences" },
    { href: "/account/settings", label: "Settings" },
  ],
  provider: [
    { href: "/dashboard/schedule", label: "Schedule" },
    { href: "/dashboard", label: "Dashboard" },
    { href: "/dashboard/services", label: "Services" },
    { href: "/dashboard/hours", label: "Hours" },
    { href: "/dashboard/profile", label: "Profile" },
  ],
  staff: [{ href: "/staff", label: "My schedule" }],
};

export const roleLabel: Record<Role, string> = { client: "Client", provider: "Provider", staff: "Staff" };

/** The menu entry for the current path: the longest href that is the path or a parent of it. */
export function activeHref(items: NavItem[], path: string): string | null {
  const pathname = path.split(/[?#]/)[0] ?? path;
  const matches = items.filter((i) => pathname === i.href || pathname.startsWith(`${i.href}/`));
  return matches.sort((a, b) => b.href.length - a.href.length)[0]?.href ?? null;
}
