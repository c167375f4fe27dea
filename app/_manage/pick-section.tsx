import Link from "next/link";
import { NavForm } from "@/components/booking/nav-form";
import { PickForm } from "@/components/booking/pick-form";
import type { SlotFormState } from "@/lib/booking/slot-options";
import { SlotPicker } from "@/components/booking/slot-picker";
import { buttonClass } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Flash } from "@/components/ui/flash";
import type { AppointmentView } from "@/lib/booking/read";
import { hrefWith, parsePickerChoice, pickerTimes, pickerWindow, type PickerChoice, type SearchParams } from "@/lib/booking/picker";
import { loadPickerSlots, rescheduleScope } from "@/lib/booking/picker-slots";
import { getDb } from "@/lib/app/runtime";
import { formatWhen } from "@/lib/availability/format";

type Action = (state: SlotFormState, formData: FormData) => Promise<SlotFormState>;

/**
 * Day → time → confirm for an existing appointment, through the shared slot picker, the
 * choices in the page's URL (`?from=&date=&start=` plus `params`): works without JavaScript.
 * The manage page's reschedule (guest and client) and the client's rebook use it; the server
 * checks the time again on write.
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
  confirmId = "confirm-time",
  unavailableVerb = "booked",
}: {
  path: string;
  params: Record<string, string>;
  appointment: AppointmentView;
  choice: PickerChoice;
  title: string;
  confirmHeading: string;
  confirmLabel: string;
  pendingLabel: string;
  action: Action;
  showOld: boolean;
  cancelHref: string;
  cancelLabel: string;
  /** The confirm step's heading id (the picker jumps there once a time is chosen). */
  confirmId?: string;
  /** "This service can no longer be … online" when nothing can be picked. */
  unavailableVerb?: string;
}) {
  const tz = a.provider.timezone;
  const now = new Date();
  const w = pickerWindow(now, tz, a.provider.bookingHorizonDays, choice);
  const back = (
    <Link href={cancelHref} className="text-sm font-medium text-indigo-700 hover:underline">
      {cancelLabel}
    </Link>
  );

  // Showing the old time means moving it: the reschedule's scope. A rebook books the same member anew.
  const scope = showOld ? rescheduleScope(a) : { providerId: a.provider.id, serviceId: a.service.id, staffId: a.staffId };
  const slots = await loadPickerSlots(await getDb(), scope, w, now);
  if (!slots) {
    return (
      <Card title={title}>
        <Flash tone="warning">
          This service can no longer be {unavailableVerb} online. Please contact {a.provider.businessName}
          {a.provider.phone ? ` on ${a.provider.phone}` : ""}.
        </Flash>
        <div className="mt-3">{back}</div>
      </Card>
    );
  }

  const picked = pickerTimes(slots, tz, w, choice.start);
  const chosen = picked.chosen;
  const minutes = a.service.durationMinutes;

  return (
    <Card title={title} actions={back}>
      <div className="space-y-6">
        {picked.gone ? <Flash tone="warning">Sorry, that time is no longer available. Please choose another time.</Flash> : null}
        <SlotPicker
          path={path}
          params={params}
          window={w}
          slots={picked}
          timezone={tz}
          nextAnchor={confirmId}
          showSelected
          headingLevel={3}
        />
        {chosen ? (
          <section aria-labelledby={confirmId} className="space-y-3">
            <h3 id={confirmId} className="scroll-mt-4 font-semibold text-slate-900">
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
              otherDayHref={hrefWith(path, { ...params, from: w.from })}
              label={confirmLabel}
              pendingLabel={pendingLabel}
            />
          </section>
        ) : null}
      </div>
    </Card>
  );
}

/** Opens an appointment page's reschedule step (`?reschedule=1`, scrolled to it). */
export function RescheduleButton({ path }: { path: string }) {
  return (
    <NavForm action={`${path}#reschedule`}>
      <button type="submit" name="reschedule" value="1" className={buttonClass("secondary")}>
        Reschedule
      </button>
    </NavForm>
  );
}

/** The manage page's reschedule step (manage-appointment.tsx). */
export function RescheduleSection({
  path,
  searchParams,
  ...props
}: Pick<Parameters<typeof PickSection>[0], "path" | "appointment" | "action"> & {
  searchParams: SearchParams;
}) {
  return (
    <div id="reschedule" className="scroll-mt-4">
      <PickSection
        path={path}
        params={{ reschedule: "1" }}
        choice={parsePickerChoice(searchParams)}
        title="Reschedule"
        confirmHeading="Confirm the new time"
        confirmLabel="Confirm new time"
        pendingLabel="Moving…"
        showOld
        cancelHref={path}
        cancelLabel="Keep the current time"
        confirmId="confirm-new-time"
        unavailableVerb="rescheduled"
        {...props}
      />
    </div>
  );
}
