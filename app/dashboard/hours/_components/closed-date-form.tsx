"use client";

import { useActionState } from "react";
import { Flash } from "@/components/ui/flash";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConfirmConflicts } from "@/components/dashboard/confirm-conflicts";
import { initialActionState } from "@/lib/infra/action-state";
import { addClosedDateAction } from "../actions";

export function ClosedDateForm({ today }: { today: string }) {
  const [state, action] = useActionState(addClosedDateAction, initialActionState);
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message && !state.fieldErrors ? <Flash tone="error">{state.message}</Flash> : null}
      <div className="grid gap-4 sm:grid-cols-[12rem_1fr]">
        <TextField
          label="Date"
          name="date"
          type="date"
          min={today}
          defaultValue={state.values?.date ?? ""}
          errors={state.fieldErrors?.date}
          required
        />
        <TextField
          label="Reason (optional)"
          name="reason"
          defaultValue={state.values?.reason ?? ""}
          errors={state.fieldErrors?.reason}
          maxLength={200}
          placeholder="e.g. Public holiday"
        />
      </div>
      <ConfirmConflicts errors={state.fieldErrors?.confirmConflicts} label="Close anyway; I'll resolve these appointments" />
      <SubmitButton pendingLabel="Adding…">Add closed date</SubmitButton>
    </form>
  );
}
