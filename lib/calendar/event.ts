import type { calendar_v3 } from "googleapis";
import type { calendarEventView, RowOf } from "@/lib/booking/read";

/** What the event is built from: the appointment as the read model's calendar view shows it now. */
export type EventSource = { appointmentId: string } & Pick<
  RowOf<typeof calendarEventView>,
  "status" | "startsAt" | "endsAt" | "timezone" | "serviceName" | "clientName" | "clientEmail" | "clientPhone" | "notes" | "staffName" | "businessName"
>;

/**
 * The Google event for an appointment: "Service – Client", the details a provider needs in
 * the description, times in the provider's zone, a reminder mail a day before and a popup an
 * hour before, and the appointment id in a private extended property.
 */
export function buildEvent(s: EventSource): calendar_v3.Schema$Event {
  const lines = [
    `Client: ${s.clientName}`,
    s.clientPhone && `Phone: ${s.clientPhone}`,
    `Email: ${s.clientEmail}`,
    s.staffName && `Staff: ${s.staffName}`,
    s.notes && `Notes: ${s.notes}`,
    s.status === "pending" && "Awaiting your approval in Slotbook.",
    `Booked through Slotbook (${s.businessName}).`,
  ].filter(Boolean);
  return {
    summary: `${s.status === "pending" ? "Request: " : ""}${s.serviceName} – ${s.clientName}`,
    description: lines.join("\n"),
    start: { dateTime: s.startsAt.toISOString(), timeZone: s.timezone },
    end: { dateTime: s.endsAt.toISOString(), timeZone: s.timezone },
    status: s.status === "pending" ? "tentative" : "confirmed",
    reminders: {
      useDefault: false,
      overrides: [
        { method: "email", minutes: 24 * 60 },
        { method: "popup", minutes: 60 },
      ],
    },
    extendedProperties: { private: { slotbookAppointmentId: s.appointmentId } },
  };
}
