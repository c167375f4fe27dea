import { SubmitButton } from "@/components/ui/submit-button";
import { askToRescheduleAction, keepConflictAction } from "../schedule/actions";

/**
 * The two ways out of a conflict besides reassigning and cancelling (offered beside them):
 * ask the client to choose a new time (they get a mail with a private manage link; the
 * appointment stays until they do), or keep it where it is. Plain form posts.
 */
export function ConflictActions({ appointmentId, clientName, back }: { appointmentId: string; clientName: string; back: string }) {
  const hidden = (
    <>
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <input type="hidden" name="back" value={back} />
    </>
  );
  return (
    <div className="flex flex-wrap items-start gap-2">
      <form action={askToRescheduleAction}>
        {hidden}
        <SubmitButton variant="secondary" pendingLabel="Sending…" aria-label={`Ask to reschedule (${clientName})`}>
          Ask to reschedule
        </SubmitButton>
      </form>
      <form action={keepConflictAction}>
        {hidden}
        <SubmitButton variant="ghost" pendingLabel="Saving…" aria-label={`Keep as it is (${clientName})`}>
          Keep
        </SubmitButton>
      </form>
    </div>
  );
}
