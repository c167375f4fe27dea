import { getDb } from "@/lib/app/runtime";
import { env } from "@/lib/infra/env";
import { unsubscribeWithToken } from "@/lib/notices/unsubscribe";

export const dynamic = "force-dynamic";

/**
 * POST /api/unsubscribe/[token] — spends an unsubscribe token. Two callers: a mail client's
 * RFC 8058 one-click POST (body `List-Unsubscribe=One-Click`, answered 200 with no redirect),
 * and the button on /unsubscribe/[token] (a plain form post, answered 303 back to the page).
 * The token is the whole authority; no cookie is read, so there is nothing to forge.
 */
export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const body = await request.text().catch(() => "");
  const oneClick = new URLSearchParams(body).get("List-Unsubscribe") === "One-Click";
  const result = await unsubscribeWithToken(await getDb(), token);
  if (oneClick) {
    return new Response(result ? "Unsubscribed.\n" : "Unknown link.\n", {
      status: result ? 200 : 404,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const page = new URL(`/unsubscribe/${encodeURIComponent(token)}`, env().APP_URL);
  if (result) page.searchParams.set("done", "1");
  return Response.redirect(page, 303);
}
