"use client";

import { useActionState } from "react";
import type { SlotFormState } from "../../../_lib/form-state";
import { AlternativeTimes } from "../../../_components/alternative-times";
import { Flash } from "@/components/ui/flash";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (state: SlotFormState, formData: FormData) => Promise<SlotFormState>;

/** Confirms the new time picked above; when it is gone, offers that day's free times instead. */
export function RescheduleForm({
  action,
  start,
  timezone,
  otherDayHref,
}: {
  action: Action;
  start: string;
  timezone: string;
  otherDayHref: string;
}) {
  const [state, formAction] = useActionState(action, {} as SlotFormState);
  return (
    <form action={formAction} className="space-y-3">
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}
      <input type="hidden" name="offeredStart" value={start} />
      {state.alternatives ? (
        <AlternativeTimes
          alternatives={state.alternatives}
          timezone={timezone}
          otherDayHref={otherDayHref}
          checked={state.values?.start}
        />
      ) : (
        <input type="hidden" name="start" value={start} />
      )}
      <SubmitButton pendingLabel="Moving…">Confirm new time</SubmitButton>
    </form>
  );
}
