import type { Db } from "@/db";
import { zonedDate } from "@/lib/availability";
import { formatDayLabel } from "@/lib/availability/format";
import type { ActionState } from "@/lib/infra/action-state";
import { formValues } from "@/lib/infra/actions";
import { isAppError } from "@/lib/infra/errors";
import { parseInstant } from "./picker";
import type { AppointmentView } from "./read";
import { slotDays, type SlotFormState } from "./slot-options";
import { listSlots } from "./slots";

/*
 * "That time is gone: here are the others that day", written once for every form that books or
 * moves a time (the booking page, the manage pages' reschedule, the client's rebook).
 */

/** Whose free times a refused form is offered. */
export type TimesScope = { providerId: string; serviceId: string; staffId?: string | null; timezone: string };

/** The scope of an existing appointment: its service, and the member it is with. */
export const timesScopeOf = (a: AppointmentView): TimesScope => ({
  providerId: a.provider.id,
  serviceId: a.service.id,
  staffId: a.staffId,
  timezone: a.provider.timezone,
});

/** The free times of the local day of `start`, or undefined when the service cannot be listed. */
export async function freeTimesAround(
  db: Db,
  scope: TimesScope,
  start: Date,
  now: Date = new Date(),
): Promise<SlotFormState["alternatives"]> {
  const date = zonedDate(start, scope.timezone);
  try {
    const listing = await listSlots(db, { ...scope, from: date, to: date }, now);
    return { date, dateLabel: formatDayLabel(date), times: slotDays(listing.slots, listing.timezone).times[date] ?? [] };
  } catch (err) {
    if (isAppError(err)) return undefined;
    throw err;
  }
}

function startOf(formData: FormData): string | undefined {
  return parseInstant(formData.get("start")?.toString());
}

/**
 * After SLOT_TAKEN / OUTSIDE_HOURS: the message plus the times still free that day, so another
 * can be picked without retyping anything. Null for any other error.
 */
export async function slotRefusal(
  db: Db,
  e: unknown,
  scope: TimesScope,
  formData: FormData,
  now: Date = new Date(),
): Promise<SlotFormState | null> {
  if (!isAppError(e) || (e.code !== "SLOT_TAKEN" && e.code !== "OUTSIDE_HOURS")) return null;
  const message = e.code === "SLOT_TAKEN" ? e.message : (e.fieldErrors?.start?.[0] ?? e.message);
  const start = startOf(formData);
  return {
    ok: false,
    message,
    fieldErrors: { start: [message] },
    values: formValues(formData),
    alternatives: start ? await freeTimesAround(db, scope, new Date(start), now) : undefined,
  };
}

/**
 * Once the guest is picking from the offered times (the submitted `start` differs from the
 * `offeredStart` the page put in the form), a later refusal (say, a mistyped email) keeps those
 * times on screen with the pick still checked, instead of silently going back to the first time.
 */
export async function keepPicking(
  db: Db,
  state: SlotFormState,
  scope: TimesScope,
  formData: FormData,
  now: Date = new Date(),
): Promise<SlotFormState> {
  const start = startOf(formData);
  if (!start || start === parseInstant(formData.get("offeredStart")?.toString())) return state;
  return { ...state, alternatives: await freeTimesAround(db, scope, new Date(start), now) };
}

/**
 * A booking or reschedule form's answer to a refusal (`error`) or an input that did not parse:
 * after SLOT_TAKEN / OUTSIDE_HOURS the day's free times come back with the message, and while
 * the user picks among offered times they stay on screen (slotRefusal, keepPicking).
 */
export async function offerOtherTimes(
  db: Db,
  state: ActionState,
  scope: TimesScope,
  formData: FormData,
  error?: unknown,
): Promise<SlotFormState> {
  return (error ? await slotRefusal(db, error, scope, formData) : null) ?? keepPicking(db, state, scope, formData);
}
