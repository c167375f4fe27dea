"use client";

import { useActionState } from "react";
import { Flash } from "@/components/ui/flash";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { ConfirmConflicts } from "@/components/dashboard/confirm-conflicts";
import { initialActionState, type ActionState } from "@/lib/infra/action-state";

export function TimeOffForm({ today, action }: { today: string; action: (prev: ActionState, formData: FormData) => Promise<ActionState> }) {
  const [state, formAction] = useActionState(action, initialActionState);
  const v = (name: string) => state.values?.[name] ?? "";
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.message && !state.fieldErrors ? <Flash tone="error">{state.message}</Flash> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="First day" name="startDate" type="date" min={today} defaultValue={v("startDate")} errors={state.fieldErrors?.startDate} required />
        <TextField
          label="Last day"
          name="endDate"
          type="date"
          min={today}
          defaultValue={v("endDate")}
          errors={state.fieldErrors?.endDate}
          hint="Leave empty for a single day."
        />
        <TextField label="Reason (optional)" name="reason" defaultValue={v("reason")} errors={state.fieldErrors?.reason} maxLength={200} placeholder="e.g. Holiday" />
      </div>
      <ConfirmConflicts errors={state.fieldErrors?.confirmConflicts} label="Add the time off anyway; I'll resolve these appointments" />
      <SubmitButton pendingLabel="Adding…">Add time off</SubmitButton>
    </form>
  );
}
