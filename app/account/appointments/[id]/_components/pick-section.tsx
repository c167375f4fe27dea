import Link from "next/link";
import { PickForm } from "./pick-form";
import type { SlotFormState } from "@/app/(public)/_lib/form-state";
import { hrefWith } from "@/components/booking/booking-params";
import { dayWindow } from "@/components/booking/calendar-days";
import { DayPicker } from "@/components/booking/day-picker";
import { formatLongDate, formatWhen } from "@/components/booking/format";
import { slotDays } from "@/components/booking/slot-options";
import { TimePicker } from "@/components/booking/time-picker";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import { getDb } from "@/db";
import { addDays, zonedDate } from "@/lib/availability";
import type { AppointmentView } from "@/lib/booking/manage";
import { listSlots } from "@/lib/booking/slots";
import { isAppError } from "@/lib/errors";

type Action = (state: SlotFormState, formData: FormData) => Promise<SlotFormState>;

/**
 * Day → time → confirm for one of the client's appointments, the choices in the page's URL
 * (`?from=&date=&start=` plus `params`), as the booking flow does: works without JavaScript.
 * Reschedule and rebook both use it; the server checks the chosen time again when it writes.
 */
export async function PickSection({
  path,
  params,
  appointment: a,
  choice,
  title,
  confirmHeading,
  confirmLabel,
  pendingLabel,
  action,
  showOld,
  cancelHref,
  cancelLabel,
}: {
  path: string;
  params: Record<string, string>;
  appointment: AppointmentView;
  choice: { from?: string; date?: string; start?: string };
  title: string;
  confirmHeading: string;
  confirmLabel: string;
  pendingLabel: string;
  action: Action;
  showOld: boolean;
  cancelHref: string;
  cancelLabel: string;
}) {
  const tz = a.provider.timezone;
  const now = new Date();
  const today = zonedDate(now, tz);
  const lastDay = addDays(today, a.provider.bookingHorizonDays);
  const date = choice.date ?? (choice.start ? zonedDate(new Date(choice.start), tz) : undefined);
  let win = dayWindow({ today, lastDay, from: choice.from, selected: date });
  if (date && !win.days.includes(date) && date >= today && date <= lastDay) win = dayWindow({ today, lastDay, selected: date });
  const from = win.from === today ? undefined : win.from;
  const back = (
    <Link href={cancelHref} className="text-sm font-medium text-indigo-700 hover:underline">
      {cancelLabel}
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
      <Card title={title}>
        <Flash tone="warning">
          This service can no longer be booked online. Please contact {a.provider.businessName}
          {a.provider.phone ? ` on ${a.provider.phone}` : ""}.
        </Flash>
        <div className="mt-3">{back}</div>
      </Card>
    );
  }

  const { counts, times } = slotDays(listing.slots, tz);
  const dayTimes = date ? (times[date] ?? []) : [];
  const chosen = choice.start ? dayTimes.find((t) => t.value === choice.start) : undefined;
  const q = (extra: Record<string, string | undefined>) => hrefWith(path, { ...params, ...extra });
  const minutes = a.service.durationMinutes;

  return (
    <Card title={title} actions={back}>
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
            hidden={{ ...params, from }}
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
              action={`${path}#confirm-time`}
              hidden={{ ...params, from, date }}
              times={dayTimes}
              selected={chosen?.value}
              timezone={tz}
            />
          </section>
        ) : null}
        {chosen ? (
          <section aria-labelledby="confirm-time" className="space-y-3">
            <h3 id="confirm-time" className="scroll-mt-4 font-semibold text-slate-900">
              {confirmHeading}
            </h3>
            <p className="text-sm text-slate-700">
              {showOld ? (
                <>
                  From <s>{formatWhen(a.start, a.end, tz)}</s>
                  <br />
                  to{" "}
                </>
              ) : null}
              <strong>{formatWhen(new Date(chosen.value), new Date(Date.parse(chosen.value) + minutes * 60_000), tz)}</strong> ({tz})
            </p>
            <PickForm
              action={action}
              start={chosen.value}
              timezone={tz}
              otherDayHref={q({ from })}
              label={confirmLabel}
              pendingLabel={pendingLabel}
            />
          </section>
        ) : null}
      </div>
    </Card>
  );
}
