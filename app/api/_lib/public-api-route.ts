import { getDb } from "@/lib/app/runtime";
import { enforceApiRateLimit } from "@/lib/booking/api";
import { clientIp, errorResponse } from "@/lib/infra/http";

type RouteDb = Awaited<ReturnType<typeof getDb>>;

/**
 * A handler of the public JSON API (no cookies): the request counts against the caller's
 * per-minute allowance before anything is read, and any error is answered as JSON with its
 * status (lib/infra/http.ts errorResponse), never as a page.
 */
export function publicApiRoute<Params>(handle: (db: RouteDb, request: Request, params: Params) => Promise<Response>) {
  return async (request: Request, { params }: { params: Promise<Params> }): Promise<Response> => {
    try {
      const db = await getDb();
      await enforceApiRateLimit(db, clientIp(request));
      return await handle(db, request, await params);
    } catch (e) {
      return errorResponse(e);
    }
  };
}
