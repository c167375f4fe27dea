import { describe, expect, it } from "vitest";
import { appointmentIcs, foldLine, icsText } from "./ics";

const event = {
  id: "0b8f3c1e-2d4a-4e6b-8c9d-0123456789ab",
  start: new Date("2026-03-03T09:00:00Z"),
  end: new Date("2026-03-03T09:30:00Z"),
  summary: "Haircut – Studio, Berlin; Mitte",
  description: "Line one\nLine two with a \\ backslash",
  location: "Hauptstraße 1, Berlin",
  stamp: new Date("2026-03-02T08:00:00.123Z"),
};

/** RFC 5545 §3.1 unfolding. */
const unfold = (s: string) => s.replace(/\r\n /g, "");

describe("appointmentIcs", () => {
  it("writes one VEVENT with UTC times, a stable UID and CRLF line endings", () => {
    const ics = appointmentIcs(event);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(ics.endsWith("END:VEVENT\r\nEND:VCALENDAR\r\n")).toBe(true);
    expect(ics.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const lines = unfold(ics).split("\r\n");
    expect(lines).toContain(`UID:${event.id}@slotbook`);
    expect(lines).toContain("DTSTART:20260303T090000Z");
    expect(lines).toContain("DTEND:20260303T093000Z");
    expect(lines).toContain("DTSTAMP:20260302T080000Z");
  });

  it("escapes commas, semicolons, backslashes and newlines in text", () => {
    const lines = unfold(appointmentIcs(event)).split("\r\n");
    expect(lines).toContain("SUMMARY:Haircut – Studio\\, Berlin\\; Mitte");
    expect(lines).toContain("DESCRIPTION:Line one\\nLine two with a \\\\ backslash");
    expect(lines).toContain("LOCATION:Hauptstraße 1\\, Berlin");
    expect(icsText("a\r\nb\rc")).toBe("a\\nb\\nc");
  });

  it("folds long lines at 75 octets without splitting a UTF-8 character", () => {
    const long = `DESCRIPTION:${"ü€".repeat(60)}`;
    const folded = foldLine(long);
    const physical = folded.split("\r\n");
    expect(physical.length).toBeGreaterThan(1);
    for (const line of physical) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
    for (const line of physical.slice(1)) expect(line.startsWith(" ")).toBe(true);
    expect(unfold(folded)).toBe(long);
    expect(folded).not.toContain("\uFFFD");
    expect(foldLine("SHORT:x")).toBe("SHORT:x");

    const ics = appointmentIcs({ ...event, description: "x".repeat(500) });
    for (const line of ics.split("\r\n")) expect(Buffer.byteLength(line, "utf8")).toBeLessThanOrEqual(75);
  });
});
