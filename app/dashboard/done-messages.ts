/*
 * The flash after an appointment action, shared by the list (/dashboard) and the schedule: the
 * actions redirect back with `done=<key>` to whichever page they came from.
 */
export const doneMessages: Record<string, string> = {
  confirm: "Appointment confirmed. The client has been emailed.",
  complete: "Appointment marked as completed.",
  no_show: "Appointment marked as a no-show.",
  undo_no_show: "No-show undone: the appointment is confirmed again.",
  cancel: "Appointment cancelled. The client has been emailed.",
  "cancel-email": "Every upcoming booking made with that email has been cancelled.",
  created: "Appointment booked.",
  recorded: "Visit recorded as completed. No mail was sent.",
  reassign: "Appointment reassigned. The client and the new staff member have been told.",
  reschedule: "Appointment moved to its new time. The client has been told.",
  asked: "The client has been emailed a link to choose a new time. The appointment stays booked until they do.",
  note: "Private note saved.",
  "note-cleared": "Private note removed.",
  kept: "Appointment kept as it is: it is no longer marked as a conflict.",
};
