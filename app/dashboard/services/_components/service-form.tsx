"use client";

import { Flash } from "@/components/ui/flash";
import { Checkbox, TextArea, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useEchoedForm } from "@/components/ui/use-echoed-form";
import type { ActionState } from "@/lib/infra/action-state";
import { SchedulingRuleFields, type BusinessRuleDefaults } from "@/app/dashboard/_components/scheduling-rule-fields";

export type ServiceFormValues = {
  name: string;
  description: string;
  durationMinutes: string;
  price: string;
  active: boolean;
  /** The service's own scheduling rules; "" = the business's default. */
  slotIntervalMinutes: string;
  bufferBeforeMinutes: string;
  bufferAfterMinutes: string;
  minNoticeMinutes: string;
  bookingHorizonDays: string;
  dailyCapPerMember: string;
};

export const NO_SERVICE_RULES = {
  slotIntervalMinutes: "",
  bufferBeforeMinutes: "",
  bufferAfterMinutes: "",
  minNoticeMinutes: "",
  bookingHorizonDays: "",
  dailyCapPerMember: "",
};

/** Create and edit share this form; the action decides which. */
export function ServiceForm({
  action,
  initial,
  submitLabel,
  currency,
  defaults,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  initial: ServiceFormValues;
  submitLabel: string;
  /** The business's currency (ISO 4217), or "" when its prices are plain amounts. */
  currency: string;
  defaults: BusinessRuleDefaults;
}) {
  const { state, formAction, value: v, checked, errors: e } = useEchoedForm(action, initial);
  const active = checked("active");

  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}
      <TextField label="Service name" name="name" defaultValue={v("name")} errors={e("name")} required maxLength={100} />
      <TextArea label="Description" name="description" defaultValue={v("description")} errors={e("description")} maxLength={1000} hint="Optional. Up to 1000 characters." />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Duration (minutes)"
          name="durationMinutes"
          type="number"
          inputMode="numeric"
          min={5}
          max={720}
          step={5}
          defaultValue={v("durationMinutes")}
          errors={e("durationMinutes")}
          required
          hint="5 to 720, in steps of 5."
        />
        <TextField
          label="Price"
          name="price"
          inputMode="decimal"
          defaultValue={v("price")}
          errors={e("price")}
          required
          hint={`For example 25 or 25.50${currency ? `, in ${currency}` : ""}. Use 0 for free.`}
        />
      </div>
      <fieldset className="space-y-4">
        <legend className="text-sm font-semibold text-slate-900">Scheduling</legend>
        <p className="text-sm text-slate-600">Leave a field blank to use your business&apos;s default (set in your profile).</p>
        <div className="grid gap-4 sm:grid-cols-2">
          <SchedulingRuleFields value={v} errors={e} defaults={defaults} />
        </div>
      </fieldset>
      <Checkbox label="Active (clients can book it)" name="active" defaultChecked={active} key={String(active)} />
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
