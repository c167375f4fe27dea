import type { MessageLogEntry } from "@/lib/notices/message-log";
import { zonedDate, zonedTime } from "@/lib/availability";
import { formatLongDate } from "@/lib/availability/format";

/** What each message was about, in the provider's words. */
const KIND_LABELS: Record<string, string> = {
  booking_confirmed: "Confirmation",
  booking_requested: "Request received",
  approved: "Confirmation",
  reminder: "Reminder",
  rescheduled: "Change of time",
  reassigned: "Change of staff member",
  cancelled: "Cancellation",
  reschedule_request: "Please choose a new time",
  provider_new_booking: "New booking",
  provider_approval_requested: "Booking request",
  provider_cancelled: "Cancellation",
  provider_rescheduled: "Change of time",
  staff_assigned: "Assigned",
  staff_unassigned: "Moved to a colleague",
  staff_cancelled: "Cancellation",
  staff_rescheduled: "Change of time",
};

const RECIPIENTS = { client: "client", provider: "you", staff: "staff member" } as const;

const SKIPS = {
  preferences: "not sent: turned off in the client's preferences",
  unsubscribed: "not sent: the client unsubscribed",
  no_phone: "not sent: no phone number",
} as const;

function stateText(m: MessageLogEntry): string {
  if (m.state === "skipped") return SKIPS[m.skipped ?? "preferences"];
  if (m.state === "failed") return m.error ? `failed (${m.error})` : "failed";
  return m.state === "queued" ? "waiting to send" : "sent";
}

const TONES = { sent: "text-emerald-800", queued: "text-slate-700", failed: "text-red-700", skipped: "text-amber-800" } as const;

/** The appointment's messages on its details panel: what was sent to whom, and what became of it. */
export function MessageLog({ messages, timezone }: { messages: MessageLogEntry[]; timezone: string }) {
  return (
    <section aria-labelledby="message-log-title" className="rounded-md bg-white p-3 text-sm ring-1 ring-inset ring-slate-200">
      <h3 id="message-log-title" className="font-semibold text-slate-900">
        Messages
      </h3>
      {messages.length === 0 ? (
        <p className="text-slate-600">No messages about this appointment yet.</p>
      ) : (
        <ul className="mt-1 space-y-1" aria-label="Messages about this appointment">
          {messages.map((m) => (
            <li key={m.id} className="break-words">
              <span className="font-medium text-slate-900">{KIND_LABELS[m.kind] ?? "Message"}</span>{" "}
              <span className="text-slate-700">
                {m.channel === "sms" ? "text" : "email"} to {RECIPIENTS[m.recipient]}
              </span>
              {" · "}
              <span className={TONES[m.state]}>{stateText(m)}</span>{" "}
              <span className="text-xs text-slate-500">
                <time dateTime={m.at.toISOString()}>
                  {formatLongDate(zonedDate(m.at, timezone))}, {zonedTime(m.at, timezone)}
                </time>
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
