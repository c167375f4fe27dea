"use client";

import { StatusMessage } from "@/components/ui/status-message";

/** An unknown or mistyped booking link (status 404). A client component: see components/ui/status-message.tsx. */
export default function BookingNotFound() {
  return (
    <StatusMessage title="We couldn't find that booking" link={{ href: "/", label: "Go to the home page" }}>
      <p className="text-slate-600">The link may be incomplete: please open it again from your confirmation email, copying the whole address.</p>
    </StatusMessage>
  );
}
