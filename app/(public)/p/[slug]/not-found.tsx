"use client";

import { StatusMessage } from "@/components/ui/status-message";

/** An unknown business (status 404). A client component: see components/ui/status-message.tsx. */
export default function ProviderNotFound() {
  return (
    <StatusMessage title="We couldn't find that business" link={{ href: "/", label: "Find a business" }}>
      <p className="text-slate-600">The link may be mistyped, or the business may have moved to a new address.</p>
    </StatusMessage>
  );
}
