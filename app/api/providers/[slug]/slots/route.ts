import { getDb } from "@/lib/runtime";
import { enforceApiRateLimit, slotsResponse } from "@/lib/booking/api";
import { clientIp, errorResponse } from "@/lib/http";

export const dynamic = "force-dynamic";

/** GET /api/providers/[slug]/slots?serviceId=&staffId=&from=YYYY-MM-DD&to=YYYY-MM-DD */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const db = await getDb();
    await enforceApiRateLimit(db, clientIp(request));
    const { slug } = await params;
    const query = Object.fromEntries(new URL(request.url).searchParams);
    return Response.json(await slotsResponse(db, slug, query), { headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
