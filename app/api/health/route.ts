import { sql } from "drizzle-orm";
import { log } from "@/lib/infra/log";
import { getDbHandle } from "@/lib/app/runtime";

export const dynamic = "force-dynamic";

/** Liveness and readiness: answers only once the database answers. */
export async function GET() {
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return Response.json({ ok: true, db: handle.kind });
  } catch (e) {
    log.warn({ component: "health", err: e }, "health check failed: the database does not answer");
    return Response.json({ ok: false }, { status: 503 });
  }
}
