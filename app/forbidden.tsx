"use client";

import { ButtonLink } from "@/components/ui/button";
import { StatusMessage } from "@/components/ui/status-message";

/** Shown (status 403) when a signed-in user opens an area of another role: forbidden() in lib/auth/guards.ts. */
export default function Forbidden() {
  return (
    <StatusMessage
      title="You don't have access to this page"
      action={
        <ButtonLink href="/" variant="secondary">
          Go to the home page
        </ButtonLink>
      }
    >
      <p className="text-slate-600">This area belongs to a different kind of account.</p>
    </StatusMessage>
  );
}
