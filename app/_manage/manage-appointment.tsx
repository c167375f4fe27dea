import Link from "next/link";
import { AddToCalendarLink } from "@/components/booking/add-to-calendar-link";
import { AppointmentSummary } from "@/components/booking/appointment-summary";
import { CancelForm } from "@/components/booking/cancel-form";
import { StatusBadge } from "@/components/booking/status-badge";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import { changePolicy, formatWhen } from "@/lib/availability/format";
import type { SearchParams } from "@/lib/booking/picker";
import { HOLD_NOTICE, isHeld } from "@/lib/booking/hold";
import type { AppointmentView } from "@/lib/booking/read";
import { env } from "@/lib/infra/env";
import { cancelAppointmentAction, rescheduleAppointmentAction } from "./actions";
import { boundCaller, managePath, type ManageCaller } from "./caller";
import type { ConfirmationChannels } from "./confirmation";
import { RescheduleButton, RescheduleSection } from "./pick-section";

/**
 * THE manage-appointment page: what a guest sees behind their manage link and a client on
 * their appointment page. Summary, reschedule, cancel, and what to do when it is too late to
 * change online; the caller (caller.ts) decides only what is theirs alone: the way back to their
 * list, the calendar file's address, "book again", and the guest's manage link.
 */
export function ManageAppointment({
  caller,
  appointment: a,
  searchParams: sp,
  confirmation = null,
}: {
  caller: ManageCaller;
  appointment: AppointmentView;
  searchParams: SearchParams;
  /** Right after booking: which confirmation is really on its way (confirmation.ts). */
  confirmation?: ConfirmationChannels | null;
}) {
  const path = managePath(caller);
  const [by, key] = boundCaller(caller);
  const guest = caller.by === "guest";
  const holding = a.status === "pending" || a.status === "confirmed";
  const held = isHeld(a);
  const rescheduling = sp.reschedule === "1" && holding && a.canReschedule;
  // A request may still be turned down: no calendar entry until it is confirmed.
  const calendarHref = a.status === "confirmed" ? (guest ? `/api/bookings/${encodeURIComponent(caller.token)}/ics` : `${path}/ics`) : null;
  const rescheduleButton = holding && a.canReschedule && !rescheduling;
  const rebookHref = !guest && a.service.active && !holding ? `${path}/rebook` : null;

  return (
    <div className="space-y-6">
      {guest ? null : <BackToAppointments />}
      <Flashes sp={sp} appointment={a} confirmation={confirmation} />
      <header className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold tracking-tight text-slate-900">
          {guest ? "Your appointment" : `${a.service.name} at ${a.provider.businessName}`}
        </h1>
        <StatusBadge status={a.status} holdUntil={a.holdUntil} />
      </header>

      <Card>
        <AppointmentSummary appointment={a} />
        {holding && a.canCancel ? (
          <p className="mt-4 text-sm text-slate-700" data-testid="cancellation-policy">
            {changePolicy({ start: a.start, windowHours: a.provider.cancellationWindowHours, timezone: a.provider.timezone, now: new Date() }).text}
          </p>
        ) : null}
        {held ? (
          <p className="mt-4 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="hold-notice">
            We sent a link to {a.clientEmail}. {HOLD_NOTICE}
          </p>
        ) : a.status === "pending" ? (
          <p className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Waiting for {a.provider.businessName} to confirm. Your time is held meanwhile, and you&apos;ll get an email once
            it&apos;s confirmed.
          </p>
        ) : null}
        {calendarHref || rescheduleButton || rebookHref ? (
          <div className="mt-6 flex flex-wrap gap-2 border-t border-slate-100 pt-4">
            {calendarHref ? <AddToCalendarLink href={calendarHref} /> : null}
            {rescheduleButton ? <RescheduleButton path={path} /> : null}
            {rebookHref ? (
              <ButtonLink href={rebookHref} variant="secondary">
                Book again
              </ButtonLink>
            ) : null}
          </div>
        ) : null}
      </Card>

      {rescheduling ? (
        <RescheduleSection path={path} appointment={a} searchParams={sp} action={rescheduleAppointmentAction.bind(null, by, key)} />
      ) : null}

      {holding && a.canCancel ? (
        <Card title="Cancel">
          <CancelForm action={cancelAppointmentAction.bind(null, by, key)} />
        </Card>
      ) : null}

      {holding && !a.canCancel && a.blockedReason ? (
        <Card title="Need to change this appointment?">
          <p className="text-sm text-slate-700">{a.blockedReason}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            {a.provider.phone ? (
              <a href={`tel:${a.provider.phone.replace(/[^0-9+]/g, "")}`} className={buttonClass("secondary")}>
                Call {a.provider.phone}
              </a>
            ) : null}
            {a.provider.email ? (
              <a href={`mailto:${a.provider.email}`} className={buttonClass("secondary")}>
                Email {a.provider.businessName}
              </a>
            ) : null}
          </div>
        </Card>
      ) : null}

      {guest && !holding ? (
        <ButtonLink href={`/p/${encodeURIComponent(a.provider.slug)}`} variant="secondary">
          Book again with {a.provider.businessName}
        </ButtonLink>
      ) : null}

      {guest ? (
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
      ) : null}
    </div>
  );
}

