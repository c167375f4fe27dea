import { sql } from "drizzle-orm";
import { getDbHandle } from "@/lib/runtime";

export const dynamic = "force-dynamic";

/** Liveness and readiness: answers only once the database answers. */
export async function GET() {
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return Response.json({ ok: true, db: handle.kind });
  } catch (e) {
    console.error("health check failed", e);
    return Response.json({ ok: false }, { status: 503 });
  }
}
