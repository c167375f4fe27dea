import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getProviderOrNotFound } from "../provider";
import { createBookingAction } from "./actions";
import { DetailsForm } from "./_components/details-form";
import { BookingSteps } from "@/components/booking/booking-steps";
import { bookingHref, bookingStep, bookPath, parseBookingParams, pickerTimes, pickerWindow, type SearchParams } from "@/lib/booking/picker";
import { ChoiceSummary } from "@/components/booking/choice-summary";
import { changePolicy, contactBusiness, formatDuration, formatWhen } from "@/lib/availability/format";
import { formatPrice } from "@/lib/provider/money";
import { ServiceList } from "@/components/booking/service-list";
import { SlotPicker } from "@/components/booking/slot-picker";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { getCurrentUser } from "@/lib/app/guards";
import { getDb } from "@/lib/app/runtime";
import { getAccountProfile } from "@/lib/portal/account";
import { loadBookingPicker } from "@/lib/booking/picker-slots";
import { StaffChoice } from "@/components/staff/staff-choice";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const provider = await getProviderOrNotFound(slug);
  return { title: `Book with ${provider.businessName}` };
}

/**
 * The booking flow: service → day → time → details, each step's choice in the URL
 * (`?serviceId=&from=&date=&start=`) so back/forward and reloads land on the same step.
 */
