import { bookingResponse, slotTakenAnswer } from "@/lib/booking/api";
import { clientIp, readJsonObject } from "@/lib/infra/http";
import { publicApiRoute } from "@/app/api/_lib/public-api-route";

export const dynamic = "force-dynamic";

/**
 * POST /api/providers/[slug]/bookings — a guest booking; cookies are ignored. A taken time
 * (another booking, or busy in Google) is a 409 `{ error, alternatives }` with that day's free times.
 */
export const POST = publicApiRoute<{ slug: string }>(async (db, request, { slug }) => {
  const body = await readJsonObject(request);
  try {
    return Response.json(await bookingResponse(db, slug, body, undefined, clientIp(request)), { status: 201, headers: { "Cache-Control": "no-store" } });
  } catch (e) {
    const taken = await slotTakenAnswer(db, slug, body, e);
    if (taken) return Response.json(taken, { status: 409, headers: { "Cache-Control": "no-store" } });
    throw e;
  }
});
