import type { Queue } from "pg-boss";

/**
 * Every durable queue. Jobs carry ids, not payloads: the handler reads current state and
 * reconciles, so a retried or late job does the right thing.
 */
export const QUEUES = {
  mail: "mail-send",
  sms: "sms-send",
  reminder: "appointment-reminder",
  reminderSweep: "appointment-reminder-sweep",
  housekeeping: "housekeeping",
  calendarSync: "calendar-sync",
  calendarSweep: "calendar-sweep",
  calendarBusy: "calendar-busy-sync",
  calendarBusySweep: "calendar-busy-sweep",
  holdRelease: "booking-hold-release",
  holdSweep: "booking-hold-sweep",
} as const;

/** Cron schedules (pg-boss `schedule`, UTC): housekeeping at minute 17 of every hour. */
export const SCHEDULES = {
  [QUEUES.housekeeping]: "17 * * * *",
  // Busy times: every connection's calendars are read again every minute (a sync whose job is
  // still queued or running is not queued twice), so a change in Google blocks within 2 minutes.
  [QUEUES.calendarBusySweep]: "* * * * *",
  // Unconfirmed booking holds whose release job was lost (lib/booking/hold.ts).
  [QUEUES.holdSweep]: "* * * * *",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const queueOptions: Record<QueueName, Omit<Queue, "name">> = {
  // SMTP outages: back off from 5 s up to 10 min, for about a day of tries.
  [QUEUES.mail]: { retryLimit: 20, retryDelay: 5, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 120 },
  // SMS gateways fail the same ways mail servers do.
  [QUEUES.sms]: { retryLimit: 20, retryDelay: 5, retryBackoff: true, retryDelayMax: 600, expireInSeconds: 120 },
  [QUEUES.reminder]: { retryLimit: 10, retryDelay: 30, retryBackoff: true, retryDelayMax: 900, expireInSeconds: 120 },
  [QUEUES.reminderSweep]: { retryLimit: 2, retryDelay: 60, expireInSeconds: 300 },
  // Idempotent deletes; a missed run is caught up by the next.
  [QUEUES.housekeeping]: { retryLimit: 2, retryDelay: 60, expireInSeconds: 600 },
  // Google outages and rate limits: 2 s doubling (with jitter) up to 15 min, for about 5 hours.
  // Stately per appointment (singletonKey): one job waits and one runs per appointment.
  [QUEUES.calendarSync]: {
    policy: "stately",
    retryLimit: 25,
    retryDelay: 2,
    retryBackoff: true,
    retryDelayMax: 900,
    expireInSeconds: 120,
  },
  [QUEUES.calendarSweep]: { policy: "singleton", retryLimit: 1, expireInSeconds: 300 },
  // Stately per connection (singletonKey = integration id): across every instance at most one
  // sync of a connection runs and one waits. A failed one is retried soon; the next minute's
  // sweep queues it again anyway.
  [QUEUES.calendarBusy]: { policy: "stately", retryLimit: 3, retryDelay: 10, retryBackoff: true, retryDelayMax: 60, expireInSeconds: 120 },
  [QUEUES.calendarBusySweep]: { policy: "singleton", retryLimit: 0, expireInSeconds: 60 },
  // A conditional update: retried or late, it releases a lapsed hold once and leaves a confirmed one.
  [QUEUES.holdRelease]: { retryLimit: 10, retryDelay: 10, retryBackoff: true, retryDelayMax: 300, expireInSeconds: 60 },
  [QUEUES.holdSweep]: { policy: "singleton", retryLimit: 0, expireInSeconds: 60 },
};

export type JobData = {
  [QUEUES.mail]: { messageId: string };
  [QUEUES.sms]: { messageId: string };
  [QUEUES.reminder]: { appointmentId: string };
  [QUEUES.reminderSweep]: Record<string, never>;
  [QUEUES.housekeeping]: Record<string, never>;
  [QUEUES.calendarSync]: { appointmentId: string };
  [QUEUES.calendarSweep]: Record<string, never>;
  [QUEUES.calendarBusy]: { integrationId: string };
  [QUEUES.calendarBusySweep]: Record<string, never>;
  [QUEUES.holdRelease]: { appointmentId: string };
  [QUEUES.holdSweep]: Record<string, never>;
};
