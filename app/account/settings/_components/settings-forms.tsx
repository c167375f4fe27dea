"use client";

import { useActionState } from "react";
import { changePasswordAction, deleteAccountAction, updateProfileAction } from "../actions";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { TextField } from "@/components/ui/field";
import { Flash } from "@/components/ui/flash";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/infra/action-state";

export function ProfileForm({ name, phone }: { name: string; phone: string }) {
  const [state, action] = useActionState(updateProfileAction, initialActionState);
  const v = state.values ?? {};
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Flash tone={state.ok ? "success" : "error"}>{state.message}</Flash> : null}
      <TextField label="Name" name="name" autoComplete="name" required maxLength={100} defaultValue={v.name ?? name} errors={e.name} />
      <TextField
        label="Phone"
        name="phone"
        type="tel"
        autoComplete="tel"
        maxLength={40}
        defaultValue={v.phone ?? phone}
        errors={e.phone}
        hint="Optional. Used for text reminders when you turn them on."
      />
      <SubmitButton pendingLabel="Saving…">Save details</SubmitButton>
    </form>
  );
}

export function PasswordForm({ passwordMin }: { passwordMin: number }) {
  const [state, action] = useActionState(changePasswordAction, initialActionState);
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate key={state.ok ? "saved" : "editing"}>
      {state.message ? <Flash tone={state.ok ? "success" : "error"}>{state.message}</Flash> : null}
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" required errors={e.currentPassword} />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={passwordMin}
        errors={e.newPassword}
        hint={`At least ${passwordMin} characters.`}
      />
      <TextField label="Repeat new password" name="confirmPassword" type="password" autoComplete="new-password" required errors={e.confirmPassword} />
      <SubmitButton pendingLabel="Changing…">Change password</SubmitButton>
    </form>
  );
}

export function DeleteAccountForm() {
  const [state, action] = useActionState(deleteAccountAction, initialActionState);
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}
      <TextField label="Your password" name="password" type="password" autoComplete="current-password" required errors={e.password} />
      <ConfirmButton confirm="Delete your account? This can't be undone." pendingLabel="Deleting…">
        Delete my account
      </ConfirmButton>
    </form>
  );
}
