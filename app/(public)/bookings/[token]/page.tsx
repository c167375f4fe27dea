import type { Metadata } from "next";
import { cancelBookingAction, rescheduleBookingAction } from "./actions";
import { getAppointmentOrNotFound } from "./appointment";
import { CancelForm } from "@/components/booking/cancel-form";
import { AddToCalendarLink } from "@/components/booking/add-to-calendar-link";
import { AppointmentSummary } from "@/components/booking/appointment-summary";
import { RescheduleButton, RescheduleSection } from "@/components/booking/pick-section";
import type { SearchParams } from "@/lib/booking/picker";
import { formatWhen } from "@/lib/availability/format";
import { StatusBadge } from "@/components/booking/status-badge";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import type { AppointmentView } from "@/lib/booking/read";
import { env } from "@/lib/infra/env";

// The token in the URL is the guest's key: keep the page out of search engines and the key
// out of Referer headers sent to other sites.
export const metadata: Metadata = {
  title: "Your appointment",
  robots: { index: false, follow: false },
  referrer: "same-origin",
};

type Props = { params: Promise<{ token: string }>; searchParams: Promise<SearchParams> };

export default async function ManageBookingPage({ params, searchParams }: Props) {
  const { token } = await params;
  const sp = await searchParams;
  const a = await getAppointmentOrNotFound(token);

  const path = `/bookings/${encodeURIComponent(token)}`;
  const holding = a.status === "pending" || a.status === "confirmed";
  const rescheduling = sp.reschedule === "1" && holding && a.canReschedule;
  // A request may still be turned down: no calendar entry until it is confirmed.
  const calendarLink = a.status === "confirmed";
  const rescheduleButton = holding && a.canReschedule && !rescheduling;

  return (
    <div className="space-y-6">
      <Flashes sp={sp} appointment={a} />
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">Your appointment</h1>
        <StatusBadge status={a.status} />
      </header>

      <Card>
        <AppointmentSummary appointment={a} />
        {a.status === "pending" ? (
          <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Waiting for {a.provider.businessName} to confirm. Your time is held meanwhile, and you&apos;ll get an email once
            it&apos;s confirmed.
          </p>
        ) : null}
        {calendarLink || rescheduleButton ? (
          <div className="mt-6 flex flex-wrap gap-2 border-t border-slate-100 pt-4">
            {calendarLink ? <AddToCalendarLink token={token} /> : null}
            {rescheduleButton ? (
              <RescheduleButton path={path} />
            ) : null}
          </div>
        ) : null}
      </Card>

      {rescheduling ? (
        <RescheduleSection
          path={path}
          appointment={a}
          searchParams={sp}
          action={rescheduleBookingAction.bind(null, token)}
          confirmId="confirm-new-time"
          unavailableVerb="rescheduled"
        />
      ) : null}

      {holding && a.canCancel ? (
        <Card title="Cancel">
          <CancelForm action={cancelBookingAction.bind(null, token)} />
        </Card>
      ) : null}

      {holding && !a.canCancel && a.blockedReason ? (
        <Card title="Need to change this appointment?">
          <p className="text-sm text-slate-700">{a.blockedReason}</p>
          {a.provider.phone ? (
            <a
              href={`tel:${a.provider.phone.replace(/[^0-9+]/g, "")}`}
              className={buttonClass("secondary", "mt-3")}
            >
              Call {a.provider.phone}
            </a>
          ) : null}
        </Card>
      ) : null}

      {!holding ? (
        <ButtonLink href={`/p/${encodeURIComponent(a.provider.slug)}`} variant="secondary">
          Book again with {a.provider.businessName}
        </ButtonLink>
      ) : null}

      <Card title="Your manage link">
        <p className="mb-2 text-sm text-slate-600">
          Keep this link to change or cancel your booking. Anyone who has it can manage this appointment.
        </p>
        <label htmlFor="manage-link" className="sr-only">
          Your manage link
        </label>
        <input
          id="manage-link"
          readOnly
          value={`${env().APP_URL}${path}`}
          className="block w-full rounded-md border-0 bg-slate-50 px-3 py-2 font-mono text-xs text-slate-800 ring-1 ring-inset ring-slate-300"
        />
      </Card>
    </div>
  );
}

function Flashes({ sp, appointment: a }: { sp: SearchParams; appointment: AppointmentView }) {
  if (sp.booked === "1" && a.status === "pending") {
    return (
      <Flash tone="success">
        <strong>Request sent!</strong> {a.provider.businessName} will confirm your appointment. We&apos;ve emailed the
        details to {a.clientEmail}.
      </Flash>
    );
  }
  if (sp.booked === "1") {
    return (
      <Flash tone="success">
        <strong>You&apos;re booked!</strong> A confirmation is on its way to {a.clientEmail}.
      </Flash>
    );
  }
  if (sp.cancelled === "1" && a.status === "cancelled") return <Flash tone="success">Your appointment has been cancelled.</Flash>;
  if (sp.rescheduled === "1") {
    return (
      <Flash tone="success">
        Your appointment has been moved to {formatWhen(a.start, a.end, a.provider.timezone)}.
      </Flash>
    );
  }
  return null;
}
