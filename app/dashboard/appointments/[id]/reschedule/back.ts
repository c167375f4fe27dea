/*
 * Where the provider's reschedule returns to: the schedule's panel it was opened from, or the
 * appointment list. Only our own two paths are accepted (never another site).
 */

const SCHEDULE = /^\/dashboard\/schedule(\?[A-Za-z0-9=&_.:-]*)?$/;
const LIST = /^\/dashboard(\?[A-Za-z0-9=&_.:-]*)?$/;

/** `back` if it is one of our paths, else the list. */
export function safeBack(back: unknown): string {
  return typeof back === "string" && (SCHEDULE.test(back) || LIST.test(back)) ? back : "/dashboard";
}

/** The way back with the "moved" flash. */
export function rescheduledHref(back: string): string {
  const to = safeBack(back);
  return `${to}${to.includes("?") ? "&" : "?"}done=reschedule`;
}
