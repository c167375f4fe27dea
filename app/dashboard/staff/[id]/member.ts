import { notFound } from "next/navigation";
import type { Db } from "@/db";
import { isAppError } from "@/lib/infra/errors";
import { getStaffOrThrow } from "@/lib/staff/members";

/** The provider's own member, or the 404 page (another provider's id looks the same as none). */
export async function memberOrNotFound(db: Db, providerId: string, id: string) {
  return getStaffOrThrow(db, providerId, id).catch((e) => {
    if (isAppError(e) && e.code === "NOT_FOUND") notFound();
    throw e;
  });
}
