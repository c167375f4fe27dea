"use client";

import Link from "next/link";
import { StatusMessage } from "@/components/ui/status-message";

/** An unknown or mistyped booking link (status 404). A client component: see components/ui/status-message.tsx. */
export default function BookingNotFound() {
  return (
    <StatusMessage title="We couldn't find that booking" link={{ href: "/bookings/find", label: "Email me my bookings" }}>
      <p className="text-slate-600">
        The link may be incomplete, or replaced by a newer one. Lost it?{" "}
        <Link href="/bookings/find" className="font-medium text-indigo-700 hover:underline">
          Find my booking
        </Link>{" "}
        sends the links to all your upcoming bookings to your email.
      </p>
    </StatusMessage>
  );
}
