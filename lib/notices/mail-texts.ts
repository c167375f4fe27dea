import { changePolicy, contactBusiness } from "@/lib/availability/format";
import type { BookingMailContext } from "@/lib/booking/read";

/**
 * Texts of the booking mails. Plain text only: everything here may contain what a user typed,
 * and plain text cannot be rendered as markup. Times are always written in the provider's
 * zone, with the zone named, because client and provider may be in different zones.
 */

export type MailText = { subject: string; text: string };

export type CancelledBy = "guest" | "client" | "provider";

function formatDateInZone(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: timezone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(instant);
}

function formatTimeInZone(instant: Date, timezone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: timezone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(
    instant,
  );
}

/** "Monday, 2 March 2026, 10:00 (Europe/Berlin)" */
export function formatInZone(instant: Date, timezone: string): string {
  return `${formatDateInZone(instant, timezone)}, ${formatTimeInZone(instant, timezone)} (${timezone})`;
}

/** "Monday, 2 March 2026, 10:00–10:30 (Europe/Berlin)" */
export function formatRangeInZone(start: Date, end: Date, timezone: string): string {
  return `${formatDateInZone(start, timezone)}, ${formatTimeInZone(start, timezone)}–${formatTimeInZone(end, timezone)} (${timezone})`;
}

// Subjects are headers: keep what users typed on one line.
const oneLine = (s: string) => s.replace(/[\r\n\t]+/g, " ").trim();
const subject = (s: string) => oneLine(s).slice(0, 200);

function contactLine(c: BookingMailContext): string {
  return c.providerPhone ? `To change anything else, call ${c.providerName} on ${c.providerPhone}.` : "";
}

function details(c: BookingMailContext): string[] {
  return [
    `Service: ${c.serviceName}`,
    `When: ${formatRangeInZone(c.start, c.end, c.timezone)}`,
    `Where: ${c.providerName}${c.providerAddress ? `, ${c.providerAddress}` : ""}`,
  ];
}

function clientDetails(c: BookingMailContext): string[] {
  return [
    `Client: ${c.clientName}`,
    `Email: ${c.clientEmail}`,
    ...(c.clientPhone ? [`Phone: ${c.clientPhone}`] : []),
    ...(c.notes ? [`Notes: ${c.notes}`] : []),
  ];
}

/**
 * What a mail that offers changes says of them: the cancellation window ("Free to cancel or
 * change until …") and the link; once the window has closed, that it can't be changed online
 * and whom to call — never a link that only says no. `now` is when the mail is written.
 */
function changeLines(c: BookingMailContext, url: string | undefined, kind: "private" | "plain", now: Date): string[] {
  const policy = changePolicy({ start: c.start, windowHours: c.cancellationWindowHours, timezone: c.timezone, now });
  if (!policy.open) {
    return [
      "",
      `${policy.text} ${contactBusiness({ businessName: c.providerName, phone: c.providerPhone, email: c.providerEmail })}`,
      ...(url ? ["Your booking:", url] : []),
    ];
  }
  if (!url) return ["", policy.text];
  // The guest's manage link, said to be a key: it is the only way a guest gets back to the booking.
  const intro = kind === "private" ? "To cancel or reschedule, use this private link (anyone with it can manage the booking):" : "To cancel or reschedule:";
  return ["", policy.text, intro, url];
}

const join = (lines: (string | false | undefined)[]) =>
  lines.filter((l): l is string => typeof l === "string").join("\n") + "\n";

export function bookingConfirmationMail(c: BookingMailContext, opts: { manageUrl: string; now?: Date }): MailText {
  return {
    subject: subject(`Booking confirmed: ${c.serviceName} at ${c.providerName}`),
    text: join([
      `Hello ${c.clientName},`,
      "",
      `your booking with ${c.providerName} is confirmed.`,
      "",
      ...details(c),
      ...changeLines(c, opts.manageUrl, "private", opts.now ?? new Date()),
      "",
      "The appointment is attached as a calendar file.",
      contactLine(c) || undefined,
    ]),
  };
}

