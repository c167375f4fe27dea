"use client";

import { startTransition, useActionState, useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Flash } from "@/components/ui/flash";
import { initialActionState, type ActionState } from "@/lib/infra/action-state";
import { ConfirmConflicts } from "./confirm-conflicts";

type Row = { key: number; start: string; end: string };
type Day = { weekday: number; name: string };

const timeInput =
  "block w-full rounded-md border-0 px-3 py-2 text-base text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-500 sm:text-sm";

/**
 * Weekly intervals (the provider's opening hours, a staff member's availability), edited as
 * rows per weekday and saved as a whole by `action`. The rows live in client
 * state, so what the user typed survives a refused save. Needs JavaScript (rows are added
 * and removed in the browser).
 */
export function WeeklyIntervalsForm({
  days,
  initial,
  action: save,
  submitLabel = "Save hours",
  emptyLabel = "Closed",
}: {
  days: readonly Day[];
  initial: { weekday: number; start: string; end: string }[];
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  submitLabel?: string;
  emptyLabel?: string;
}) {
  const [state, action, pending] = useActionState(save, initialActionState);
  const [nextKey, setNextKey] = useState(initial.length);
  const [rows, setRows] = useState<Record<number, Row[]>>(() => {
    const byDay: Record<number, Row[]> = {};
    initial.forEach((i, key) => (byDay[i.weekday] ??= []).push({ key, start: i.start, end: i.end }));
    return byDay;
  });

  const update = (weekday: number, key: number, field: "start" | "end", value: string) =>
    setRows((r) => ({ ...r, [weekday]: (r[weekday] ?? []).map((row) => (row.key === key ? { ...row, [field]: value } : row)) }));
  const add = (weekday: number) => {
    const day = rows[weekday] ?? [];
    const next = suggestInterval(day[day.length - 1]);
    setRows((r) => ({ ...r, [weekday]: [...(r[weekday] ?? []), { key: nextKey, ...next }] }));
    setNextKey((k) => k + 1);
  };
  const remove = (weekday: number, key: number) =>
    setRows((r) => ({ ...r, [weekday]: (r[weekday] ?? []).filter((row) => row.key !== key) }));

  // Submitted by hand rather than through <form action>: React resets a form after its action,
  // which would put the controlled time inputs back to their first values while state keeps the new ones.
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  }

  return (
    // `action` posts the form to the server action before JavaScript has loaded (never a GET
    // with personal data in the URL); once hydrated, onSubmit takes over and prevents it.
    <form action={action} onSubmit={onSubmit} className="space-y-4" noValidate>
      {state.message && !state.fieldErrors?.confirmConflicts ? <Flash tone="error">{state.message}</Flash> : null}
      <div className="divide-y divide-slate-200">
        {days.map(({ weekday, name }) => {
          const dayRows = rows[weekday] ?? [];
          const error = state.fieldErrors?.[`day-${weekday}`];
          const errorId = `day-${weekday}-error`;
          return (
            <fieldset key={weekday} className="flow-root py-4 first:pt-0" aria-describedby={error ? errorId : undefined}>
              <legend className="mb-2 pt-2 font-medium text-slate-900 sm:float-left sm:mb-0 sm:w-32">{name}</legend>
              <div className="space-y-2 sm:ml-32">
                {dayRows.length === 0 ? <p className="pt-2 text-sm text-slate-500">{emptyLabel}</p> : null}
                {dayRows.map((row, i) => {
                  const n = i === 0 ? "" : ` ${i + 1}`;
                  const invalid = error ? true : undefined;
                  return (
                    <div key={row.key} className="flex flex-wrap items-end gap-2">
                      <label className="min-w-28 flex-1 text-xs text-slate-600">
                        <span>From</span>
                        <input
                          type="time"
                          name={`h-${weekday}-${i}-start`}
                          value={row.start}
                          onChange={(e) => update(weekday, row.key, "start", e.target.value)}
                          aria-label={`${name} from${n}`}
                          aria-invalid={invalid}
                          className={`${timeInput} mt-1`}
                        />
                      </label>
                      <label className="min-w-28 flex-1 text-xs text-slate-600">
                        <span>To</span>
                        <input
                          type="time"
                          name={`h-${weekday}-${i}-end`}
                          value={row.end}
                          onChange={(e) => update(weekday, row.key, "end", e.target.value)}
                          aria-label={`${name} to${n}`}
                          aria-invalid={invalid}
                          className={`${timeInput} mt-1`}
                        />
                      </label>
                      <Button type="button" variant="ghost" onClick={() => remove(weekday, row.key)} aria-label={`Remove ${name} interval${n}`}>
                        Remove
                      </Button>
                    </div>
                  );
                })}
                {error ? (
                  <p id={errorId} className="text-sm text-red-600" data-field-error={`day-${weekday}`}>
                    {error.join(" ")}
                  </p>
                ) : null}
                <Button type="button" variant="secondary" onClick={() => add(weekday)}>
                  Add interval
                </Button>
              </div>
            </fieldset>
          );
        })}
      </div>
      <ConfirmConflicts errors={state.fieldErrors?.confirmConflicts} label="Save anyway; I'll resolve these appointments" />
      <Button pending={pending}>{pending ? "Saving…" : submitLabel}</Button>
    </form>
  );
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toHhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;

/** A new row: a working day on an empty day, else a few hours starting an hour after the last row. */
function suggestInterval(last?: Row): { start: string; end: string } {
  if (!last || !/^\d\d:\d\d$/.test(last.end)) return { start: "09:00", end: "17:00" };
  const start = Math.min(toMinutes(last.end) + 60, 23 * 60);
  return { start: toHhmm(start), end: toHhmm(Math.min(start + 180, 23 * 60 + 59)) };
}
