"use client";

import { Flash } from "@/components/ui/flash";
import { Checkbox, Select, TextArea, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { useEchoedForm } from "@/components/ui/use-echoed-form";
import type { ActionState } from "@/lib/infra/action-state";

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

/** The business's defaults, shown as what a blank field means. */
export type BusinessRuleDefaults = {
  slotIntervalMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  minNoticeMinutes: number;
  bookingHorizonDays: number;
  dailyCapPerMember: number;
};

const intervalLabel = (n: number) => (n === 0 ? "the service's length" : n === 60 ? "every hour" : `every ${n} minutes`);

const ruleFields = [
  { name: "bufferBeforeMinutes", label: "Buffer before (minutes)", min: 0, max: 240, unit: "minutes" },
  { name: "bufferAfterMinutes", label: "Buffer after (minutes)", min: 0, max: 240, unit: "minutes" },
  { name: "minNoticeMinutes", label: "Minimum notice (minutes)", min: 0, max: 43200, unit: "minutes" },
  { name: "bookingHorizonDays", label: "Booking window (days ahead)", min: 1, max: 365, unit: "days" },
  { name: "dailyCapPerMember", label: "Daily limit per person", min: 0, max: 100, unit: "" },
] as const;

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
          <Select
            label="Start times"
            name="slotIntervalMinutes"
            // Re-mounted with the echoed value: a select takes its default only when mounted.
            key={v("slotIntervalMinutes")}
            defaultValue={v("slotIntervalMinutes")}
            errors={e("slotIntervalMinutes")}
            options={[
              { value: "", label: `Business default (${intervalLabel(defaults.slotIntervalMinutes)})` },
              { value: "0", label: "The service's length" },
              { value: "15", label: "Every 15 minutes" },
              { value: "30", label: "Every 30 minutes" },
              { value: "60", label: "Every hour" },
            ]}
          />
          {ruleFields.map((f) => (
            <TextField
              key={f.name}
              label={f.label}
              name={f.name}
              type="number"
              inputMode="numeric"
              min={f.min}
              max={f.max}
              defaultValue={v(f.name)}
              errors={e(f.name)}
              hint={`${f.min}–${f.max.toLocaleString("en")}. Blank: ${defaults[f.name]}${f.unit ? ` ${f.unit}` : ""}${f.name === "dailyCapPerMember" && defaults[f.name] === 0 ? " (no limit)" : ""}.`}
            />
          ))}
        </div>
      </fieldset>
      <Checkbox label="Active (clients can book it)" name="active" defaultChecked={active} key={String(active)} />
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
