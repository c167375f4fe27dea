import type { Reply } from "./errors";
import { calendarItems, isBusy } from "./events-view";
import type { FakeState, Grant } from "./state";
import { formatInstant, isTimeZone, parseInstant } from "./time";

/*
 * freeBusy.query: for each calendar asked for, the busy intervals within [timeMin, timeMax),
 * clipped to it, overlapping and touching intervals merged, in the request's `timeZone` (UTC by
 * default). Busy: every event or instance that is not cancelled, not marked free
 * (`transparency: "transparent"`), not a working-location entry, and not declined by the
 * calendar itself (its own attendee entry). All-day events count like any other, busy from
 * midnight to midnight in the calendar's zone, unless marked free (Google's UI marks new all-day
 * events free; the API's default is busy). A calendar the account cannot see gets
 * `errors: [{domain: "global", reason: "notFound"}]` and no busy times; the key is the id as asked
 * ("primary" stays "primary").
 */

const MAX_CALENDARS = 50;

export function freeBusyQuery(state: FakeState, grant: Grant, body: unknown): Reply {
  const b = (body ?? {}) as { timeMin?: string; timeMax?: string; timeZone?: string; items?: { id?: unknown }[]; calendarExpansionMax?: number };
  if (!b.timeMin) return { status: 400, reason: "required", message: "Missing time min.", location: "timeMin" };
  if (!b.timeMax) return { status: 400, reason: "required", message: "Missing time max.", location: "timeMax" };
  const from = parseInstant(b.timeMin);
  const to = parseInstant(b.timeMax);
  if (from === null) return { status: 400, reason: "invalid", message: "Bad Request", location: "timeMin" };
  if (to === null) return { status: 400, reason: "invalid", message: "Bad Request", location: "timeMax" };
  if (to <= from) return { status: 400, reason: "timeRangeEmpty", location: "timeMax" };
  const tz = b.timeZone ?? "UTC";
  if (!isTimeZone(tz)) return { status: 400, reason: "invalid", message: "Invalid time zone definition.", location: "timeZone" };
  if (!Array.isArray(b.items)) return { status: 400, reason: "required", message: "Required", location: "items" };
  const limit = Math.min(MAX_CALENDARS, b.calendarExpansionMax ?? MAX_CALENDARS);

  const calendars: Record<string, { busy: { start: string; end: string }[]; errors?: { domain: string; reason: string }[] }> = {};
  b.items.forEach((item, i) => {
    const id = String(item?.id ?? "");
    if (i >= limit) {
      calendars[id] = { errors: [{ domain: "global", reason: "tooManyCalendarsRequested" }], busy: [] };
      return;
    }
    const seen = state.store.access(grant.email, id);
    if (!seen) {
      calendars[id] = { errors: [{ domain: "global", reason: "notFound" }], busy: [] };
      return;
    }
    const cal = seen.cal;
    const spans = calendarItems(cal, true, from, to)
      .filter((it) => isBusy(it.ev, cal) && it.endMs > from && it.startMs < to)
      .map((it) => [Math.max(it.startMs, from), Math.min(it.endMs, to)] as [number, number])
      .sort((x, y) => x[0] - y[0]);
    const merged: [number, number][] = [];
    for (const s of spans) {
      const last = merged.at(-1);
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([...s]);
    }
    calendars[id] = { busy: merged.map(([s, e]) => ({ start: formatInstant(s, tz), end: formatInstant(e, tz) })) };
  });
  return {
    status: 200,
    body: { kind: "calendar#freeBusy", timeMin: new Date(from).toISOString(), timeMax: new Date(to).toISOString(), calendars },
  };
}