/** To the client of an online booking that waits for the provider's approval: no calendar file until it is confirmed. */
export function bookingRequestReceivedMail(c: BookingMailContext, opts: { manageUrl: string; now?: Date }): MailText {
  return {
    subject: subject(`Booking request received: ${c.serviceName} at ${c.providerName}`),
    text: join([
      `Hello ${c.clientName},`,
      "",
      `thank you for your booking request. ${c.providerName} will confirm your appointment, and we will email you when they do. The time is held for you meanwhile.`,
      "",
      ...details(c),
      ...changeLines(c, opts.manageUrl, "private", opts.now ?? new Date()),
      "",
      "Once it is confirmed, you can add the appointment to your calendar from that page.",
      contactLine(c) || undefined,
    ]),
  };
}

/** To the client when the provider confirms a pending booking; the confirmed appointment is attached as a calendar file. */
export function approvalConfirmedMail(c: BookingMailContext, opts: { manageUrl?: string; now?: Date }): MailText {
  return {
    subject: subject(`Confirmed: ${c.serviceName} at ${c.providerName}`),
    text: join([
      `Hello ${c.clientName},`,
      "",
      `${c.providerName} has confirmed your appointment: ${c.serviceName}, ${formatInZone(c.start, c.timezone)}.`,
      c.providerAddress ? `Address: ${c.providerAddress}` : undefined,
      ...changeLines(c, opts.manageUrl, "plain", opts.now ?? new Date()),
      "",
      "The appointment is attached as a calendar file.",
      contactLine(c) || undefined,
      "",
      "See you then!",
    ]),
  };
}

/** To the provider, for an online booking that is pending until they confirm it. */
export function bookingApprovalRequestMail(c: BookingMailContext, opts: { pendingUrl: string }): MailText {
  return {
    subject: subject(`New booking request — please confirm: ${c.serviceName}, ${formatInZone(c.start, c.timezone)}`),
    text: join([
      `New online booking request for ${c.providerName}. It stays pending, holding the time, until you confirm it.`,
      "",
      ...details(c),
      ...clientDetails(c),
      "",
      "Confirm it (or cancel it, with a reason the client sees) on your dashboard:",
      opts.pendingUrl,
    ]),
  };
}

export function bookingProviderNoticeMail(c: BookingMailContext, opts: { dashboardUrl: string; source: string }): MailText {
  const how = opts.source === "online" ? "New online booking" : "New booking";
  return {
    subject: subject(`${how}: ${c.serviceName}, ${formatInZone(c.start, c.timezone)}`),
    text: join([`${how} for ${c.providerName}.`, "", ...details(c), ...clientDetails(c), "", `Dashboard: ${opts.dashboardUrl}`]),
  };
}

export function cancellationClientMail(c: BookingMailContext, opts: { by: CancelledBy; reason?: string | null }): MailText {
  const byProvider = opts.by === "provider";
  return {
    subject: subject(`Cancelled: ${c.serviceName} at ${c.providerName}`),
    text: join([
      `Hello ${c.clientName},`,
      "",
      byProvider
        ? `${c.providerName} has cancelled your appointment.`
        : `your appointment with ${c.providerName} is cancelled, as you asked.`,
      byProvider && opts.reason ? `Reason: ${opts.reason}` : undefined,
      "",
      ...details(c),
      "",
      contactLine(c) || undefined,
    ]),
  };
}

/** To a client whose several upcoming appointments the business cancelled at once (bulk-cancel.ts). */
export function cancellationSummaryClientMail(contexts: BookingMailContext[], opts: { reason?: string | null }): MailText {
  const c = contexts[0]!;
  const n = contexts.length;
  return {
    subject: subject(`Cancelled: ${n === 1 ? "your appointment" : `${n} appointments`} at ${c.providerName}`),
    text: join([
      `Hello ${c.clientName},`,
      "",
      n === 1 ? `${c.providerName} has cancelled your appointment.` : `${c.providerName} has cancelled your ${n} upcoming appointments.`,
      opts.reason ? `Reason: ${opts.reason}` : undefined,
      "",
      ...contexts.map((x) => `- ${x.serviceName}: ${formatRangeInZone(x.start, x.end, x.timezone)}`),
      `Where: ${c.providerName}${c.providerAddress ? `, ${c.providerAddress}` : ""}`,
      "",
      contactLine(c) || undefined,
    ]),
  };
}

