import type { CalendarSyncStatus } from "@/db/schema";
import { getDb } from "@/lib/app/runtime";
import { isSyncOn, syncStatesFor } from "./integrations";

/** Sync state per appointment for the dashboard list; empty while sync is off or not connected. */
export async function calendarSyncStates(providerId: string, appointmentIds: string[]): Promise<Map<string, CalendarSyncStatus>> {
  const db = await getDb();
  if (!(await isSyncOn(db, providerId))) return new Map();
  return syncStatesFor(db, providerId, appointmentIds);
}
