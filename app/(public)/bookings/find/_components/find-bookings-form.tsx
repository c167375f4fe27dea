"use client";

import { useActionState } from "react";
import { EmailField } from "@/components/ui/field";
import { Flash } from "@/components/ui/flash";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/infra/action-state";
import { findBookingsAction } from "../actions";

export function FindBookingsForm() {
  const [state, action] = useActionState(findBookingsAction, initialActionState);
  if (state.ok) return <Flash tone="success">{state.message}</Flash>;
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}
      <EmailField defaultValue={state.values?.email} errors={state.fieldErrors?.email} />
      <SubmitButton className="w-full" pendingLabel="Sending…">
        Email me my bookings
      </SubmitButton>
    </form>
  );
}
