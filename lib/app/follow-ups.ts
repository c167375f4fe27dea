import type { FollowUps } from "@/lib/booking/write";
import { queueCalendarSync } from "@/lib/calendar/enqueue";
import { queueNotices } from "@/lib/notices/follow-up";
import { syncReminder } from "@/lib/notices/reminders";

/**
 * What follows every appointment write, in its transaction (lib/booking/write.ts runs them in
 * this order). The write path knows none of them; this is the one place that names them all.
 * A new follow-up (a team schedule's feed, say) is a FollowUps member and one line here.
 */
export const APPOINTMENT_FOLLOW_UPS: FollowUps = {
  notices: queueNotices,
  reminder: (tx, change) => syncReminder(tx, change.appointment),
  calendarSync: queueCalendarSync,
};
