"use client";

import { useActionState } from "react";
import { TextField } from "@/components/ui/field";
import { Flash } from "@/components/ui/flash";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState, type ActionState } from "@/lib/infra/action-state";

export function AcceptInviteForm({
  action,
  mode,
  email,
  name,
}: {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  mode: "new" | "existing";
  email: string;
  name: string;
}) {
  const [state, formAction] = useActionState(action, initialActionState);
  const e = (field: string) => state.fieldErrors?.[field];
  return (
    <form action={formAction} className="space-y-4" noValidate>
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}
      <input type="hidden" name="mode" value={mode} />
      <TextField label="Email" name="email-display" value={email} readOnly autoComplete="username" />
      {mode === "new" ? (
        <>
          <TextField label="Your name" name="name" defaultValue={state.values?.name ?? name} errors={e("name")} maxLength={100} autoComplete="name" />
          <TextField
            label="Password"
            name="password"
            type="password"
            autoComplete="new-password"
            errors={e("password")}
            required
            hint="At least 10 characters."
          />
          <TextField label="Repeat password" name="confirmPassword" type="password" autoComplete="new-password" errors={e("confirmPassword")} required />
          <SubmitButton pendingLabel="Setting up…">Set password and sign in</SubmitButton>
        </>
      ) : (
        <>
          <TextField label="Password of your existing account" name="password" type="password" autoComplete="current-password" errors={e("password")} required />
          <SubmitButton pendingLabel="Joining…">Join and sign in</SubmitButton>
        </>
      )}
    </form>
  );
}
