import { buttonClass } from "@/components/ui/button";

/** Downloads the appointment as an .ics file (a plain link: a file, not a page). */
export function AddToCalendarLink({ token }: { token: string }) {
  return (
    <a href={`/api/bookings/${encodeURIComponent(token)}/ics`} download="appointment.ics" className={buttonClass("secondary")}>
      Add to calendar
    </a>
  );
}
