import { z } from "zod";
import { isSaneInstant, isSaneIsoDate } from "@/lib/infra/text";
import { parseUuid } from "@/lib/infra/validation";
import { addDays, zonedDate } from "@/lib/availability";
import { dayWindow, isCalendarDate, type DayWindow } from "./calendar-days";
import { slotDays, type TimeOption } from "./slot-options";

/**
 * The booking flow keeps its state in the URL (`?serviceId=&date=&start=`), so back/forward,
 * reloads and shared links land on the same step. Anything malformed is dropped, never
 * trusted: the server re-checks every choice against listSlots/createBooking anyway.
 */
export type BookingParams = {
  serviceId?: string;
  /** A member's id, or "any" for "Any available" (PRO providers with staff). */
  staffId?: string;
  /** First day of the day window the guest navigated to ("Earlier"/"Later"). */
  from?: string;
  date?: string;
  /** The chosen slot's start, normalised to an ISO instant. */
  start?: string;
};

export type SearchParams = Record<string, string | string[] | undefined>;

export type BookingStep = "service" | "day" | "time" | "details";

const instant = z.iso.datetime({ offset: true });

function first(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" && v.trim() !== "" ? v.trim() : undefined;
}

/** "2025-12-07T09:30:00+00:00" → "2025-12-07T09:30:00.000Z"; anything else → undefined. */
export function parseInstant(value: string | string[] | undefined): string | undefined {
  const v = first(value);
  if (!v || !instant.safeParse(v).success || !isSaneInstant(v)) return undefined;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

export function parseDate(value: string | string[] | undefined): string | undefined {
  const v = first(value);
  return v && isCalendarDate(v) && isSaneIsoDate(v) ? v : undefined;
}

export function parseBookingParams(sp: SearchParams): BookingParams {
  const serviceId = parseUuid(sp.serviceId);
  // Later choices only mean something once a service is chosen.
  if (!serviceId) return {};
  return clean({
    serviceId,
    staffId: first(sp.staffId) === "any" ? "any" : parseUuid(sp.staffId),
    from: parseDate(sp.from),
    date: parseDate(sp.date),
    start: parseInstant(sp.start),
  });
}

/** Which step the flow is on; `start` alone (without `date`) still counts as a chosen time. */
export function bookingStep(p: BookingParams): BookingStep {
  if (!p.serviceId) return "service";
  if (p.start) return "details";
  if (p.date) return "time";
  return "day";
}

function clean<T extends Record<string, string | undefined>>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

/** A path with the given query parameters, in the given order, skipping empty ones. */
export function hrefWith(path: string, params: Record<string, string | null | undefined>, hash?: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  const query = q.toString();
  return `${path}${query ? `?${query}` : ""}${hash ? `#${hash}` : ""}`;
}

export function bookPath(slug: string): string {
  return `/p/${encodeURIComponent(slug)}/book`;
}

/** The booking flow's URL for these choices (keys in the order the flow adds them). */
export function bookingHref(slug: string, p: BookingParams, hash?: string): string {
  return hrefWith(
    bookPath(slug),
    { serviceId: p.serviceId, staffId: p.staffId, from: p.from, date: p.date, start: p.start },
    hash,
  );
}

/** Day/time choices a slot picker carries in its URL. */
export type PickerChoice = { from?: string; date?: string; start?: string };

export function parsePickerChoice(sp: SearchParams): PickerChoice {
  return { from: parseDate(sp.from), date: parseDate(sp.date), start: parseInstant(sp.start) };
}

export type PickerWindow = {
  today: string;
  /** The chosen day: `date`, or the day of a chosen `start`. */
  date?: string;
  /** The window's first day for links and hidden fields; undefined when it starts today. */
  from?: string;
  window: DayWindow;
  /** `from` of the "Earlier days" / "Later days" links, or null at the ends (undefined: today). */
  earlierFrom: string | undefined | null;
  laterFrom: string | null;
};

/**
 * Which days a picker shows, from the URL's choice and the provider's horizon, on the
 * provider's calendar. A hand-edited `from` that hides the chosen day gives way to the day.
 */
export function pickerWindow(now: Date, timezone: string, horizonDays: number, choice: PickerChoice): PickerWindow {
  const today = zonedDate(now, timezone);
  const lastDay = addDays(today, horizonDays);
  const date = choice.date ?? (choice.start ? zonedDate(new Date(choice.start), timezone) : undefined);
  let window = dayWindow({ today, lastDay, from: choice.from, selected: date });
  if (date && !window.days.includes(date) && date >= today && date <= lastDay) window = dayWindow({ today, lastDay, selected: date });
  const earlierFrom = window.earlier === null ? null : window.earlier === today ? undefined : window.earlier;
  return { today, date, from: window.from === today ? undefined : window.from, window, earlierFrom, laterFrom: window.later };
}

export type PickerTimes = {
  counts: Record<string, number>;
  /** The chosen day's free times. */
  times: TimeOption[];
  /** The chosen time, when it is still free. */
  chosen?: TimeOption;
  /** A `start` was asked for that is no longer free. */
  gone: boolean;
};

/** The days' free-time counts, the chosen day's times and whether the chosen time is still free. */
export function pickerTimes(slots: readonly { start: Date }[], timezone: string, w: PickerWindow, start?: string): PickerTimes {
  const { counts, times } = slotDays(slots, timezone);
  const dayTimes = w.date ? (times[w.date] ?? []) : [];
  const chosen = start ? dayTimes.find((t) => t.value === start) : undefined;
  return { counts, times: dayTimes, chosen, gone: Boolean(start && !chosen) };
}
