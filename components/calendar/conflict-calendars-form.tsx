"use client";

import { useActionState } from "react";
import { Flash } from "@/components/ui/flash";
import { SubmitButton } from "@/components/ui/submit-button";
import { initialActionState, type ActionState } from "@/lib/infra/action-state";

export type ConflictCalendarOption = { id: string; summary: string; primary: boolean };

/**
 * "Check these calendars for conflicts": one checkbox per calendar of the account (Google's
 * calendarList, read when the page rendered), the saved choice ticked. When the list could not
 * be read, the saved choice is shown alone and nothing can be changed.
 */
export function ConflictCalendarsForm({
  action,
  calendars,
  chosen,
}: {
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  calendars: ConflictCalendarOption[] | null;
  chosen: string[];
}) {
  const [state, formAction] = useActionState(action, initialActionState);
  const name = (id: string) => (id === "primary" ? "Main calendar" : id);
  if (!calendars) {
    return (
      <div className="space-y-2 text-sm">
        <p className="text-amber-900" role="status">
          Your Google calendar list could not be loaded just now, so the choice cannot be changed. Try again in a moment.
        </p>
        <p className="text-slate-700">Checked now:</p>
        <ul className="list-disc pl-5 text-slate-800">
          {chosen.map((id) => (
            <li key={id} className="break-all">
              {name(id)}
            </li>
          ))}
        </ul>
      </div>
    );
  }
  const error = state.fieldErrors?.calendarId?.[0] ?? state.message;
  return (
    <form action={formAction} className="space-y-3" noValidate>
      {!state.ok && error ? <Flash tone="error">{error}</Flash> : null}
      <fieldset aria-describedby="conflict-calendars-hint">
        <legend className="text-sm font-medium text-slate-900">Check these calendars for conflicts</legend>
        <p id="conflict-calendars-hint" className="mt-1 text-sm text-slate-600">
          Busy times in the calendars you tick keep clients from booking you then. Choose at least one.
        </p>
        <ul className="mt-2 space-y-2">
          {calendars.map((c, i) => (
            <li key={c.id} className="flex items-start gap-2">
              <input
                id={`conflict-calendar-${i}`}
                type="checkbox"
                name="calendarId"
                value={c.id}
                defaultChecked={chosen.includes(c.id)}
                className="mt-0.5 size-4 shrink-0 rounded border-slate-300 text-indigo-600"
              />
              <label htmlFor={`conflict-calendar-${i}`} className="min-w-0 break-all text-sm text-slate-800">
                {/* The main calendar by its role: the account address is on the page already. */}
                {c.primary ? "Main calendar" : c.summary}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <SubmitButton variant="secondary" pendingLabel="Saving…">
        Save calendars
      </SubmitButton>
    </form>
  );
}
