"use client";

import { useActionState } from "react";
import { ConfirmConflicts } from "@/components/dashboard/confirm-conflicts";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState, type ActionState } from "@/lib/infra/action-state";

/** Approve or decline one time-off request; over booked appointments, approving asks to confirm first. */
export function RequestDecision({ requestId, label, action }: { requestId: string; label: string; action: (prev: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, initialActionState);
  return (
    <form action={formAction} className="space-y-2">
      <input type="hidden" name="requestId" value={requestId} />
      <ConfirmConflicts errors={state.fieldErrors?.confirmConflicts} label="Approve anyway; I'll resolve these appointments" />
      {state.message && !state.fieldErrors?.confirmConflicts ? (
        <p role="alert" className="text-sm text-red-600">
          {state.message}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <SubmitButton name="decision" value="approve" aria-label={`Approve ${label}`}>
          Approve
        </SubmitButton>
        <SubmitButton name="decision" value="decline" variant="secondary" aria-label={`Decline ${label}`}>
          Decline
        </SubmitButton>
      </div>
    </form>
  );
}
