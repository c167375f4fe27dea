import type { BookingMailContext } from "@/lib/booking/read";
import { formatRangeInZone } from "./mail-texts";
import type { ClientMessageKind } from "./notice-policy";

/*
 * The text-message versions of client notices: one line each, the business's clock with the
 * zone named, like the mails. Plain text; what a user typed stays on one line.
 */

const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, " ").trim();

export function clientNoticeSms(
  kind: ClientMessageKind,
  c: Pick<BookingMailContext, "serviceName" | "providerName" | "timezone" | "start" | "end">,
  opts: { oldStart?: Date; oldEnd?: Date; pending?: boolean; link?: string; staffName?: string | null } = {},
): string {
  const what = oneLine(`${c.serviceName} at ${c.providerName}`);
  const when = formatRangeInZone(c.start, c.end, c.timezone);
  const link = opts.link ? ` ${opts.link}` : "";
  switch (kind) {
    case "confirmation":
      return opts.pending ? `Request received: ${what}, ${when}. We'll text you when it's confirmed.` : `Booked: ${what}, ${when}.${link}`;
    case "reminder":
      return `Reminder: ${what}, ${when}.${link}`;
    case "cancellation":
      return `Cancelled: ${what}, ${when}.`;
    case "reschedule": {
      // A reassignment: same time, another member.
      if (opts.staffName && !opts.oldStart) return `Update: ${what}, ${when} is now with ${oneLine(opts.staffName)}.${link}`;
      const was = opts.oldStart && opts.oldEnd ? ` (was ${formatRangeInZone(opts.oldStart, opts.oldEnd, c.timezone)})` : "";
      return `Moved: ${what}, now ${when}${was}.${link}`;
    }
    case "promotional":
      return what;
  }
}
