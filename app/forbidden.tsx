"use client";

import { StatusMessage } from "@/components/ui/status-message";

/** Shown (status 403) when a signed-in user opens an area of another role: forbidden() in lib/app/guards.ts. */
export default function Forbidden() {
  return (
    <StatusMessage title="You don't have access to this page" link={{ href: "/", label: "Go to the home page" }}>
      <p className="text-slate-600">This area belongs to a different kind of account.</p>
    </StatusMessage>
  );
}
