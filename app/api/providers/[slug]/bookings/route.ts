import { bookingResponse } from "@/lib/booking/api";
import { clientIp, readJsonObject } from "@/lib/infra/http";
import { publicApiRoute } from "@/app/api/_lib/public-api-route";

export const dynamic = "force-dynamic";

/** POST /api/providers/[slug]/bookings — a guest booking; cookies are ignored. */
export const POST = publicApiRoute<{ slug: string }>(async (db, request, { slug }) => {
  const body = await readJsonObject(request);
  return Response.json(await bookingResponse(db, slug, body, undefined, clientIp(request)), { status: 201, headers: { "Cache-Control": "no-store" } });
});
