import { getDb } from "@/lib/runtime";
import { bookingResponse, enforceApiRateLimit } from "@/lib/booking/api";
import { clientIp, errorResponse, readJsonObject } from "@/lib/http";

export const dynamic = "force-dynamic";

/** POST /api/providers/[slug]/bookings — a guest booking; cookies are ignored. */
export async function POST(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  try {
    const db = await getDb();
    await enforceApiRateLimit(db, clientIp(request));
    const { slug } = await params;
    const body = await readJsonObject(request);
    return Response.json(await bookingResponse(db, slug, body), { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    return errorResponse(e);
  }
}
