"use client";

import Link from "next/link";
import { useActionState } from "react";
import { Flash } from "@/components/ui/flash";
import { EmailField, TextField } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/infra/action-state";
import { loginAction } from "../actions";

export function LoginForm({ next }: { next?: string }) {
  const [state, action] = useActionState(loginAction, initialActionState);
  const v = state.values ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <EmailField defaultValue={v.email} errors={state.fieldErrors?.email} />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        required
        errors={state.fieldErrors?.password}
      />
      <p className="text-right text-sm">
        <Link href="/forgot-password" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Forgot password?
        </Link>
      </p>
      <SubmitButton className="w-full" pendingLabel="Signing in…">
        Sign in
      </SubmitButton>
      <p className="text-center text-sm text-slate-600">
        New to Slotbook?{" "}
        <Link href="/register" className="font-medium text-indigo-700 underline-offset-2 hover:underline">
          Create an account
        </Link>
      </p>
    </form>
  );
}
