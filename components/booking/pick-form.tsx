"use client";

import { useActionState } from "react";
import { AlternativeTimes } from "@/components/booking/alternative-times";
import type { SlotFormState } from "@/lib/booking/slot-options";
import { Flash } from "@/components/ui/flash";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (state: SlotFormState, formData: FormData) => Promise<SlotFormState>;

/**
 * Confirms the time picked above (a guest's or a client's reschedule, a rebook); when it is
 * gone, offers that day's free times instead. Each page binds its own action and words.
 */
export function PickForm({
  action,
  start,
  timezone,
  otherDayHref,
  label,
  pendingLabel,
}: {
  action: Action;
  start: string;
  timezone: string;
  otherDayHref: string;
  label: string;
  pendingLabel: string;
}) {
  const [state, formAction] = useActionState(action, {} as SlotFormState);
  return (
    <form action={formAction} className="space-y-3">
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}
      <input type="hidden" name="offeredStart" value={start} />
      {state.alternatives ? (
        <AlternativeTimes alternatives={state.alternatives} timezone={timezone} otherDayHref={otherDayHref} checked={state.values?.start} />
      ) : (
        <input type="hidden" name="start" value={start} />
      )}
      <SubmitButton pendingLabel={pendingLabel}>{label}</SubmitButton>
    </form>
  );
}
