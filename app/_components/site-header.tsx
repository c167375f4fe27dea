import { getCurrentUser } from "@/lib/app/guards";
import { HeaderBar } from "./header-bar";

/**
 * The site header, read per request: who is signed in. The markup is the client component
 * HeaderBar, so a page's payload carries only these few fields.
 */
export async function SiteHeader() {
  const user = await getCurrentUser();
  return (
    <HeaderBar
      user={user ? { name: user.name, role: user.role, emailVerified: user.emailVerified, email: user.emailVerified ? "" : user.email } : null}
    />
  );
}
