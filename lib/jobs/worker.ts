import type { Db } from "@/db";
import { deliverMail } from "@/lib/notify/mail";
import { deliverSms } from "@/lib/notify/sms";
import { sendReminderIfDue, sweepDueReminders } from "@/lib/portal/reminders";
import { bossFor } from "./boss";
import { QUEUES, type JobData } from "./queues";

/** Registers every queue's handler on this database's queue client. */
export async function startWorkers(db: Db, opts: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  const boss = bossFor(db);
  const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 };
  await boss.work<JobData[typeof QUEUES.mail]>(QUEUES.mail, polling, async (jobs) => {
    for (const job of jobs) await deliverMail(db, job.data.messageId);
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
}
