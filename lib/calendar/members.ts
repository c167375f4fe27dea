import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { providers, staffMembers } from "@/db/schema";
import { isPro } from "@/lib/plans/plans";
import type { ConnectionOwner } from "./owner";

/*
 * A staff member connecting their own calendar: who the signed-in staff login is, and whether
 * they may (an active member of a PRO business). The member comes from the session's user,
 * never from the request, so nobody can act on another member's connection.
 */

export type ConnectingMember = {
  owner: ConnectionOwner & { staffId: string };
  name: string;
  provider: { id: string; plan: "free" | "pro"; proUntil: Date | null; businessName: string; timezone: string };
  /** "ok": may connect; "inactive": deactivated by the business; "lapsed": the business is not PRO. */
  access: "ok" | "inactive" | "lapsed";
};

export async function connectingMember(db: Db, userId: string, now = new Date()): Promise<ConnectingMember | null> {
  const [row] = await db
    .select({
      staffId: staffMembers.id,
      name: staffMembers.name,
      active: staffMembers.active,
      providerId: providers.id,
      plan: providers.plan,
      proUntil: providers.proUntil,
      businessName: providers.businessName,
      timezone: providers.timezone,
    })
    .from(staffMembers)
    .innerJoin(providers, eq(providers.id, staffMembers.providerId))
    .where(eq(staffMembers.userId, userId))
    .limit(1);
  if (!row) return null;
  const provider = { id: row.providerId, plan: row.plan, proUntil: row.proUntil, businessName: row.businessName, timezone: row.timezone };
  return {
    owner: { providerId: row.providerId, staffId: row.staffId },
    name: row.name,
    provider,
    access: !row.active ? "inactive" : !isPro(provider, now) ? "lapsed" : "ok",
  };
}
