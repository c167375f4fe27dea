"use client";

import { usePathname, useRouter } from "next/navigation";
import { startTransition, useActionState, useState, useTransition, type FormEvent } from "react";
import { Flash } from "@/components/ui/flash";
import { Checkbox, Select, TextArea, TextField } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { initialActionState } from "@/lib/infra/action-state";
import { createAppointmentAction } from "../actions";

type Props = {
  services: { id: string; label: string }[];
  serviceId: string;
  /** Who provides the service (PRO with staff); empty: no choice to make. */
  members: { id: string; name: string }[];
  /** The chosen member, or "" for any available. */
  staffId: string;
  /** A start to begin with ("HH:MM", from the schedule's free cell), or "". */
  time: string;
  date: string;
  today: string;
  /** Open start times ("HH:MM") of the chosen service on the chosen date, as clients see them. */
  freeTimes: string[];
  timezoneLabel: string;
};

/**
 * Service and date are reflected in the URL so the server can list that day's free times;
 * changing them keeps everything else typed (client state), and any time can still be typed.
 */
export function NewAppointmentForm({
  services,
  serviceId: initialService,
  members,
  staffId: initialStaff,
  time: initialTime,
  date: initialDate,
  today,
  freeTimes,
  timezoneLabel,
}: Props) {
  const [state, action, pending] = useActionState(createAppointmentAction, initialActionState);
  const router = useRouter();
  const pathname = usePathname();
  const [loadingTimes, startLoadingTimes] = useTransition();
  const [serviceId, setServiceId] = useState(initialService);
  const [date, setDate] = useState(initialDate);
  const [staffId, setStaffId] = useState(initialStaff);
  const [time, setTime] = useState(initialTime);
  // A visit that already happened: any past time, saved as completed, no mails.
  const [happened, setHappened] = useState(state.values?.happened === "1");
  const v = (name: string) => state.values?.[name] ?? "";
  const e = (name: string) => state.fieldErrors?.[name];

  function reloadTimes(next: { serviceId: string; date: string; staffId?: string }) {
    if (!next.serviceId || !/^\d{4}-\d{2}-\d{2}$/.test(next.date)) return;
    const member = next.staffId ?? staffId;
    const q = new URLSearchParams({ serviceId: next.serviceId, date: next.date, ...(member ? { staffId: member } : {}) });
    startLoadingTimes(() => router.replace(`${pathname}?${q}`, { scroll: false }));
  }

  // Submitted by hand rather than through <form action>: React resets a form after its action,
  // which would put the controlled service, date and time back to their first values.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  }

  return (
    // `action` posts the form to the server action before JavaScript has loaded (never a GET
    // with personal data in the URL); once hydrated, onSubmit takes over and prevents it.
    <form action={action} onSubmit={onSubmit} className="space-y-6" noValidate>
      {state.message ? <Flash tone="error">{state.message}</Flash> : null}

      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">When</legend>
        <Select
          label="Service"
          name="serviceId"
          value={serviceId}
          onChange={(ev) => {
            setServiceId(ev.target.value);
            reloadTimes({ serviceId: ev.target.value, date });
          }}
          errors={e("serviceId")}
          options={services.map((s) => ({ value: s.id, label: s.label }))}
        />
        {members.length ? (
          <Select
            label="Staff member"
            name="staffId"
            value={staffId}
            onChange={(ev) => {
              setStaffId(ev.target.value);
              reloadTimes({ serviceId, date, staffId: ev.target.value });
            }}
            errors={e("staffId")}
            options={[{ value: "", label: "Any available" }, ...members.map((m) => ({ value: m.id, label: m.name }))]}
          />
        ) : null}
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Date"
            name="date"
            type="date"
            value={date}
            onChange={(ev) => {
              setDate(ev.target.value);
              reloadTimes({ serviceId, date: ev.target.value });
            }}
            errors={e("date")}
            required
            hint={date === today ? "Today" : undefined}
          />
          <TextField
            label="Time"
            name="time"
            type="time"
            value={time}
            onChange={(ev) => setTime(ev.target.value)}
            errors={e("time")}
            required
            hint={`In ${timezoneLabel}. Start times follow the service length from opening time, like the open slots below.`}
          />
        </div>
        <Checkbox
          label="This visit already happened"
          name="happened"
          value="1"
          checked={happened}
          onChange={(ev) => setHappened(ev.target.checked)}
          hint="Record a past walk-in as completed, at the time it took place. No confirmation or reminder is sent."
        />
        {happened ? null : (
          <div aria-live="polite" aria-busy={loadingTimes || undefined}>
            <p id="open-slots-heading" className="mb-2 text-sm font-medium text-slate-800">Open slots on this day</p>
            {loadingTimes ? (
              <p className="text-sm text-slate-500">Loading open slots…</p>
            ) : freeTimes.length ? (
              <ul className="flex flex-wrap gap-2" aria-labelledby="open-slots-heading">
                {freeTimes.map((t) => (
                  <li key={t}>
                    <button
                      type="button"
                      onClick={() => setTime(t)}
                      aria-pressed={t === time}
                      className={`min-h-9 rounded-md px-3 py-1.5 text-sm tabular-nums ring-1 ring-inset ${
                        t === time ? "bg-indigo-600 text-white ring-indigo-600" : "bg-white text-slate-800 ring-slate-300 hover:bg-slate-50"
                      }`}
                    >
                      {t}
                    </button>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-sm text-slate-500">
                No open slots online for this day (closed, fully booked, or within your minimum notice). You can still type a
                start within your opening hours.
              </p>
            )}
          </div>
        )}
        <Select
          label="Booked by"
          name="source"
          defaultValue={v("source") || "walk_in"}
          errors={e("source")}
          options={[
            { value: "walk_in", label: "Walk-in" },
            { value: "phone", label: "Phone" },
          ]}
        />
      </fieldset>

      <fieldset className="space-y-4">
        <legend className="text-base font-semibold text-slate-900">Client</legend>
        <TextField label="Client name" name="name" defaultValue={v("name")} errors={e("name")} required maxLength={100} autoComplete="off" />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Email" name="email" type="email" defaultValue={v("email")} errors={e("email")} required autoComplete="off" hint={happened ? "Kept on the visit's record; no mail is sent." : "The confirmation and manage link go here."} />
          <TextField label="Phone" name="phone" type="tel" defaultValue={v("phone")} errors={e("phone")} required autoComplete="off" />
        </div>
        <TextArea label="Notes" name="notes" defaultValue={v("notes")} errors={e("notes")} maxLength={1000} hint="Optional." />
      </fieldset>

      {happened ? (
        <Button pending={pending}>{pending ? "Saving…" : "Record visit"}</Button>
      ) : (
        <Button pending={pending}>{pending ? "Booking…" : "Book appointment"}</Button>
      )}
    </form>
  );
}
