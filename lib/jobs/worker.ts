import type { Db } from "@/db";
import { deliverMail } from "@/lib/notify/mail";
import { bossFor } from "./boss";
import { QUEUES, type JobData } from "./queues";

/** Registers every queue's handler on this database's queue client. */
export async function startWorkers(db: Db, opts: { pollingIntervalSeconds?: number } = {}): Promise<void> {
  const boss = bossFor(db);
  const polling = { pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 };
  await boss.work<JobData[typeof QUEUES.mail]>(QUEUES.mail, polling, async (jobs) => {
    for (const job of jobs) await deliverMail(db, job.data.messageId);
  });
}
