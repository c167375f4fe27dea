"use client";

import { useActionState } from "react";
import { EmailField } from "@/components/ui/field";
import { Flash } from "@/components/ui/flash";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState, type ActionState } from "@/lib/infra/action-state";

/**
 * "Email me a link" (forgot password, find my booking): one email field; after sending, the
 * action's one answer in place of the form. The action comes from emailLinkAction (lib/infra/actions.ts).
 */
export function EmailLinkForm({
  action: sendAction,
  submitLabel,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  submitLabel: string;
}) {
  const [state, action] = useActionState(sendAction, initialActionState);
  if (state.ok) return <Flash tone="success">{state.message}</Flash>;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}
      <EmailField defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <SubmitButton className="w-full" pendingLabel="Sending…">
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
