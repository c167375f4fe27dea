import { sql } from "drizzle-orm";
import { queryRows, type Db, type Tx } from "@/db";
import { calendarEventMappings } from "@/db/schema";
import { bossFor, enqueue } from "@/lib/infra/jobs/boss";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { eventIdFor } from "./event-id";

/*
 * Putting sync jobs on the queue. A job carries only the appointment id; the worker reads the
 * appointment as it is then. The queue is "stately" keyed by appointment: at most one job per
 * appointment waits and one runs, so a burst of changes costs one sync.
 */

// A provider whose sync runs: connected, access not revoked, sync on, PRO (plan fields).
const ELIGIBLE = sql`i.status = 'active' and i.sync_enabled and p.plan = 'pro' and (p.pro_until is null or p.pro_until > now())`;

/**
 * Enqueues the sync of one appointment inside the transaction that changed it, if its
 * provider syncs: the job exists if and only if the change commits.
 */
export async function enqueueCalendarSync(tx: Tx, appointmentId: string): Promise<boolean> {
  const rows = await queryRows<{ provider_id: string }>(
    tx,
    sql`select a.provider_id from appointments a
        join providers p on p.id = a.provider_id
        join calendar_integrations i on i.provider_id = a.provider_id
        where a.id = ${appointmentId} and ${ELIGIBLE}`,
  );
  const providerId = rows[0]?.provider_id;
  if (!providerId) return false;
  await tx
    .insert(calendarEventMappings)
    .values({ appointmentId, providerId, eventId: eventIdFor(appointmentId), status: "pending" })
    .onConflictDoUpdate({ target: calendarEventMappings.appointmentId, set: { status: "pending", updatedAt: sql`now()` } });
  await enqueue(tx, QUEUES.calendarSync, { appointmentId }, { singletonKey: appointmentId });
  return true;
}

/**
 * The write path's follow-up (lib/booking/write.ts FOLLOW_UPS): every change of an appointment
 * enqueues its sync. Linking a guest booking to an account changes nothing in the event.
 */
export async function queueCalendarSync(tx: Tx, change: { kind: string; appointment: { id: string } }): Promise<void> {
  if (change.kind === "linked") return;
  await enqueueCalendarSync(tx, change.appointment.id);
}

/**
 * Finds what is out of date and queues it: upcoming appointments never synced, and mapped
 * ones older than their appointment (failed ones only once the appointment changed again).
 * Used by the backfill on connect, by turning sync back on, and by the periodic sweep.
 */
export async function enqueueStaleSyncs(
  db: Db,
  scope: { providerId?: string; limit?: number } = {},
  now = new Date(),
): Promise<number> {
  const rows = await queryRows<{ id: string; provider_id: string }>(
    db,
    sql`select a.id, a.provider_id from appointments a
        join providers p on p.id = a.provider_id
        join calendar_integrations i on i.provider_id = a.provider_id
        left join calendar_event_mappings m on m.appointment_id = a.id
        where ${ELIGIBLE}
          ${scope.providerId ? sql`and a.provider_id = ${scope.providerId}` : sql``}
          and (
            (m.id is null and a.status <> 'cancelled' and a.ends_at > ${now.toISOString()}::timestamptz)
            or (m.id is not null
                and (m.synced_version is null or m.synced_version < a.updated_at)
                and (m.status <> 'failed' or m.updated_at < a.updated_at))
          )
        order by a.starts_at
        limit ${scope.limit ?? 5000}`,
  );
  if (rows.length === 0) return 0;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    await db
      .insert(calendarEventMappings)
      .values(chunk.map((r) => ({ appointmentId: r.id, providerId: r.provider_id, eventId: eventIdFor(r.id), status: "pending" as const })))
      .onConflictDoNothing({ target: calendarEventMappings.appointmentId });
    await bossFor(db).insert(
      QUEUES.calendarSync,
      chunk.map((r) => ({ data: { appointmentId: r.id }, singletonKey: r.id })),
    );
  }
  return rows.length;
}