export default async function BookPage({ params, searchParams }: Props) {
  const { slug } = await params;
  const provider = await getProviderOrNotFound(slug);
  const p = parseBookingParams(await searchParams);
  const service = provider.services.find((s) => s.id === p.serviceId);

  if (!service) {
    return (
      <Frame step="service">
        {p.serviceId ? <Flash tone="warning">That service can no longer be booked. Please choose another.</Flash> : null}
        <section aria-labelledby="choose-service" className="space-y-4">
          <h2 id="choose-service" className="text-lg font-semibold text-slate-900">
            Choose a service
          </h2>
          {provider.services.length === 0 ? (
            <EmptyState title="No services to book yet">Please check back later or contact the business.</EmptyState>
          ) : (
            <ServiceList
              services={provider.services}
              currency={provider.currency}
              actionLabel="Choose"
              hrefFor={(serviceId) => bookingHref(provider.slug, { serviceId })}
            />
          )}
        </section>
      </Frame>
    );
  }

  const tz = provider.timezone;
  const now = new Date();
  const serviceChoice = {
    label: "Service",
    value: `${service.name} · ${formatDuration(service.durationMinutes)} · ${formatPrice(service.priceCents, provider.currency)}`,
    changeHref: bookingHref(provider.slug, {}),
  };
  const w = pickerWindow(now, tz, provider.bookingHorizonDays, p);
  const picker = await loadBookingPicker(await getDb(), provider.id, service.id, w, now);
  if (!picker) {
    return (
      <Frame step="day">
        <Flash tone="warning">This service can&apos;t be booked online right now.</Flash>
        <Link href={bookingHref(provider.slug, {})} className="font-medium text-indigo-700 hover:underline">
          Choose another service
        </Link>
      </Frame>
    );
  }
  // PRO with members who provide the service: the client chooses someone, or "Any available".
  const { staffMode, team } = picker;
  const member = p.staffId && p.staffId !== "any" ? team.find((m) => m.id === p.staffId) : undefined;
  if (staffMode && p.staffId !== "any" && !member) {
    return (
      <Frame step="day">
        <ChoiceSummary choices={[serviceChoice]} />
        {p.staffId ? <Flash tone="warning">That staff member can&apos;t be booked for this service. Please choose again.</Flash> : null}
        <StaffChoice team={team} hrefFor={(staffId) => bookingHref(provider.slug, { serviceId: service.id, staffId })} />
      </Frame>
    );
  }
  // "any" (and anything for a FREE provider) lists every qualified member's times.
  const staffId = member?.id;
  const staffChoice = staffMode
    ? [{ label: "With", value: member ? member.name : "Any available", changeHref: bookingHref(provider.slug, { serviceId: service.id }), changeLabel: "Change" }]
    : [];
  const slots = await picker.slotsFor(staffId);

  const { from, date } = w;
  const picked = pickerTimes(slots, tz, w, p.start);
  const chosen = picked.chosen;
  const base = { serviceId: service.id, staffId: staffMode ? p.staffId : undefined };
  const step = chosen ? "details" : bookingStep({ ...p, start: undefined, date });

  if (step === "details" && chosen && date) {
    const start = new Date(chosen.value);
    const end = new Date(start.getTime() + service.durationMinutes * 60_000);
    const user = await getCurrentUser();
    const client = user?.role === "client" ? user : null;
    // What the account knows is filled in: its saved phone too, not only name and email.
    const account = client ? await getAccountProfile(await getDb(), client.id) : null;
    const dayHref = bookingHref(provider.slug, { ...base, from, date });
    return (
      <Frame step="details">
        <ChoiceSummary
          choices={[
            serviceChoice,
            ...staffChoice,
            { label: "When", value: `${formatWhen(start, end, tz)} (${tz})`, changeHref: dayHref, changeLabel: "Change time" },
          ]}
        />
        <CancellationPolicy start={start} provider={provider} now={now} />
        <section aria-labelledby="your-details" className="space-y-4">
          <h2 id="your-details" className="scroll-mt-4 text-lg font-semibold text-slate-900">
            Your details
          </h2>
          {client ? (
            <p className="text-sm text-slate-600">
              Booking as {client.name}. This appointment will appear in your account.
            </p>
          ) : (
            <p className="text-sm text-slate-600">
              No account needed. Have one?{" "}
              <Link
                href={`/login?next=${encodeURIComponent(bookingHref(provider.slug, { ...base, from, date, start: chosen.value }))}`}
                className="font-medium text-indigo-700 hover:underline"
              >
                Sign in
              </Link>{" "}
              to keep your bookings together.
            </p>
          )}
          <DetailsForm
            action={createBookingAction.bind(null, provider.slug)}
            serviceId={service.id}
            staffId={staffId}
            start={chosen.value}
            initial={{ name: account?.name ?? client?.name ?? "", email: account?.email ?? client?.email ?? "", phone: account?.phone ?? "" }}
            timezone={tz}
            otherDayHref={bookingHref(provider.slug, { ...base, from })}
            requestOnly={provider.requireApproval}
          />
        </section>
      </Frame>
    );
  }

  return (
    <Frame step={step === "time" ? "time" : "day"}>
      <ChoiceSummary choices={[serviceChoice, ...staffChoice]} />
      {p.start ? (
        <Flash tone="warning">Sorry, that time is no longer available. Please choose another time.</Flash>
      ) : null}
      <SlotPicker path={bookPath(provider.slug)} params={base} window={w} slots={picked} timezone={tz} nextAnchor="your-details" />
    </Frame>
  );
}

/** The cancellation window, before the client commits: until when it is free to change, or whom to call. */
function CancellationPolicy({
  start,
  provider,
  now,
}: {
  start: Date;
  provider: { businessName: string; phone: string; email: string; timezone: string; cancellationWindowHours: number };
  now: Date;
}) {
  const policy = changePolicy({ start, windowHours: provider.cancellationWindowHours, timezone: provider.timezone, now });
  return (
    <section aria-labelledby="cancellation-policy" className={`rounded-md px-3 py-2 text-sm ${policy.open ? "bg-slate-50 text-slate-700" : "bg-amber-50 text-amber-900"}`}>
      <h2 id="cancellation-policy" className="font-semibold">
        Cancellation policy
      </h2>
      <p>
        {policy.open
          ? policy.text
          : `Once booked, this time can't be cancelled or changed online: it is less than ${provider.cancellationWindowHours} ${provider.cancellationWindowHours === 1 ? "hour" : "hours"} away. ${contactBusiness(provider)}`}
      </p>
    </section>
  );
}

function Frame({ step, children }: { step: "service" | "day" | "time" | "details"; children: ReactNode }) {
  return (
    <div className="space-y-6">
      <BookingSteps current={step} />
      {children}
    </div>
  );
}
