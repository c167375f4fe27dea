"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Flash } from "@/components/ui/flash";
import { EmailField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/infra/action-state";
import { registerAction } from "../actions";
import { TimeZoneSelect } from "./time-zone-select";

type AccountRole = "client" | "provider";

const roleChoices: { value: AccountRole; label: string; hint: string }[] = [
  { value: "client", label: "Book appointments", hint: "Keep your bookings and favourite places in one account." },
  { value: "provider", label: "Take bookings for my business", hint: "Publish your services and opening hours." },
];

export function RegisterForm({
  zones,
  defaultZone,
  defaultRole,
  passwordMin,
}: {
  zones: string[];
  defaultZone: string;
  defaultRole: AccountRole;
  passwordMin: number;
}) {
  const [state, action] = useActionState(registerAction, initialActionState);
  const [role, setRole] = useState<AccountRole>(defaultRole);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}
      <TextField label="Your name" name="name" autoComplete="name" required maxLength={100} defaultValue={v.name} errors={e.name} />
      <EmailField defaultValue={v.email} errors={e.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={passwordMin}
        hint={`At least ${passwordMin} characters.`}
        errors={e.password}
      />
      <fieldset className="space-y-2" aria-describedby={e.role ? "role-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">I want to</legend>
        {roleChoices.map((c) => (
          <label
            key={c.value}
            className="flex cursor-pointer gap-3 rounded-md p-3 ring-1 ring-slate-200 has-[:checked]:ring-2 has-[:checked]:ring-indigo-600"
          >
            <input
              type="radio"
              name="role"
              value={c.value}
              // Uncontrolled: React resets a form after each submit, and a controlled radio's
              // DOM state would then drift from `role`. defaultChecked follows `role`.
              defaultChecked={role === c.value}
              onChange={() => setRole(c.value)}
              className="mt-1 size-4 text-indigo-600"
            />
            <span>
              <span className="block text-sm font-medium text-slate-900">{c.label}</span>
              <span className="block text-xs text-slate-500">{c.hint}</span>
            </span>
          </label>
        ))}
        {e.role ? (
          <p id="role-error" className="text-sm text-red-600">
            {e.role[0]}
          </p>
        ) : null}
      </fieldset>
      {role === "provider" ? (
        <div className="space-y-4 rounded-md bg-slate-50 p-3">
          <TextField
            label="Business name"
            name="businessName"
            autoComplete="organization"
            required
            maxLength={100}
            defaultValue={v.businessName}
            errors={e.businessName}
          />
          <TimeZoneSelect zones={zones} fallback={defaultZone} value={v.timezone} errors={e.timezone} />
        </div>
      ) : null}
      <SubmitButton className="w-full" pendingLabel="Creating account…">
        Create account
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </form>
  );
}
