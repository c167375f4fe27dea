"use client";

import { Flash } from "@/components/ui/flash";
import { Checkbox, Select, TextArea, TextField } from "@/components/ui/field";
import { SchedulingRuleFields } from "@/app/dashboard/_components/scheduling-rule-fields";
import { SubmitButton } from "@/components/ui/submit-button";
import { useEchoedForm } from "@/components/ui/use-echoed-form";
import type { ProviderProfile } from "@/lib/provider/profile";
import { CURRENCIES, currencyLabel } from "@/lib/provider/money";
import { saveProfileAction } from "../actions";

type Values = Omit<ProviderProfile, "id" | "plan" | "proUntil">;

// The limits match the database checks (db/schema/core.ts) and profileSchema. The scheduling
// rules a service may override are SchedulingRuleFields, shared with the service form.
const bookingRules = [
  {
    label: "Cancellation window (hours)",
    name: "cancellationWindowHours",
    min: 0,
    max: 720,
    hint: "Clients can cancel or reschedule online until this many hours before. 0–720.",
  },
  {
    label: "Upcoming bookings per guest",
    name: "guestBookingLimit",
    min: 1,
    max: 20,
    hint: "How many upcoming online bookings one email may hold (signed-in clients with a confirmed email are not limited). 1–20.",
  },
] as const;

export function ProfileForm({ profile, timeZones, appUrl }: { profile: Values; timeZones: string[]; appUrl: string }) {
  const { state, formAction: action, value: v, checked, errors: e } = useEchoedForm(saveProfileAction, profile);
  const zones = timeZones.includes(profile.timezone) ? timeZones : [profile.timezone, ...timeZones];
  const currencies = !profile.currency || CURRENCIES.includes(profile.currency) ? CURRENCIES : [profile.currency, ...CURRENCIES];
  const requireApproval = checked("requireApproval");
  const confirmGuestEmail = checked("confirmGuestEmail");

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
        <Select
          label="Currency"
          name="currency"
          defaultValue={v("currency")}
          errors={e("currency")}
          options={[{ value: "", label: "Not shown (plain amounts)" }, ...currencies.map((c) => ({ value: c, label: currencyLabel(c) }))]}
          hint="Your prices are shown in it."
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
        <div className="grid gap-4 sm:grid-cols-2">
          {bookingRules.map((r) => (
            <TextField
              key={r.name}
              {...r}
              type="number"
              inputMode="numeric"
              defaultValue={v(r.name)}
              errors={e(r.name)}
            />
          ))}
          <SchedulingRuleFields value={v} errors={e} />
        </div>
        <Checkbox
          label="Approve online bookings before they are confirmed"
          name="requireApproval"
          defaultChecked={requireApproval}
          key={String(requireApproval)}
          errors={e("requireApproval")}
          hint="New online bookings wait as pending until you confirm them; the time is held meanwhile."
        />
        <Checkbox
          label="Ask new guests to confirm their email"
          name="confirmGuestEmail"
          defaultChecked={confirmGuestEmail}
          key={`confirm-${String(confirmGuestEmail)}`}
          errors={e("confirmGuestEmail")}
          hint="An online booking is held for 30 minutes until the guest follows the link we mail them; unconfirmed, the time is released and nobody is told. Signed-in clients with a confirmed email are not asked."
        />
      </fieldset>

      <SubmitButton pendingLabel="Saving…">Save profile</SubmitButton>
    </form>
  );
}
