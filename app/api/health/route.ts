import { connection } from "next/server";
import { sql } from "drizzle-orm";
import { getDbHandle } from "@/lib/runtime";

/** Liveness and readiness: answers only once the database answers. */
export async function GET() {
  await connection(); // per request, never prerendered
  try {
    const handle = await getDbHandle();
    await handle.db.execute(sql`select 1`);
    return Response.json({ ok: true, db: handle.kind });
  } catch (e) {
    console.error("health check failed", e);
    return Response.json({ ok: false }, { status: 503 });
  }
}
