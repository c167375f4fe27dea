import { instanceOf } from "./events-write";
import { occurrences, parseRecurrence } from "./recurrence";
import type { FakeCalendar, FakeEvent } from "./store";
import { formatInstant, instantOf, timedInstant, type EventTime } from "./time";

/*
 * Events as a reader sees them. Google formats `dateTime` in the calendar's zone (or the
 * request's `timeZone`) whatever offset it was written with, omits the default `transparency`
 * ("opaque"), marks `self` on the attendee/organizer/creator that is this calendar, and lists a
 * deleted event with little more than its id ("only the id field is guaranteed"). Through the
 * availability view (`calendar.events.freebusy`, or a freeBusyReader role) an event shows its
 * times and nothing that says what it is.
 */

export type Item = { ev: FakeEvent; seq: number; order: number; startMs: number; endMs: number; series?: boolean };

const AVAILABILITY_FIELDS = ["kind", "etag", "id", "status", "updated", "start", "end", "transparency", "eventType", "recurringEventId", "originalStartTime"];

/** A calendar's events over [from, to): one item per event, or per instance with `singleEvents`. */
export function calendarItems(cal: FakeCalendar, singleEvents: boolean, from: number, to: number, tz = cal.timeZone): Item[] {
  const items: Item[] = [];
  const times = (ev: FakeEvent) => ({ startMs: instantOf(ev.start as EventTime, tz) ?? 0, endMs: instantOf(ev.end as EventTime, tz) ?? 0 });
  for (const stored of cal.events.values()) {
    const master = stored.ev;
    const rec = parseRecurrence(master.recurrence);
    if (!rec || typeof rec === "string") {
      items.push({ ev: master, seq: stored.seq, order: stored.order, ...times(master) });
      continue;
    }
    const occs = occurrences(master, cal.timeZone, from, to);
    if (!singleEvents) {
      // The series itself is "in" a window when one of its instances is.
      const span = occs.length ? { startMs: occs[0]!.startMs, endMs: occs.at(-1)!.endMs } : { startMs: 0, endMs: 0 };
      items.push({ ev: master, seq: stored.seq, order: stored.order, series: true, ...span });
      for (const x of stored.exceptions.values()) items.push({ ev: x.ev, seq: x.seq, order: stored.order, ...times(x.ev) });
      continue;
    }
    for (const occ of occs) {
      const x = stored.exceptions.get(`${master.id}_${occ.suffix}`);
      let ev = x?.ev ?? instanceOf(master, occ);
      if (master.status === "cancelled") ev = { ...ev, status: "cancelled" };
      items.push({ ev, seq: Math.max(stored.seq, x?.seq ?? 0), order: stored.order, ...(x ? times(x.ev) : { startMs: occ.startMs, endMs: occ.endMs }) });
    }
  }
  return items;
}

/** Whether an event makes its calendar busy, as freeBusy counts it. */
export function isBusy(ev: FakeEvent, cal: FakeCalendar): boolean {
  if (ev.status === "cancelled" || ev.transparency === "transparent" || ev.eventType === "workingLocation") return false;
  const attendees = (ev.attendees ?? []) as { email?: string; responseStatus?: string }[];
  return !attendees.some((a) => a.email?.toLowerCase() === cal.id && a.responseStatus === "declined");
}

export function present(ev: FakeEvent, cal: FakeCalendar, opts: { tz: string; view: "full" | "availability"; minimalCancelled: boolean }) {
  if (ev.status === "cancelled" && opts.minimalCancelled) {
    const gone: Record<string, unknown> = { kind: "calendar#event", etag: ev.etag, id: ev.id, status: "cancelled" };
    if (ev.recurringEventId) Object.assign(gone, { recurringEventId: ev.recurringEventId, originalStartTime: formatTime(ev.originalStartTime, opts.tz) });
    return gone;
  }
  const out = structuredClone(ev) as Record<string, unknown>;
  for (const k of ["start", "end", "originalStartTime"]) if (out[k]) out[k] = formatTime(out[k], opts.tz);
  if (out.transparency === "opaque") delete out.transparency;
  const self = <T extends { email?: string }>(p: T) => (p.email?.toLowerCase() === cal.id ? { ...p, self: true } : p);
  if (Array.isArray(out.attendees)) out.attendees = out.attendees.map(self);
  for (const k of ["organizer", "creator"]) if (out[k]) out[k] = self(out[k] as { email?: string });
  if (opts.view === "availability") for (const k of Object.keys(out)) if (!AVAILABILITY_FIELDS.includes(k)) delete out[k];
  return out;
}

function formatTime(t: unknown, tz: string) {
  const time = t as EventTime | undefined;
  if (!time?.dateTime) return time;
  const ms = timedInstant(time);
  return ms === null ? time : { ...time, dateTime: formatInstant(ms, tz) };
}
