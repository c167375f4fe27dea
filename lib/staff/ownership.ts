import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { staffMembers } from "@/db/schema";
import { AppError } from "@/lib/infra/errors";
import { isUuid } from "@/lib/infra/validation";

/** Ownership in the WHERE: this member of this provider. */
export const ownMember = (providerId: string, staffId: string) =>
  and(eq(staffMembers.id, staffId), eq(staffMembers.providerId, providerId));

/** Goes on only when the member exists and is the provider's own; anything else is NOT_FOUND. */
export async function assertOwnMemberOrThrow(db: DbOrTx, providerId: string, staffId: string): Promise<void> {
  if (!isUuid(staffId)) throw new AppError("NOT_FOUND");
  const [member] = await db.select({ id: staffMembers.id }).from(staffMembers).where(ownMember(providerId, staffId));
  if (!member) throw new AppError("NOT_FOUND");
}
