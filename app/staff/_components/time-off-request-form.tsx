"use client";

import { useActionState } from "react";
import { ConfirmConflicts } from "@/components/dashboard/confirm-conflicts";
import { Flash } from "@/components/ui/flash";
import { TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/infra/action-state";
import { requestTimeOffAction } from "../actions";

/** The member's own time off: a request for the business to approve, or (when allowed) added at once. */
export function TimeOffRequestForm({ today, direct }: { today: string; direct: boolean }) {
  const [state, formAction] = useActionState(requestTimeOffAction, initialActionState);
  const v = (name: string) => state.values?.[name] ?? "";
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.message && !state.fieldErrors ? <Flash tone="error">{state.message}</Flash> : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <TextField label="First day" name="startDate" type="date" min={today} defaultValue={v("startDate")} errors={state.fieldErrors?.startDate} required />
        <TextField label="Last day" name="endDate" type="date" min={today} defaultValue={v("endDate")} errors={state.fieldErrors?.endDate} hint="Leave empty for a single day." />
        <TextField label="Reason (optional)" name="reason" defaultValue={v("reason")} errors={state.fieldErrors?.reason} maxLength={200} placeholder="e.g. Holiday" />
      </div>
      <ConfirmConflicts errors={state.fieldErrors?.confirmConflicts} label="Add the time off anyway; the business will rearrange these appointments" />
      <SubmitButton pendingLabel="Sending…">{direct ? "Add time off" : "Request time off"}</SubmitButton>
    </form>
  );
}
