import Link from "next/link";
import { rescheduleBookingAction } from "../actions";
import { PickForm } from "@/components/booking/pick-form";
import { hrefWith, pickerTimes, pickerWindow } from "@/lib/booking/picker";
import { loadPickerSlots, rescheduleScope } from "@/lib/booking/picker-slots";
import { formatWhen } from "@/lib/format";
import { SlotPicker } from "@/components/booking/slot-picker";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import type { AppointmentView } from "@/lib/booking/manage";

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
  const w = pickerWindow(now, tz, a.provider.bookingHorizonDays, choice);
  const from = w.from;
  const keep = (
    <Link href={path} className="text-sm font-medium text-indigo-700 hover:underline">
      Keep the current time
    </Link>
  );

  const slots = await loadPickerSlots(rescheduleScope(a), w, now);
  if (!slots) {
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

  const picked = pickerTimes(slots, tz, w, choice.start);
  const chosen = picked.chosen;
  const q = (extra: Record<string, string | undefined>) => hrefWith(path, { reschedule: "1", ...extra });

  return (
    <Card title="Reschedule" actions={keep}>
      <div className="space-y-6">
        {picked.gone ? (
          <Flash tone="warning">Sorry, that time is no longer available. Please choose another time.</Flash>
        ) : null}
        <SlotPicker
          path={path}
          params={{ reschedule: "1" }}
          window={w}
          slots={picked}
          timezone={tz}
          nextAnchor="confirm-new-time"
          showSelected
          headingLevel={3}
        />
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
            <PickForm
              action={rescheduleBookingAction.bind(null, token)}
              start={chosen.value}
              timezone={tz}
              otherDayHref={q({ from })}
              label="Confirm new time"
              pendingLabel="Moving…"
            />
          </section>
        ) : null}
      </div>
    </Card>
  );
}
