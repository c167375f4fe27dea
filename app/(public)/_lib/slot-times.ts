import type { SlotFormState } from "@/lib/booking/slot-options";
import { parseInstant } from "@/lib/booking/picker";
import { formatDayLabel } from "@/lib/availability/format";
import { slotDays } from "@/lib/booking/slot-options";
import type { Db } from "@/db";
import { zonedDate } from "@/lib/availability";
import { listSlots } from "@/lib/booking/slots";
import { formValues } from "@/lib/infra/actions";
import { isAppError } from "@/lib/infra/errors";

export type SlotScope = { providerId: string; serviceId: string; staffId?: string | null; timezone: string };

/** The free times of the local day of `start`, or undefined when the service cannot be listed. */
export async function freeTimesAround(
  db: Db,
  scope: SlotScope,
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
  scope: SlotScope,
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
  scope: SlotScope,
  formData: FormData,
  now: Date = new Date(),
): Promise<SlotFormState> {
  const start = startOf(formData);
  if (!start || start === parseInstant(formData.get("offeredStart")?.toString())) return state;
  return { ...state, alternatives: await freeTimesAround(db, scope, new Date(start), now) };
}
