import "server-only";
import { getDb } from "@/lib/runtime";
import { usesStaff } from "./booking";
import { listBookableStaff, type BookableMember } from "./members";

/** What the booking page's staff step needs: whether it applies (PRO, someone provides the service) and who. */
export async function loadStaffStep(providerId: string, serviceId: string, now: Date): Promise<{ staffMode: boolean; team: BookableMember[] }> {
  const db = await getDb();
  const staffMode = await usesStaff(db, providerId, serviceId, now);
  return { staffMode, team: staffMode ? await listBookableStaff(db, providerId, serviceId) : [] };
}
