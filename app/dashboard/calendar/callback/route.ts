import { revalidatePath } from "next/cache";
import type { NextRequest } from "next/server";
import { getDb } from "@/lib/app/runtime";
import { requireProvider, requireUser } from "@/lib/app/guards";
import { calendarPageUrl } from "@/lib/calendar/messages";
import { googleConfig } from "@/lib/calendar/config";
import { connectingMember } from "@/lib/calendar/members";
import { finishConnect, OAUTH_COOKIE, type ConnectError } from "@/lib/calendar/oauth";
import { redirectClearingState } from "../oauth-cookie";

/**
 * GET /dashboard/calendar/callback: Google sends the browser back here, for the business's
 * connection and for a staff member's own alike (operators register one redirect URI). Who is
 * signed in decides whose connection it is: a staff login finishes its own member's flow and
 * lands on /staff/calendar, the provider theirs on /dashboard/calendar. Always redirects there,
 * with ?connected=1 or ?error=<code>; the state cookie is deleted either way.
 */
export async function GET(req: NextRequest) {
  const user = await requireUser();
  const db = await getDb();
  let who: { area: "provider" | "staff"; provider: { id: string; plan: "free" | "pro"; proUntil: Date | null }; staffId: string | null };
  if (user.role === "staff") {
    const member = await connectingMember(db, user.id);
    if (!member || member.access !== "ok") return redirectClearingState(calendarPageUrl({ error: member?.access === "lapsed" ? "pro_required" : "state" }, "staff"));
    who = { area: "staff", provider: member.provider, staffId: member.owner.staffId };
  } else {
    const { provider } = await requireProvider();
    who = { area: "provider", provider, staffId: null };
  }
  const cfg = googleConfig();
  const q = req.nextUrl.searchParams;
  if (!cfg) return redirectClearingState(calendarPageUrl({ error: "not_configured" }, who.area));
  let error: ConnectError | null = null;
  let missing: string[] = [];
  try {
    const result = await finishConnect(db, {
      provider: who.provider,
      userId: user.id,
      staffId: who.staffId,
      cfg,
      query: { code: q.get("code"), state: q.get("state"), error: q.get("error") },
      cookieValue: req.cookies.get(OAUTH_COOKIE)?.value ?? null,
    });
    if (!result.ok) {
      error = result.error;
      missing = result.missing ?? [];
    }
  } catch (e) {
    // Only the error's name: a library error can carry the request, and with it the code.
    console.error("[calendar] connect failed:", (e as Error)?.name ?? "unknown error");
    error = "google";
  }
  revalidatePath(who.area === "staff" ? "/staff/calendar" : "/dashboard/calendar");
  return redirectClearingState(
    error
      ? calendarPageUrl(missing.length ? { error, missing: missing.join(",") } : { error }, who.area)
      : calendarPageUrl({ connected: "1" }, who.area),
  );
}
