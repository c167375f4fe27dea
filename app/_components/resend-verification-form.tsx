"use client";

import { useActionState } from "react";
import { resendVerificationAction } from "@/app/(auth)/actions";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState } from "@/lib/infra/action-state";

/** "Send a new link" for a signed-in user whose email is not verified yet. */
export function ResendVerificationForm({ label = "Send a new link", compact = false }: { label?: string; compact?: boolean }) {
  const [state, action] = useActionState(resendVerificationAction, initialActionState);
  return (
    <form action={action} className={compact ? "flex flex-wrap items-center gap-2" : "space-y-2"}>
      <SubmitButton variant="secondary" pendingLabel="Sending…" className={compact ? "min-h-8 px-3 py-1" : ""}>
        {label}
      </SubmitButton>
      {state.message ? (
        <p role={state.ok ? "status" : "alert"} className={state.ok ? "text-sm text-green-800" : "text-sm text-red-700"}>
          {state.message}
        </p>
      ) : null}
    </form>
  );
}
