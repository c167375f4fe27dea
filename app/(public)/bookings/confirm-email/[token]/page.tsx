import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import { SubmitButton } from "@/components/ui/submit-button";
import { getDb } from "@/lib/app/runtime";
import { findHold } from "@/lib/booking/hold";
import { bookPath } from "@/lib/booking/picker";
import { confirmHoldAction } from "./actions";

// The token is the guest's proof of their email: keep it out of search engines and Referer headers.
export const metadata: Metadata = { title: "Confirm your booking", robots: { index: false, follow: false }, referrer: "no-referrer" };

type Props = { params: Promise<{ token: string }>; searchParams: Promise<{ refused?: string }> };

/**
 * The link of a booking hold's mail (lib/booking/hold.ts). Opening it changes nothing (mail
 * scanners fetch links): the button's POST confirms. It says what the hold is now: waiting,
 * already confirmed, or lapsed (the time released) with a way to book again.
 */
export default async function ConfirmHoldPage({ params, searchParams }: Props) {
  const { token } = await params;
  const hold = await findHold(await getDb(), token);
  if (!hold) notFound();
  const { refused } = await searchParams;

  if (hold.state === "confirmed") {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Your booking is confirmed</h1>
        <Card>
          <p className="text-slate-700">
            Your email was already confirmed for this booking at {hold.businessName}. The confirmation mail has the link to view, change or
            cancel it.
          </p>
        </Card>
      </div>
    );
  }

  if (hold.state === "lapsed") {
    return (
      <div className="mx-auto max-w-md space-y-4">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">This hold has lapsed</h1>
        {refused ? <Flash tone="error">Your booking could not be confirmed: it is no longer held.</Flash> : null}
        <Card>
          <div className="space-y-4">
            <p className="text-slate-700">
              The time is no longer held (it was not confirmed within 30 minutes, or the booking was cancelled), so nothing was booked at{" "}
              {hold.businessName}. If the time is still free, you can book it again.
            </p>
            <ButtonLink href={bookPath(hold.slug)}>Book again</ButtonLink>
          </div>
        </Card>
      </div>
    );
  }

  return (
    <div className="mx-auto max-w-md space-y-4">
      <h1 className="text-2xl font-bold tracking-tight text-slate-900">Confirm your booking</h1>
      <Card>
        <form action={confirmHoldAction} className="space-y-4">
          <input type="hidden" name="token" value={token} />
          <p className="text-slate-700">
            {hold.businessName} is holding this time for you. Confirm that this email address is yours to keep the booking.
          </p>
          <SubmitButton pendingLabel="Confirming…">Confirm my booking</SubmitButton>
        </form>
      </Card>
    </div>
  );
}
