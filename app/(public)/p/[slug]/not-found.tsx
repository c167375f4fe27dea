"use client";

import { ButtonLink } from "@/components/ui/button";
import { StatusMessage } from "@/components/ui/status-message";

/** An unknown business (status 404). A client component: see components/ui/status-message.tsx. */
export default function ProviderNotFound() {
  return (
    <StatusMessage
      title="We couldn't find that business"
      action={
        <ButtonLink href="/" variant="secondary">
          Find a business
        </ButtonLink>
      }
    >
      <p className="text-slate-600">The link may be mistyped, or the business may have moved to a new address.</p>
    </StatusMessage>
  );
}
