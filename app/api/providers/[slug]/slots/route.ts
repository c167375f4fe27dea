import { slotsResponse } from "@/lib/booking/api";
import { publicApiRoute } from "@/app/api/_lib/public-api-route";

export const dynamic = "force-dynamic";

/** GET /api/providers/[slug]/slots?serviceId=&staffId=&from=YYYY-MM-DD&to=YYYY-MM-DD */
export const GET = publicApiRoute<{ slug: string }>(async (db, request, { slug }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  return Response.json(await slotsResponse(db, slug, query), { headers: { "Cache-Control": "no-store" } });
});
