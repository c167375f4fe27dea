import { revalidatePath } from "next/cache";
import { NextResponse, type NextRequest } from "next/server";
import { getDb } from "@/lib/app/runtime";
import { requireProvider } from "@/lib/app/guards";
import { calendarPageUrl } from "@/lib/calendar/messages";
import { googleConfig } from "@/lib/calendar/config";
import { finishConnect, OAUTH_COOKIE, type ConnectError } from "@/lib/calendar/oauth";

/**
 * GET /dashboard/calendar/callback: Google sends the browser back here. Always redirects to
 * the calendar page, with ?connected=1 or ?error=<code>; the state cookie is deleted either way.
 */
export async function GET(req: NextRequest) {
  const { user, provider } = await requireProvider();
  const cfg = googleConfig();
  const q = req.nextUrl.searchParams;
  let target: string;
  if (!cfg) {
    target = calendarPageUrl({ error: "not_configured" });
  } else {
    let error: ConnectError | null = null;
    let missing: string[] = [];
    try {
      const result = await finishConnect(await getDb(), {
        provider,
        userId: user.id,
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
    target = error
      ? calendarPageUrl(missing.length ? { error, missing: missing.join(",") } : { error })
      : calendarPageUrl({ connected: "1" });
    revalidatePath("/dashboard/calendar");
  }
  const res = NextResponse.redirect(target, 303);
  res.cookies.set(OAUTH_COOKIE, "", { path: "/dashboard/calendar", maxAge: 0 });
  res.headers.set("cache-control", "no-store");
  return res;
}
