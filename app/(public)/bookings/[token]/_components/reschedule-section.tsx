import Link from "next/link";
import { rescheduleBookingAction } from "../actions";
import { RescheduleForm } from "./reschedule-form";
import { hrefWith } from "@/components/booking/booking-params";
import { dayWindow } from "@/components/booking/calendar-days";
import { DayPicker } from "@/components/booking/day-picker";
import { formatLongDate, formatWhen } from "@/components/booking/format";
import { slotDays } from "@/components/booking/slot-options";
import { TimePicker } from "@/components/booking/time-picker";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import { getDb } from "@/lib/runtime";
import { addDays, zonedDate } from "@/lib/availability";
import type { AppointmentView } from "@/lib/booking/manage";
import { listSlots } from "@/lib/booking/slots";
import { isAppError } from "@/lib/errors";

/**
 * Reschedule, like the booking flow: day → time → confirm, the choices in the URL
 * (`?reschedule=1&from=&date=&start=`) of the manage page itself.
 */
export async function RescheduleSection({
  token,
  appointment: a,
  choice,
}: {
  token: string;
  appointment: AppointmentView;
  choice: { from?: string; date?: string; start?: string };
}) {
  const path = `/bookings/${encodeURIComponent(token)}`;
  const tz = a.provider.timezone;
  const now = new Date();
  const today = zonedDate(now, tz);
  const lastDay = addDays(today, a.provider.bookingHorizonDays);
  const date = choice.date ?? (choice.start ? zonedDate(new Date(choice.start), tz) : undefined);
  let win = dayWindow({ today, lastDay, from: choice.from, selected: date });
  if (date && !win.days.includes(date) && date >= today && date <= lastDay) win = dayWindow({ today, lastDay, selected: date });
  const from = win.from === today ? undefined : win.from;
  const keep = (
    <Link href={path} className="text-sm font-medium text-indigo-700 hover:underline">
      Keep the current time
    </Link>
  );

  let listing;
  try {
    listing = await listSlots(
      await getDb(),
      { providerId: a.provider.id, serviceId: a.service.id, staffId: a.staffId, from: win.from, to: win.to },
      now,
    );
  } catch (e) {
    if (!isAppError(e) || e.code !== "NOT_FOUND") throw e;
    return (
      <Card title="Reschedule">
        <Flash tone="warning">
          This service can no longer be rescheduled online. Please contact {a.provider.businessName}
          {a.provider.phone ? ` on ${a.provider.phone}` : ""}.
        </Flash>
        <div className="mt-3">{keep}</div>
      </Card>
    );
  }

  const { counts, times } = slotDays(listing.slots, tz);
  const dayTimes = date ? (times[date] ?? []) : [];
  const chosen = choice.start ? dayTimes.find((t) => t.value === choice.start) : undefined;
  const q = (extra: Record<string, string | undefined>) => hrefWith(path, { reschedule: "1", ...extra });

  return (
    <Card title="Reschedule" actions={keep}>
      <div className="space-y-6">
        {choice.start && !chosen ? (
          <Flash tone="warning">Sorry, that time is no longer available. Please choose another time.</Flash>
        ) : null}
        <section aria-labelledby="choose-day" className="space-y-3">
          <h3 id="choose-day" className="font-semibold text-slate-900">
            Choose a day
          </h3>
          <DayPicker
            action={`${path}#choose-time`}
            hidden={{ reschedule: "1", from }}
            days={win.days}
            counts={counts}
            selected={date}
            earlierHref={win.earlier ? q({ from: win.earlier === today ? undefined : win.earlier }) : null}
            laterHref={win.later ? q({ from: win.later }) : null}
          />
        </section>
        {date ? (
          <section aria-labelledby="choose-time" className="space-y-3">
            <h3 id="choose-time" className="scroll-mt-4 font-semibold text-slate-900">
              Choose a time
            </h3>
            <p className="text-sm font-medium text-slate-800">{formatLongDate(date)}</p>
            <TimePicker
              action={`${path}#confirm-new-time`}
              hidden={{ reschedule: "1", from, date }}
              times={dayTimes}
              selected={chosen?.value}
              timezone={tz}
            />
          </section>
        ) : null}
        {chosen ? (
          <section aria-labelledby="confirm-new-time" className="space-y-3">
            <h3 id="confirm-new-time" className="scroll-mt-4 font-semibold text-slate-900">
              Confirm the new time
            </h3>
            <p className="text-sm text-slate-700">
              From <s>{formatWhen(a.start, a.end, tz)}</s>
              <br />
              to{" "}
              <strong>
                {formatWhen(
                  new Date(chosen.value),
                  new Date(Date.parse(chosen.value) + a.service.durationMinutes * 60_000),
                  tz,
                )}
              </strong>{" "}
              ({tz})
            </p>
            <RescheduleForm
              action={rescheduleBookingAction.bind(null, token)}
              start={chosen.value}
              timezone={tz}
              otherDayHref={q({ from })}
            />
          </section>
        ) : null}
      </div>
    </Card>
  );
}
