import type { Db } from "@/db";
import { googleConfig, type GoogleConfig } from "@/lib/calendar/config";
import { enqueueBusySyncs, syncBusyTimes } from "@/lib/calendar/busy";
import { enqueueStaleSyncs } from "@/lib/calendar/enqueue";
import { syncAppointment } from "@/lib/calendar/sync";
import { deliverMail } from "@/lib/infra/outbox/mail";
import { deliverSms } from "@/lib/infra/outbox/sms";
import { sendReminderIfDue, sweepDueReminders } from "@/lib/notices/reminders";
import { releaseHold, releaseLapsedHolds } from "@/lib/booking/hold";
import { bossFor } from "@/lib/infra/jobs/boss";
import { purgeExpired } from "@/lib/infra/housekeeping";
import { log } from "@/lib/infra/log";
import { QUEUES, SCHEDULES, queueOptions, type JobData } from "@/lib/infra/jobs/queues";

/*
 * Every job's handler, wired here, in the composition root: lib/infra/jobs only runs the queue,
 * and each capability exports the work (delivery, reminders, calendar sync, housekeeping)
 * without knowing it runs as a job.
 */

const jobLog = log.child({ component: "jobs" });

/** Runs one job's work; a failure is logged with the job's id (pg-boss then retries it). */
async function logged<T>(queue: string, jobId: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    jobLog.warn({ queue, jobId, err }, "job failed; pg-boss retries it with backoff");
    throw err;
  }
}

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
    for (const job of jobs) await logged(QUEUES.mail, job.id, () => deliverMail(db, job.data.messageId));
  });
  await boss.work<JobData[typeof QUEUES.sms]>(QUEUES.sms, polling, async (jobs) => {
    for (const job of jobs) await deliverSms(db, job.data.messageId);
  });
  await boss.work<JobData[typeof QUEUES.reminder]>(QUEUES.reminder, polling, async (jobs) => {
    for (const job of jobs) await sendReminderIfDue(db, job.data.appointmentId);
  });
  // Reminders whose time passed while no worker ran go out now if their appointment is still
  // ahead; the schedule repeats the sweep for anything a lost job left behind.
  await boss.work(QUEUES.reminderSweep, polling, async () => {
    await sweepDueReminders(db);
  });
  await boss.schedule(QUEUES.reminderSweep, "*/5 * * * *");
  await sweepDueReminders(db);
  await boss.work(QUEUES.housekeeping, polling, async (jobs) => {
    for (const job of jobs) {
      const counts = await logged(QUEUES.housekeeping, job.id, () => purgeExpired(db));
      jobLog.info({ queue: QUEUES.housekeeping, jobId: job.id, ...counts }, "housekeeping done");
    }
  });
  // One schedule row per queue in the database: every instance may call this, it is an upsert.
  await boss.schedule(QUEUES.housekeeping, SCHEDULES[QUEUES.housekeeping], {});

  // Booking holds nobody confirmed: each one's delayed job, and a sweep every minute for any a
  // lost job left behind (lib/booking/hold.ts; both idempotent).
  await boss.work<JobData[typeof QUEUES.holdRelease]>(QUEUES.holdRelease, polling, async (jobs) => {
    for (const job of jobs) await logged(QUEUES.holdRelease, job.id, () => releaseHold(db, job.data.appointmentId));
  });
  await boss.work(QUEUES.holdSweep, polling, async (jobs) => {
    for (const job of jobs) await logged(QUEUES.holdSweep, job.id, () => releaseLapsedHolds(db));
  });
  await boss.schedule(QUEUES.holdSweep, SCHEDULES[QUEUES.holdSweep], {});

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

  // Busy times (lib/calendar/busy.ts): one job per connection at a time (stately queue), queued
  // for every connection each minute by the sweep.
  await boss.work<JobData[typeof QUEUES.calendarBusy]>(
    QUEUES.calendarBusy,
    { ...polling, batchSize: 1, localConcurrency: opts.calendarConcurrency ?? 5 },
    async (jobs) => {
      for (const job of jobs) await logged(QUEUES.calendarBusy, job.id, () => syncBusyTimes(db, job.data.integrationId, { cfg }));
    },
  );
  await boss.work(QUEUES.calendarBusySweep, polling, async () => {
    await enqueueBusySyncs(db);
  });
  await boss.schedule(QUEUES.calendarBusySweep, SCHEDULES[QUEUES.calendarBusySweep], {});
}