export function cancellationProviderMail(
  c: BookingMailContext,
  opts: { by: CancelledBy; reason?: string | null; dashboardUrl: string },
): MailText {
  const who = opts.by === "provider" ? "You cancelled" : `${c.clientName} cancelled`;
  return {
    subject: subject(`Cancelled: ${c.serviceName}, ${formatInZone(c.start, c.timezone)}`),
    text: join([
      `${who} an appointment.`,
      opts.reason ? `Reason: ${opts.reason}` : undefined,
      "",
      ...details(c),
      ...clientDetails(c),
      "",
      `Dashboard: ${opts.dashboardUrl}`,
    ]),
  };
}

export function rescheduleClientMail(
  c: BookingMailContext,
  opts: { by: CancelledBy; oldStart: Date; oldEnd: Date; manageUrl?: string; pending?: boolean; now?: Date },
): MailText {
  return {
    subject: subject(`Rescheduled: ${c.serviceName} at ${c.providerName}`),
    text: join([
      `Hello ${c.clientName},`,
      "",
      opts.by === "provider"
        ? `${c.providerName} has moved your appointment.`
        : `your appointment with ${c.providerName} has been moved, as you asked.`,
      "",
      `Was: ${formatRangeInZone(opts.oldStart, opts.oldEnd, c.timezone)}`,
      `Now: ${formatRangeInZone(c.start, c.end, c.timezone)}`,
      "",
      ...details(c),
      ...changeLines(c, opts.manageUrl, "plain", opts.now ?? new Date()),
      "",
      opts.pending
        ? `${c.providerName} still has to confirm your appointment; we will email you when they do.`
        : "The updated appointment is attached as a calendar file.",
      contactLine(c) || undefined,
    ]),
  };
}

export function rescheduleProviderMail(
  c: BookingMailContext,
  opts: { by: CancelledBy; oldStart: Date; oldEnd: Date; dashboardUrl: string; pending?: boolean },
): MailText {
  const who = opts.by === "provider" ? "You moved" : `${c.clientName} moved`;
  return {
    subject: subject(`Rescheduled: ${c.serviceName}, now ${formatInZone(c.start, c.timezone)}`),
    text: join([
      `${who} an appointment.`,
      "",
      `Was: ${formatRangeInZone(opts.oldStart, opts.oldEnd, c.timezone)}`,
      `Now: ${formatRangeInZone(c.start, c.end, c.timezone)}`,
      "",
      ...details(c),
      ...clientDetails(c),
      "",
      opts.pending ? "This booking is still waiting for you to confirm it." : undefined,
      `Dashboard: ${opts.dashboardUrl}`,
    ]),
  };
}

/** To the client when the provider moves their appointment to another staff member; the time stays. */
export function reassignedClientMail(c: BookingMailContext, opts: { staffName: string; manageUrl?: string; now?: Date }): MailText {
  return {
    subject: subject(`Update: ${c.serviceName} at ${c.providerName}`),
    text: join([
      `Hello ${c.clientName},`,
      "",
      `your appointment at ${c.providerName} is now with ${oneLine(opts.staffName)}. The time stays the same.`,
      "",
      ...details(c),
      ...changeLines(c, opts.manageUrl, "plain", opts.now ?? new Date()),
      contactLine(c) || undefined,
    ]),
  };
}

/** To the staff member an appointment moved away from (to another member, or another member and time). */
export function staffUnassignedMail(c: BookingMailContext, opts: { staffName: string; newStaffName: string | null; start: Date; end: Date }): MailText {
  return {
    subject: subject(`No longer yours: ${c.serviceName}, ${formatInZone(opts.start, c.timezone)}`),
    text: join([
      `Hello ${oneLine(opts.staffName)},`,
      "",
      opts.newStaffName
        ? `${c.providerName} has moved this appointment to ${oneLine(opts.newStaffName)}. You no longer have it.`
        : `${c.providerName} has moved this appointment away from you. You no longer have it.`,
      "",
      `Service: ${c.serviceName}`,
      `When: ${formatRangeInZone(opts.start, opts.end, c.timezone)}`,
      `Client: ${c.clientName}`,
    ]),
  };
}

