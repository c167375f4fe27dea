import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmailLinkForm } from "@/app/_components/email-link-form";
import { findBookingsAction } from "./actions";

export const metadata: Metadata = { title: "Find my booking", robots: { index: false, follow: false } };

/** A guest who lost their confirmation mail gets their manage links again. */
export default function FindBookingsPage() {
  return (
    <div className="mx-auto max-w-sm space-y-4">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Find my booking</h1>
      <p className="text-slate-700">
        Lost your confirmation email? Enter the email you booked with and we&apos;ll send you one message listing your upcoming
        bookings, at every business, each with a link to view, change or cancel it.
      </p>
      <Card>
        <EmailLinkForm action={findBookingsAction} submitLabel="Email me my bookings" />
      </Card>
    </div>
  );
}
