import { and, eq, sql } from "drizzle-orm";
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

// A provider whose sync runs: PRO (plan fields).
const PRO = sql`p.plan = 'pro' and (p.pro_until is null or p.pro_until > now())`;

/**
 * The connections whose calendar should hold appointment `a`'s event: active, sync on, and the
 * business's (unless it opted out of members' appointments) or the appointment's member's own.
 * lib/calendar/sync.ts `wantsAppointment` is the same rule.
 */
const TARGET = sql`i.provider_id = a.provider_id and i.status = 'active' and i.sync_enabled
  and (case when i.staff_id is null then (a.staff_id is null or i.copy_staff_appointments) else i.staff_id = a.staff_id end)`;

/**
 * Enqueues the sync of one appointment inside the transaction that changed it, if its
 * provider syncs to a calendar that should hold it or holds it (a reassignment moves it): the
 * job exists if and only if the change commits.
 */
export async function enqueueCalendarSync(tx: Tx, appointmentId: string): Promise<boolean> {
  const rows = await queryRows<{ provider_id: string; targets: string[]; mapped: number }>(
    tx,
    sql`select a.provider_id,
          coalesce((select array_agg(i.id::text) from calendar_integrations i where ${TARGET}), '{}') as targets,
          (select count(*)::int from calendar_event_mappings m where m.appointment_id = a.id and m.provider_id = a.provider_id) as mapped
        from appointments a
        join providers p on p.id = a.provider_id
        where a.id = ${appointmentId} and ${PRO}`,
  );
  const row = rows[0];
  if (!row || (row.targets.length === 0 && Number(row.mapped) === 0)) return false;
  const providerId = row.provider_id;
  await tx
    .update(calendarEventMappings)
    .set({ status: "pending", updatedAt: sql`now()` })
    .where(and(eq(calendarEventMappings.appointmentId, appointmentId), eq(calendarEventMappings.providerId, providerId)));
  if (row.targets.length > 0) {
    await tx
      .insert(calendarEventMappings)
      .values(row.targets.map((integrationId) => ({ appointmentId, providerId, integrationId, eventId: eventIdFor(appointmentId), status: "pending" as const })))
      .onConflictDoNothing({ target: [calendarEventMappings.appointmentId, calendarEventMappings.integrationId] });
  }
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
 * Finds what is out of date and queues it: upcoming appointments a target calendar has no
 * event for yet, mapped ones older than their appointment (failed ones only once the
 * appointment changed again), and upcoming events in a calendar that should no longer hold
 * them (the business stopped taking members' appointments). Used by the backfill on connect,
 * by turning sync back on or changing what the business calendar takes, and by the sweep.
 */
export async function enqueueStaleSyncs(
  db: Db,
  scope: { providerId?: string; limit?: number } = {},
  now = new Date(),
): Promise<number> {
  // A guest's hold (lib/booking/hold.ts) is not an appointment yet: it reaches Google once confirmed.
  const upcoming = sql`a.status <> 'cancelled' and a.hold_until is null and a.ends_at > ${now.toISOString()}::timestamptz`;
  const rows = await queryRows<{ id: string; provider_id: string; missing: string[] }>(
    db,
    sql`select a.id, a.provider_id,
          coalesce((select array_agg(i.id::text) from calendar_integrations i
                    where ${TARGET} and not exists (select 1 from calendar_event_mappings m where m.appointment_id = a.id and m.integration_id = i.id)), '{}') as missing
        from appointments a
        join providers p on p.id = a.provider_id
        where ${PRO}
          ${scope.providerId ? sql`and a.provider_id = ${scope.providerId}` : sql``}
          and exists (select 1 from calendar_integrations i where i.provider_id = a.provider_id and i.status = 'active' and i.sync_enabled)
          and (
            (${upcoming} and exists (select 1 from calendar_integrations i where ${TARGET}
                and not exists (select 1 from calendar_event_mappings m where m.appointment_id = a.id and m.integration_id = i.id)))
            or exists (select 1 from calendar_event_mappings m join calendar_integrations i on i.id = m.integration_id
                where m.appointment_id = a.id and i.status = 'active' and i.sync_enabled
                  and (m.synced_version is null or m.synced_version < a.updated_at)
                  and (m.status <> 'failed' or m.updated_at < a.updated_at))
            or (a.ends_at > ${now.toISOString()}::timestamptz and exists (select 1 from calendar_event_mappings m join calendar_integrations i on i.id = m.integration_id
                where m.appointment_id = a.id and m.event_exists and i.status = 'active' and i.sync_enabled and not (${TARGET})))
          )
        order by a.starts_at
        limit ${scope.limit ?? 5000}`,
  );
  if (rows.length === 0) return 0;
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const pending = chunk.flatMap((r) =>
      r.missing.map((integrationId) => ({ appointmentId: r.id, providerId: r.provider_id, integrationId, eventId: eventIdFor(r.id), status: "pending" as const })),
    );
    if (pending.length > 0) {
      await db
        .insert(calendarEventMappings)
        .values(pending)
        .onConflictDoNothing({ target: [calendarEventMappings.appointmentId, calendarEventMappings.integrationId] });
    }
    await bossFor(db).insert(
      QUEUES.calendarSync,
      chunk.map((r) => ({ data: { appointmentId: r.id }, singletonKey: r.id })),
    );
  }
  return rows.length;
}