/** To the staff member whose appointment was cancelled. */
export function staffCancelledMail(c: BookingMailContext, opts: { staffName: string; reason?: string | null }): MailText {
  return {
    subject: subject(`Cancelled: ${c.serviceName}, ${formatInZone(c.start, c.timezone)}`),
    text: join([
      `Hello ${oneLine(opts.staffName)},`,
      "",
      `your appointment with ${c.clientName} has been cancelled. The time is free again.`,
      "",
      ...details(c),
      opts.reason ? `Reason: ${oneLine(opts.reason)}` : undefined,
    ]),
  };
}

/** To the staff member whose appointment moved to another time and stays theirs. */
export function staffRescheduledMail(c: BookingMailContext, opts: { staffName: string; oldStart: Date; oldEnd: Date }): MailText {
  return {
    subject: subject(`Moved: ${c.serviceName}, now ${formatInZone(c.start, c.timezone)}`),
    text: join([
      `Hello ${oneLine(opts.staffName)},`,
      "",
      `your appointment with ${c.clientName} has moved.`,
      "",
      `Was: ${formatRangeInZone(opts.oldStart, opts.oldEnd, c.timezone)}`,
      `Now: ${formatRangeInZone(c.start, c.end, c.timezone)}`,
      "",
      ...details(c),
    ]),
  };
}

/** To the staff member an appointment was assigned to (by "any available" moves or the provider's reassignment). */
export function staffAssignedMail(c: BookingMailContext, opts: { staffName: string }): MailText {
  return {
    subject: subject(`New appointment for you: ${c.serviceName}, ${formatInZone(c.start, c.timezone)}`),
    text: join([
      `Hello ${oneLine(opts.staffName)},`,
      "",
      `${c.providerName} has assigned an appointment to you.`,
      "",
      ...details(c),
      `Client: ${c.clientName}`,
    ]),
  };
}

/** To the client the day before (lib/notices/reminders.ts): the guest's link is in their confirmation. */
export function reminderMail(c: BookingMailContext, opts: { link: string | null; now?: Date }): MailText {
  const policy = changePolicy({ start: c.start, windowHours: c.cancellationWindowHours, timezone: c.timezone, now: opts.now ?? new Date() });
  return {
    subject: subject(`Reminder: ${c.serviceName} at ${c.providerName} tomorrow`),
    text: [
      `Hello ${c.clientName},`,
      "",
      `this is a reminder of your appointment with ${c.providerName}.`,
      "",
      ...details(c),
      "",
      // Inside the window the link could only say no: say whom to call instead.
      ...(policy.open
        ? [
            policy.text,
            opts.link ? `To cancel or reschedule: ${opts.link}` : "To cancel or reschedule, use the private link in your booking confirmation.",
            c.providerPhone ? `To reach ${c.providerName}, call ${c.providerPhone}.` : "",
          ]
        : [`${policy.text} ${contactBusiness({ businessName: c.providerName, phone: c.providerPhone, email: c.providerEmail })}`]),
    ]
      .filter((l, i, all) => l !== "" || all[i - 1] !== "")
      .join("\n"),
  };
}

/** To the client whose appointment now falls outside the business's working time: please pick a new time (the link is a manage link). */
export function rescheduleRequestMail(c: BookingMailContext, opts: { manageUrl: string; message?: string }): MailText {
  return {
    subject: subject(`Please choose a new time: ${c.serviceName} at ${c.providerName}`),
    text: join([
      `Hello ${c.clientName},`,
      "",
      `${c.providerName} can no longer see you at the time you booked and asks you to choose a new time.`,
      "",
      ...details(c),
      opts.message ? "" : undefined,
      opts.message ? `Message from ${c.providerName}: ${opts.message}` : undefined,
      "",
      "Choose a new time (or cancel) with this private link (anyone with it can manage the booking):",
      opts.manageUrl,
      "",
      "Until you do, the appointment stays booked as it is.",
      contactLine(c) || undefined,
    ]),
  };
}
