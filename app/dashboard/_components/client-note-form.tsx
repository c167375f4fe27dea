"use client";

import { useActionState } from "react";
import { TextArea } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/infra/action-state";
import { saveClientNoteAction } from "../schedule/actions";

/** The provider's private note on the client, on the details panel; kept as typed when refused. */
export function ClientNoteForm({ appointmentId, clientName, note, back }: { appointmentId: string; clientName: string; note: string; back: string }) {
  const [state, formAction] = useActionState(saveClientNoteAction, initialActionState);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="appointmentId" value={appointmentId} />
      <input type="hidden" name="back" value={back} />
      <TextArea
        id={`client-note-${appointmentId}`}
        label={`Private note on ${clientName}`}
        name="note"
        defaultValue={state.values?.note ?? note}
        errors={state.fieldErrors?.note}
        maxLength={2000}
        rows={3}
        hint="Only you see this: never the client, nor your staff."
      />
      {state.message && !state.fieldErrors?.note ? (
        <p role="alert" className="text-sm text-red-600">
          {state.message}
        </p>
      ) : null}
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save note
      </SubmitButton>
    </form>
  );
}
