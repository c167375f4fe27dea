"use client";

import { useActionState } from "react";
import { Flash } from "@/components/ui/flash";
import { Checkbox, Select, TextArea, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/action-state";
import type { ProviderProfile } from "@/lib/provider/profile";
import { saveProfileAction } from "../actions";

type Values = Omit<ProviderProfile, "id" | "plan" | "proUntil">;

export function ProfileForm({ profile, timeZones, appUrl }: { profile: Values; timeZones: string[]; appUrl: string }) {
  const [state, action] = useActionState(saveProfileAction, initialActionState);
  const v = (name: keyof Values) => state.values?.[name] ?? String(profile[name]);
  const e = (name: keyof Values) => state.fieldErrors?.[name];
  const zones = timeZones.includes(profile.timezone) ? timeZones : [profile.timezone, ...timeZones];
  // A failed submit echoes the form, where an unticked box is absent.
  const requireApproval = state.values ? state.values.requireApproval === "on" : profile.requireApproval;

  return (
    <form action={action} className="space-y-6" noValidate>
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}

      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Your business</legend>
        <TextField label="Business name" name="businessName" defaultValue={v("businessName")} errors={e("businessName")} required maxLength={100} autoComplete="organization" />
        <TextField
          label="Booking page address (slug)"
          name="slug"
          defaultValue={v("slug")}
          errors={e("slug")}
          required
          maxLength={60}
          autoCapitalize="none"
          spellCheck={false}
          hint={`Lower-case letters, digits and dashes. Your page: ${appUrl}/p/${v("slug")}`}
        />
        <TextArea label="Description" name="description" defaultValue={v("description")} errors={e("description")} maxLength={2000} rows={4} hint="Shown on your booking page." />
        <Select
          label="Time zone"
          name="timezone"
          defaultValue={v("timezone")}
          errors={e("timezone")}
          options={zones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
          hint="Your opening hours and appointment times are in this zone."
        />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Contact details</legend>
        <TextField label="Phone" name="phone" type="tel" defaultValue={v("phone")} errors={e("phone")} autoComplete="tel" />
        <TextField label="Contact email" name="email" type="email" defaultValue={v("email")} errors={e("email")} autoComplete="email" />
        <TextArea label="Address" name="address" defaultValue={v("address")} errors={e("address")} maxLength={300} rows={2} autoComplete="street-address" />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Booking rules</legend>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextField
            label="Cancellation window (hours)"
            name="cancellationWindowHours"
            type="number"
            inputMode="numeric"
            min={0}
            max={720}
            defaultValue={v("cancellationWindowHours")}
            errors={e("cancellationWindowHours")}
            hint="Clients can cancel or reschedule online until this many hours before. 0–720."
          />
          <TextField
            label="Minimum notice (minutes)"
            name="minNoticeMinutes"
            type="number"
            inputMode="numeric"
            min={0}
            max={43200}
            defaultValue={v("minNoticeMinutes")}
            errors={e("minNoticeMinutes")}
            hint="How soon a new online booking may start. 0–43,200."
          />
          <TextField
            label="Booking horizon (days)"
            name="bookingHorizonDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={365}
            defaultValue={v("bookingHorizonDays")}
            errors={e("bookingHorizonDays")}
            hint="How far ahead clients can book. 1–365."
          />
        </div>
        <Checkbox
          label="Approve online bookings before they are confirmed"
          name="requireApproval"
          defaultChecked={requireApproval}
          key={String(requireApproval)}
          errors={e("requireApproval")}
          hint="New online bookings wait as pending until you confirm them; the time is held meanwhile."
        />
      </fieldset>

      <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
    </form>
  );
}
