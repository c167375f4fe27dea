import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getProviderOrNotFound } from "../provider";
import { createBookingAction } from "./actions";
import { DetailsForm } from "./_components/details-form";
import { BookingSteps } from "@/components/booking/booking-steps";
import { bookingHref, bookingStep, bookPath, parseBookingParams, type SearchParams } from "@/components/booking/booking-params";
import { dayWindow } from "@/components/booking/calendar-days";
import { ChoiceSummary } from "@/components/booking/choice-summary";
import { DayPicker } from "@/components/booking/day-picker";
import { formatDuration, formatLongDate, formatPrice, formatWhen } from "@/components/booking/format";
import { ServiceList } from "@/components/booking/service-list";
import { slotDays } from "@/components/booking/slot-options";
import { TimePicker } from "@/components/booking/time-picker";
import { EmptyState } from "@/components/ui/empty-state";
import { Flash } from "@/components/ui/flash";
import { getDb } from "@/lib/runtime";
import { addDays, zonedDate } from "@/lib/availability";
import { getCurrentUser } from "@/lib/auth/guards";
import { listSlots } from "@/lib/booking/slots";
import { isAppError } from "@/lib/errors";

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
  const today = zonedDate(now, tz);
  const lastDay = addDays(today, provider.bookingHorizonDays);
  const date = p.date ?? (p.start ? zonedDate(new Date(p.start), tz) : undefined);
  let win = dayWindow({ today, lastDay, from: p.from, selected: date });
  // A hand-edited `from` that hides the chosen day gives way to the day.
  if (date && !win.days.includes(date) && date >= today && date <= lastDay) win = dayWindow({ today, lastDay, selected: date });

  let listing;
  try {
    listing = await listSlots(
      await getDb(),
      { providerId: provider.id, serviceId: service.id, staffId: p.staffId, from: win.from, to: win.to },
      now,
    );
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") {
      return (
        <Frame step="day">
          <Flash tone="warning">This service can&apos;t be booked online right now.</Flash>
          <Link href={bookingHref(provider.slug, {})} className="font-medium text-indigo-700 hover:underline">
            Choose another service
          </Link>
        </Frame>
      );
    }
    throw e;
  }

  const { counts, times } = slotDays(listing.slots, tz);
  const from = win.from === today ? undefined : win.from;
  const base = { serviceId: service.id, staffId: p.staffId };
  const dayTimes = date ? (times[date] ?? []) : [];
  const chosen = p.start ? dayTimes.find((t) => t.value === p.start) : undefined;
  const step = chosen ? "details" : bookingStep({ ...p, start: undefined, date });

  const serviceChoice = {
    label: "Service",
    value: `${service.name} · ${formatDuration(service.durationMinutes)} · ${formatPrice(service.priceCents)}`,
    changeHref: bookingHref(provider.slug, {}),
  };

  if (step === "details" && chosen && date) {
    const start = new Date(chosen.value);
    const end = new Date(start.getTime() + service.durationMinutes * 60_000);
    const user = await getCurrentUser();
    const client = user?.role === "client" ? user : null;
    const dayHref = bookingHref(provider.slug, { ...base, from, date });
    return (
      <Frame step="details">
        <ChoiceSummary
          choices={[
            serviceChoice,
            { label: "When", value: `${formatWhen(start, end, tz)} (${tz})`, changeHref: dayHref, changeLabel: "Change time" },
          ]}
        />
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
            staffId={p.staffId}
            start={chosen.value}
            initial={{ name: client?.name ?? "", email: client?.email ?? "", phone: "" }}
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
      <ChoiceSummary choices={[serviceChoice]} />
      {p.start ? (
        <Flash tone="warning">Sorry, that time is no longer available. Please choose another time.</Flash>
      ) : null}
      <section aria-labelledby="choose-day" className="space-y-3">
        <h2 id="choose-day" className="text-lg font-semibold text-slate-900">
          Choose a day
        </h2>
        <DayPicker
          action={`${bookPath(provider.slug)}#choose-time`}
          hidden={{ ...base, from }}
          days={win.days}
          counts={counts}
          selected={date}
          earlierHref={win.earlier ? bookingHref(provider.slug, { ...base, from: win.earlier === today ? undefined : win.earlier }) : null}
          laterHref={win.later ? bookingHref(provider.slug, { ...base, from: win.later }) : null}
        />
      </section>
      {date ? (
        <section aria-labelledby="choose-time" className="space-y-3">
          <h2 id="choose-time" className="scroll-mt-4 text-lg font-semibold text-slate-900">
            Choose a time
          </h2>
          <p className="text-sm font-medium text-slate-800">{formatLongDate(date)}</p>
          <TimePicker
            action={`${bookPath(provider.slug)}#your-details`}
            hidden={{ ...base, from, date }}
            times={dayTimes}
            timezone={tz}
          />
        </section>
      ) : null}
    </Frame>
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
