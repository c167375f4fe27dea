"use client";

import { useActionState } from "react";
import type { SlotFormState } from "@/lib/booking/slot-options";
import { AlternativeTimes } from "@/components/booking/alternative-times";
import { EmailField, TextArea, TextField } from "@/components/ui/field";
import { Flash } from "@/components/ui/flash";
import { SubmitButton } from "@/components/ui/submit-button";

type Action = (state: SlotFormState, formData: FormData) => Promise<SlotFormState>;

/** Step 4: contact details. Keeps everything typed when the server refuses it. */
export function DetailsForm({
  action,
  serviceId,
  staffId,
  start,
  initial,
  timezone,
  otherDayHref,
  requestOnly = false,
}: {
  action: Action;
  serviceId: string;
  staffId?: string;
  start: string;
  initial: { name: string; email: string; phone: string };
  timezone: string;
  otherDayHref: string;
  /** The provider confirms online bookings by hand: this sends a request, not a booking. */
  requestOnly?: boolean;
}) {
  const [state, formAction] = useActionState(action, {} as SlotFormState);
  const values = state.values ?? {};
  const errors = state.fieldErrors ?? {};
  const value = (name: "name" | "email" | "phone" | "notes") => values[name] ?? (name === "notes" ? "" : initial[name]);
  // Errors for fields the guest cannot see (a tampered service or time) are shown at the top.
  const hiddenErrors = [...(errors.serviceId ?? []), ...(errors.staffId ?? []), ...(state.alternatives ? [] : (errors.start ?? []))];

  return (
    <form action={formAction} noValidate className="space-y-4">
      {state.message ? (
        <Flash tone="error">
          {state.message}
          {hiddenErrors.length > 0 && hiddenErrors[0] !== state.message ? ` ${hiddenErrors[0]}` : null}
        </Flash>
      ) : null}
      <input type="hidden" name="serviceId" value={serviceId} />
      {staffId ? <input type="hidden" name="staffId" value={staffId} /> : null}
      <input type="hidden" name="offeredStart" value={start} />
      {state.alternatives ? (
        <AlternativeTimes
          alternatives={state.alternatives}
          timezone={timezone}
          otherDayHref={otherDayHref}
          checked={values.start}
        />
      ) : (
        <input type="hidden" name="start" value={start} />
      )}
      <TextField
        label="Name"
        name="name"
        autoComplete="name"
        required
        maxLength={100}
        defaultValue={value("name")}
        errors={errors.name}
      />
      <EmailField maxLength={254} defaultValue={value("email")} errors={errors.email} hint="We send your confirmation and manage link here." />
      <TextField
        label="Phone"
        name="phone"
        type="tel"
        autoComplete="tel"
        required
        maxLength={30}
        defaultValue={value("phone")}
        errors={errors.phone}
        hint="Only used by the business if something changes."
      />
      <TextArea label="Notes (optional)" name="notes" maxLength={1000} defaultValue={value("notes")} errors={errors.notes} />
      {requestOnly ? (
        <p className="text-sm text-slate-600">
          This business confirms each booking itself: the time is held for you until they do, and you&apos;ll get an
          email when it&apos;s confirmed.
        </p>
      ) : null}
      <SubmitButton className="w-full sm:w-auto" pendingLabel={requestOnly ? "Sending…" : "Booking…"}>
        {requestOnly ? "Send booking request" : "Confirm booking"}
      </SubmitButton>
    </form>
  );
}
