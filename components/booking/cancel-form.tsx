"use client";

import { useActionState } from "react";
import type { ActionState } from "@/lib/infra/action-state";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { TextArea } from "@/components/ui/field";
import { Flash } from "@/components/ui/flash";

type Action = (state: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * Cancel with an optional reason, for the guest's manage page and the client's portal alike:
 * each page binds its own action (token or id). Asks before it goes, and shows a refusal
 * (e.g. the cancellation window) above the field.
 */
export function CancelForm({ action }: { action: Action }) {
  const [state, formAction] = useActionState(action, {} as ActionState);
  return (
    <form action={formAction} noValidate className="space-y-3">
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}
      <TextArea
        label="Reason (optional)"
        name="reason"
        maxLength={500}
        defaultValue={state.values?.reason ?? ""}
        errors={state.fieldErrors?.reason}
        hint="The business will see this."
      />
      <ConfirmButton confirm="Cancel this appointment? This can't be undone." pendingLabel="Cancelling…">
        Cancel appointment
      </ConfirmButton>
    </form>
  );
}
