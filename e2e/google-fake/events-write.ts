import { randomBytes } from "node:crypto";
import { occurrences, parseRecurrence } from "./recurrence";
import type { CalendarStore, FakeCalendar, FakeEvent, StoredEvent } from "./store";
import { instantOf, isTimeZone, nowStamp, type EventTime } from "./time";

/*
 * Writes to a calendar's events, shared by the Calendar API and the control API (a change "the
 * user made in Google"): Google's id rule, time validation, patch semantics (nested objects
 * merge, `null` clears a field, arrays replace), deletion as `status: "cancelled"` (the id stays
 * taken), and instances of recurring events (`<id>_<suffix>`) changed or cancelled one by one.
 */

export type WriteResult = { status: 200; stored: StoredEvent; ev: FakeEvent } | { status: 204 } | { status: number; message?: string; reason?: string };

// Google: ids use base32hex (lowercase a–v and 0–9), 5 to 1024 characters.
const EVENT_ID = /^[a-v0-9]{5,1024}$/;
const READ_ONLY = ["id", "kind", "etag", "created", "updated", "htmlLink", "iCalUID", "sequence", "creator", "recurringEventId", "originalStartTime"];
const RESPONSES = ["needsAction", "declined", "tentative", "accepted"];

const randomId = () => randomBytes(13).toString("hex").replace(/[w-z]/g, "a");
const etagFor = (seq: number) => `"${Date.now()}${String(seq).padStart(6, "0")}"`;

/** Why an event body is not one Google would store, or null. */
export function invalidEvent(ev: Record<string, unknown>, calendarTz: string): string | null {
  const start = ev.start as EventTime | undefined;
  const end = ev.end as EventTime | undefined;
  if (!start || !end || typeof start !== "object" || typeof end !== "object") return "Missing time.";
  if ((start.date === undefined) !== (end.date === undefined) || (start.date !== undefined && start.dateTime !== undefined)) {
    return "Start and end times must either both be date or both be dateTime.";
  }
  for (const [name, t] of [["start", start], ["end", end]] as const) {
    if (t.timeZone !== undefined && !isTimeZone(t.timeZone)) return `Invalid time zone definition for ${name} time.`;
    if (instantOf(t, calendarTz) === null) return `Invalid ${name} time.`;
  }
  if (instantOf(end, calendarTz)! <= instantOf(start, calendarTz)!) return "timeRangeEmpty";
  const rec = parseRecurrence(ev.recurrence);
  if (typeof rec === "string") return rec;
  if (rec && start.dateTime !== undefined && !start.timeZone) return "Missing time zone definition for start time.";
  if (ev.transparency !== undefined && ev.transparency !== "opaque" && ev.transparency !== "transparent") return "Invalid value for: transparency";
  if (ev.status !== undefined && !["confirmed", "tentative", "cancelled"].includes(ev.status as string)) return "Invalid value for: status";
  if (ev.attendees !== undefined) {
    const ok =
      Array.isArray(ev.attendees) &&
      ev.attendees.every((a: { email?: unknown; responseStatus?: unknown }) => typeof a?.email === "string" && (a.responseStatus === undefined || RESPONSES.includes(a.responseStatus as string)));
    if (!ok) return "Invalid attendee.";
  }
  return null;
}

function fail(calendarTz: string, ev: Record<string, unknown>): WriteResult | null {
  const problem = invalidEvent(ev, calendarTz);
  if (!problem) return null;
  return problem === "timeRangeEmpty" ? { status: 400, reason: "timeRangeEmpty" } : { status: 400, message: problem };
}

function withoutReadOnly(input: Record<string, unknown>) {
  const out = { ...input };
  for (const k of READ_ONLY) delete out[k];
  if (Array.isArray(out.attendees)) out.attendees = out.attendees.map(({ self: _self, ...a }: Record<string, unknown>) => ({ responseStatus: "needsAction", ...a }));
  return out;
}

export function insertEvent(store: CalendarStore, cal: FakeCalendar, input: Record<string, unknown>, creator: string): WriteResult {
  const id = typeof input.id === "string" ? input.id : randomId();
  if (!EVENT_ID.test(id)) return { status: 400, message: "Invalid resource id value." };
  const invalid = fail(cal.timeZone, input);
  if (invalid) return invalid;
  if (cal.events.has(id)) return { status: 409 };
  const now = nowStamp();
  const seq = store.nextSeq();
  const organizer = cal.id === cal.owner ? { email: cal.owner } : { email: cal.id, displayName: cal.summary };
  const ev: FakeEvent = {
    kind: "calendar#event",
    eventType: "default",
    reminders: { useDefault: true },
    ...withoutReadOnly(input),
    id,
    status: (input.status as FakeEvent["status"]) ?? "confirmed",
    sequence: 0,
    created: now,
    updated: now,
    etag: etagFor(seq),
    htmlLink: `https://calendar.google.test/event?eid=${id}`,
    iCalUID: `${id}@google.com`,
    creator: { email: creator },
    organizer,
  };
  const stored: StoredEvent = { ev, seq, order: store.nextOrder(), exceptions: new Map() };
  cal.events.set(id, stored);
  return { status: 200, stored, ev };
}

