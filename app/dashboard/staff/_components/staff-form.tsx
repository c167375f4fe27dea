"use client";

import { Checkbox, TextArea, TextField } from "@/components/ui/field";
import { Flash } from "@/components/ui/flash";
import { SubmitButton } from "@/components/ui/submit-button";
import { useEchoedForm } from "@/components/ui/use-echoed-form";
import type { ActionState } from "@/lib/infra/action-state";

export type StaffFormValues = {
  name: string;
  email: string;
  phone: string;
  bio: string;
  active: boolean;
  serviceIds: string[];
};

/** Add and edit share this form (with the photo upload); the action decides which. */
export function StaffForm({
  action,
  initial,
  services,
  hasPhoto,
  submitLabel,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  initial: StaffFormValues;
  services: { id: string; name: string; active: boolean }[];
  hasPhoto: boolean;
  submitLabel: string;
}) {
  const { state, formAction, value: v, checked, errors: e } = useEchoedForm(action, initial);
  const values = state.values;
  const active = checked("active");
  const chosen = new Set(values ? (values.serviceIds ?? "").split(",").filter(Boolean) : initial.serviceIds);
  const servicesError = e("serviceIds")?.[0];

  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}
      <TextField label="Name" name="name" defaultValue={v("name")} errors={e("name")} required maxLength={100} autoComplete="off" />
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label="Email"
          name="email"
          type="email"
          defaultValue={v("email")}
          errors={e("email")}
          maxLength={320}
          hint="Optional. Needed to invite them to sign in."
        />
        <TextField label="Phone" name="phone" type="tel" defaultValue={v("phone")} errors={e("phone")} maxLength={30} hint="Optional." />
      </div>
      <TextArea label="Bio" name="bio" defaultValue={v("bio")} errors={e("bio")} maxLength={1000} hint="Optional. Clients see it when they choose who to book." />
      <fieldset className="space-y-2" aria-describedby={servicesError ? "services-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Services they provide</legend>
        {services.length === 0 ? (
          <p className="text-sm text-slate-500">Add services first: members can only provide your own services.</p>
        ) : (
          <div className="grid gap-2 sm:grid-cols-2">
            {services.map((s) => (
              <Checkbox
                key={`${s.id}-${chosen.has(s.id)}`}
                id={`service-${s.id}`}
                name="serviceIds"
                value={s.id}
                label={s.active ? s.name : `${s.name} (inactive)`}
                defaultChecked={chosen.has(s.id)}
              />
            ))}
          </div>
        )}
        {servicesError ? (
          <p id="services-error" className="text-sm text-red-600" data-field-error="serviceIds">
            {servicesError}
          </p>
        ) : null}
      </fieldset>
      <div className="space-y-1">
        <label htmlFor="field-photo" className="block text-sm font-medium text-slate-800">
          Photo
        </label>
        <input
          id="field-photo"
          name="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          aria-invalid={e("photo") ? true : undefined}
          aria-describedby={e("photo") ? "field-photo-error" : "field-photo-hint"}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium"
        />
        {e("photo") ? (
          <p id="field-photo-error" className="text-sm text-red-600" data-field-error="photo">
            {e("photo")![0]}
          </p>
        ) : (
          <p id="field-photo-hint" className="text-xs text-slate-500">
            Optional. JPEG, PNG or WebP, at most 2 MB.{hasPhoto ? " Choosing a file replaces the current photo." : ""}
          </p>
        )}
      </div>
      {hasPhoto ? <Checkbox label="Remove the current photo" name="removePhoto" /> : null}
      <Checkbox
        label="Active (clients can book them)"
        name="active"
        defaultChecked={active}
        key={String(active)}
        errors={e("active")}
        hint="At most 10 members can be active."
      />
      <SubmitButton pendingLabel="Saving…">{submitLabel}</SubmitButton>
    </form>
  );
}
