import type { Db } from "@/db";
import { googleConfig, type GoogleConfig } from "@/lib/calendar/config";
import { enqueueStaleSyncs } from "@/lib/calendar/enqueue";
import { syncAppointment } from "@/lib/calendar/sync";
import { deliverMail } from "@/lib/notify/mail";
import { bossFor } from "./boss";
import { QUEUES, queueOptions, type JobData } from "./queues";

/** Every 5 minutes: reconcile calendar mappings a crash or bug left behind. */
export const CALENDAR_SWEEP_CRON = "*/5 * * * *";

/** Registers every queue's handler on this database's queue client. */
export async function startWorkers(
  db: Db,
  opts: { pollingIntervalSeconds?: number; google?: GoogleConfig | null; calendarConcurrency?: number } = {},
): Promise<void> {
  const boss = bossFor(db);
  const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 };
  await boss.work<JobData[typeof QUEUES.mail]>(QUEUES.mail, polling, async (jobs) => {
    for (const job of jobs) await deliverMail(db, job.data.messageId);
  });

  const cfg = opts.google === undefined ? googleConfig() : opts.google;
  const retryLimit = queueOptions[QUEUES.calendarSync].retryLimit ?? 0;
  // Calls to Google are mostly waiting: a few in flight per process keeps a backfill short.
  await boss.work<JobData[typeof QUEUES.calendarSync]>(
    QUEUES.calendarSync,
    { ...polling, batchSize: 1, localConcurrency: opts.calendarConcurrency ?? 5 },
    async (jobs) => {
      for (const job of jobs) {
        await syncAppointment(db, job.data.appointmentId, { cfg, finalAttempt: job.retryCount >= retryLimit });
      }
    },
  );
  await boss.work(QUEUES.calendarSweep, polling, async () => {
    await enqueueStaleSyncs(db);
  });
  await boss.schedule(QUEUES.calendarSweep, CALENDAR_SWEEP_CRON);
}