/** PATCH (merge) or PUT (replace) of an event or of one instance of a recurring event. */
export function changeEvent(store: CalendarStore, cal: FakeCalendar, eventId: string, input: Record<string, unknown>, mode: "patch" | "replace"): WriteResult {
  const found = findEvent(cal, eventId);
  if (!found) return { status: 404 };
  const current = found.ev;
  const body = withoutReadOnly(input);
  const next: Record<string, unknown> =
    mode === "patch" ? merge(current, body) : { ...pick(current, [...READ_ONLY, "organizer"]), ...body };
  const invalid = fail(cal.timeZone, next);
  if (invalid) return invalid;
  const seq = store.nextSeq();
  const timesMoved = JSON.stringify([current.start, current.end]) !== JSON.stringify([next.start, next.end]);
  Object.assign(next, { status: next.status ?? "confirmed", sequence: current.sequence + (timesMoved ? 1 : 0), updated: nowStamp(), etag: etagFor(seq) });
  return save(found, next as FakeEvent, seq);
}

/** Google's delete: the event stays, cancelled; deleting it again is 410 Gone. */
export function cancelEvent(store: CalendarStore, cal: FakeCalendar, eventId: string): WriteResult {
  const found = findEvent(cal, eventId);
  if (!found) return { status: 404 };
  if (found.ev.status === "cancelled") return { status: 410 };
  const seq = store.nextSeq();
  save(found, { ...found.ev, status: "cancelled", updated: nowStamp(), etag: etagFor(seq) }, seq);
  return { status: 204 };
}

type Found = { stored: StoredEvent; instanceId?: string; ev: FakeEvent };

/** A stored event, or an instance (`<id>_<suffix>`) of a recurring one with its changes applied. */
export function findEvent(cal: FakeCalendar, eventId: string): Found | null {
  const stored = cal.events.get(eventId);
  if (stored) return { stored, ev: stored.ev };
  const cut = eventId.lastIndexOf("_");
  const master = cut > 0 ? cal.events.get(eventId.slice(0, cut)) : undefined;
  if (!master?.ev.recurrence) return null;
  const exception = master.exceptions.get(eventId);
  if (exception) return { stored: master, instanceId: eventId, ev: exception.ev };
  const suffix = eventId.slice(cut + 1);
  const at = suffix.length === 8 ? Date.parse(`${suffix.slice(0, 4)}-${suffix.slice(4, 6)}-${suffix.slice(6)}T00:00:00Z`) : Date.parse(suffix.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, "$1-$2-$3T$4:$5:$6Z"));
  if (Number.isNaN(at)) return null;
  const occ = occurrences(master.ev, cal.timeZone, at - 2 * 86_400_000, at + 2 * 86_400_000).find((o) => o.suffix === suffix);
  return occ ? { stored: master, instanceId: eventId, ev: instanceOf(master.ev, occ) } : null;
}

/** One instance of a recurring event, as `singleEvents=true` lists it. */
export function instanceOf(master: FakeEvent, occ: { suffix: string; start: EventTime; end: EventTime }): FakeEvent {
  const { recurrence: _r, ...rest } = master;
  const id = `${master.id}_${occ.suffix}`;
  return { ...rest, id, iCalUID: master.iCalUID, recurringEventId: master.id, originalStartTime: occ.start, start: occ.start, end: occ.end } as FakeEvent;
}

function save(found: Found, next: FakeEvent, seq: number): WriteResult {
  if (found.instanceId) found.stored.exceptions.set(found.instanceId, { ev: next, seq });
  else Object.assign(found.stored, { ev: next, seq });
  return { status: 200, stored: found.stored, ev: next };
}

function merge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (isPlain(v) && isPlain(out[k])) out[k] = merge(out[k] as Record<string, unknown>, v);
    else out[k] = v;
  }
  return out;
}

const pick = (o: Record<string, unknown>, keys: string[]) => Object.fromEntries(keys.filter((k) => k in o).map((k) => [k, o[k]]));
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