/** The client's way back to their list (the appointment page and its rebook page). */
export function BackToAppointments() {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link href="/account" className="font-medium text-indigo-700 hover:underline">
        ← My appointments
      </Link>
    </nav>
  );
}

/** "to you@example.com and a text to +44 …", or null when nothing is sent. */
function whereTo(c: ConfirmationChannels, email: string): string | null {
  if (c.email && c.sms) return `${email}, with a text to ${c.phone}`;
  if (c.email) return email;
  if (c.sms) return `${c.phone} by text`;
  return null;
}

/** What the last action did (its redirect's query), said once; after booking, honestly what is coming. */
function Flashes({ sp, appointment: a, confirmation }: { sp: SearchParams; appointment: AppointmentView; confirmation: ConfirmationChannels | null }) {
  if (sp.booked === "1" && isHeld(a)) {
    return (
      <Flash tone="info">
        <strong>Almost done: confirm your email.</strong> {HOLD_NOTICE}
      </Flash>
    );
  }
  if (sp.booked === "1") {
    const pending = a.status === "pending";
    const to = confirmation ? whereTo(confirmation, a.clientEmail) : a.clientEmail;
    const lead = pending ? (
      <>
        <strong>Request sent!</strong> {a.provider.businessName} will confirm your appointment.
      </>
    ) : (
      <>
        <strong>You&apos;re booked!</strong>
      </>
    );
    return (
      <Flash tone="success">
        {lead}{" "}
        {to ? (
          pending ? (
            <>We&apos;ve sent the details to {to}.</>
          ) : (
            <>A confirmation is on its way to {to}.</>
          )
        ) : (
          <>
            No confirmation will be sent: your notification preferences have{" "}
            {confirmation?.silencedBy === "email" ? "email" : "booking confirmations"} turned off. Keep this page, or{" "}
            <Link href="/account/preferences" className="font-medium underline">
              change your preferences
            </Link>
            .
          </>
        )}
      </Flash>
    );
  }
  if (sp.cancelled === "1" && a.status === "cancelled") return <Flash tone="success">Your appointment has been cancelled.</Flash>;
  if (sp.emailConfirmed === "1" && !isHeld(a)) {
    return (
      <Flash tone="success">
        <strong>Thanks, your email is confirmed.</strong>{" "}
        {a.status === "pending" ? <>{a.provider.businessName} will confirm your appointment.</> : <>You&apos;re booked: a confirmation is on its way to {a.clientEmail}.</>}
      </Flash>
    );
  }
  if (sp.rescheduled === "1") {
    return <Flash tone="success">Your appointment has been moved to {formatWhen(a.start, a.end, a.provider.timezone)}.</Flash>;
  }
  return null;
}
