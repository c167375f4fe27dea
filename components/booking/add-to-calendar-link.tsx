import { buttonClass } from "@/components/ui/button";

/** Downloads the appointment as an .ics file (a plain link: a file, not a page). */
export function AddToCalendarLink({ href }: { href: string }) {
  return (
    <a href={href} download="appointment.ics" className={buttonClass("secondary")}>
      Add to calendar
    </a>
  );
}
