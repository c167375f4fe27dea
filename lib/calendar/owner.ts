import { and, eq, isNull, type SQL } from "drizzle-orm";
import { calendarIntegrations } from "@/db/schema";

/*
 * Whose connection: the business's own (staffId null, one per provider) or a staff member's own
 * (one per member). Every read and write of calendar_integrations by owner goes through
 * `ownedBy`, so business code never reaches a member's connection, nor a member's another's.
 */

export type ConnectionOwner = { providerId: string; staffId: string | null };

export const business = (providerId: string): ConnectionOwner => ({ providerId, staffId: null });

/** The WHERE of one owner's connection: the provider always, and the member or "no member". */
export function ownedBy(owner: ConnectionOwner): SQL {
  return and(
    eq(calendarIntegrations.providerId, owner.providerId),
    owner.staffId === null ? isNull(calendarIntegrations.staffId) : eq(calendarIntegrations.staffId, owner.staffId),
  )!;
}
