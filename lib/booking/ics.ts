import { mailParties, type AppointmentView, type MailParties } from "./read";

/**
 * A minimal RFC 5545 calendar with one event. Written by hand rather than with the `ics`
 * package: it is thirty lines, and the rules that matter here (UTC times, text escaping,
 * CRLF, folding at 75 octets without splitting a UTF-8 character) are tested in ics.test.ts.
 */
export type IcsEvent = {
  id: string;
  start: Date;
  end: Date;
  summary: string;
  description: string;
  location: string;
  /** Bumped on each change so calendars replace the earlier copy (same UID). */
  sequence?: number;
  /** TENTATIVE while the provider has yet to confirm it. */
  status?: "CONFIRMED" | "TENTATIVE" | "CANCELLED";
  /** DTSTAMP; defaults to now. */
  stamp?: Date;
};

export function appointmentIcs(a: IcsEvent): string {
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Slotbook//Bookings//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${a.id}@slotbook`,
    `DTSTAMP:${icsUtc(a.stamp ?? new Date())}`,
    `DTSTART:${icsUtc(a.start)}`,
    `DTEND:${icsUtc(a.end)}`,
    `SEQUENCE:${a.sequence ?? 0}`,
    `STATUS:${a.status ?? "CONFIRMED"}`,
    `SUMMARY:${icsText(a.summary)}`,
    `DESCRIPTION:${icsText(a.description)}`,
    `LOCATION:${icsText(a.location)}`,
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return lines.map(foldLine).join("\r\n") + "\r\n";
}

/** The appointment as a calendar event: the file a confirmation attaches and a download serves. */
export function appointmentIcsFor(
  p: MailParties,
  opts: { sequence: number; manageLink?: string; cancelled?: boolean; tentative?: boolean },
): string {
  const c = p.context;
  const description = [
    `${c.serviceName} with ${c.providerName}`,
    c.providerPhone ? `Phone: ${c.providerPhone}` : "",
    opts.manageLink ? `Manage your booking: ${opts.manageLink}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  return appointmentIcs({
    id: p.appointmentId,
    start: c.start,
    end: c.end,
    summary: `${c.serviceName} – ${c.providerName}`,
    description,
    location: c.providerAddress || c.providerName,
    sequence: opts.sequence,
    status: opts.cancelled ? "CANCELLED" : opts.tentative ? "TENTATIVE" : "CONFIRMED",
  });
}

/** The appointment as the .ics its owner downloads: TENTATIVE while pending, CANCELLED once cancelled. */
export function appointmentDownload(view: AppointmentView, manageLink: string): string {
  return appointmentIcsFor(mailParties(view), {
    sequence: icsSequence(view.updatedAt),
    manageLink,
    cancelled: view.status === "cancelled",
    tentative: view.status === "pending",
  });
}

/** A SEQUENCE that grows with each change of the row: seconds from 2020 to its `updatedAt`. */
export function icsSequence(updatedAt: Date): number {
  return Math.max(0, Math.floor((updatedAt.getTime() - Date.UTC(2020, 0, 1)) / 1000));
}

/** 2026-03-02T09:00:00.000Z → 20260302T090000Z */
export function icsUtc(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "");
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and newlines. */
export function icsText(s: string): string {
  return s
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a content line so no physical line exceeds 75 octets; continuations start with a space. */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const size = encoder.encode(ch).length;
    if (octets + size > 75) {
      parts.push(current);
      current = " ";
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n");
}
