import { cancelEvent, changeEvent, findEvent, insertEvent, type WriteResult } from "./events-write";
import type { FakeState } from "./state";
import { isRole, type FakeCalendar } from "./store";
import { isTimeZone } from "./time";

/*
 * The control API's calendar side: what a user does in Google's own apps. Accounts and their
 * time zone, secondary calendars and sharing, and events created, changed, answered and deleted
 * "by the user" (no token, no scope). Changes take part in sync like any other: the next
 * incremental events.list returns them.
 *   POST /_control/accounts          {email, timeZone?}
 *   POST /_control/calendars         {owner, summary, id?, timeZone?, description?, backgroundColor?, shareWith?: [{email, role, hidden?}]}
 *   POST /_control/share             {calendarId, email, role, hidden?}
 *   POST /_control/events            {email, calendarId?, event}
 *   POST /_control/events/update     {email, calendarId?, eventId, changes}   (PATCH semantics)
 *   POST /_control/events/delete     {email, calendarId?, eventId}
 *   POST /_control/events/respond    {email, calendarId?, eventId, responseStatus, attendee?}
 *   POST /_control/expire-sync-tokens {email?, calendarId?}
 */

type Body = Record<string, unknown>;
export type ControlReply = { status: number; body: unknown };

const err = (status: number, error: string): ControlReply => ({ status, body: { error } });
const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);

export function calendarControl(state: FakeState, path: string, b: Body): ControlReply | null {
  const store = state.store;
  switch (path) {
    case "/_control/accounts": {
      const email = str(b.email)?.toLowerCase();
      if (!email) return err(400, "email is required");
      if (b.timeZone !== undefined && !isTimeZone(b.timeZone)) return err(400, "timeZone must be an IANA zone");
      store.ensureAccount(email, { timeZone: b.timeZone as string | undefined });
      return { status: 200, body: { email, calendars: state.snapshot(email).calendars } };
    }
    case "/_control/calendars": {
      const owner = str(b.owner)?.toLowerCase();
      const summary = str(b.summary);
      if (!owner || !summary) return err(400, "owner and summary are required");
      if (b.timeZone !== undefined && !isTimeZone(b.timeZone)) return err(400, "timeZone must be an IANA zone");
      if (str(b.id) && store.calendars.has(str(b.id)!.toLowerCase())) return err(409, "a calendar with this id exists");
      const shares = Array.isArray(b.shareWith) ? (b.shareWith as Body[]) : [];
      if (shares.some((s) => !str(s.email) || !isRole(s.role))) return err(400, "shareWith entries need email and role (freeBusyReader, reader, writer, owner)");
      const cal = store.createCalendar(owner, {
        id: str(b.id),
        summary,
        description: str(b.description),
        timeZone: b.timeZone as string | undefined,
        backgroundColor: str(b.backgroundColor),
      });
      for (const s of shares) store.share(cal.id, str(s.email)!.toLowerCase(), s.role as never, s.hidden === true);
      return { status: 200, body: { id: cal.id, summary: cal.summary, owner: cal.owner, timeZone: cal.timeZone } };
    }
    case "/_control/share": {
      const id = str(b.calendarId)?.toLowerCase();
      if (!id || !store.calendars.has(id)) return err(404, "no such calendar");
      if (!str(b.email) || !isRole(b.role)) return err(400, "email and role (freeBusyReader, reader, writer, owner) are required");
      store.share(id, str(b.email)!.toLowerCase(), b.role, b.hidden === true);
      return { status: 200, body: { calendarId: id, email: str(b.email)!.toLowerCase(), role: b.role } };
    }
    case "/_control/expire-sync-tokens": {
      const email = str(b.email)?.toLowerCase();
      const id = str(b.calendarId)?.toLowerCase();
      const cals = [...store.calendars.values()].filter((c) => (id ? c.id === id : !email || store.accounts.get(email)?.list.has(c.id)));
      for (const c of cals) c.generation++;
      return { status: 200, body: { expired: cals.map((c) => c.id) } };
    }
  }
  if (!path.startsWith("/_control/events")) return null;
  const cal = target(state, b);
  if (typeof cal === "string") return err(cal === "no such calendar" ? 404 : 400, cal);
  const actor = str(b.email)?.toLowerCase() ?? cal.owner;
  switch (path) {
    case "/_control/events":
      if (typeof b.event !== "object" || !b.event) return err(400, "event is required");
      return result(insertEvent(store, cal, b.event as Body, actor), cal);
    case "/_control/events/update":
      if (!str(b.eventId) || typeof b.changes !== "object" || !b.changes) return err(400, "eventId and changes are required");
      return result(changeEvent(store, cal, str(b.eventId)!, b.changes as Body, "patch"), cal);
    case "/_control/events/delete":
      if (!str(b.eventId)) return err(400, "eventId is required");
      return result(cancelEvent(store, cal, str(b.eventId)!), cal);
    case "/_control/events/respond": {
      const found = str(b.eventId) ? findEvent(cal, str(b.eventId)!) : null;
      if (!found) return err(404, "no such event");
      if (!["needsAction", "declined", "tentative", "accepted"].includes(b.responseStatus as string)) {
        return err(400, "responseStatus must be needsAction, declined, tentative or accepted");
      }
      const who = str(b.attendee)?.toLowerCase() ?? cal.id;
      const attendees = ((found.ev.attendees ?? []) as Body[]).filter((a) => String(a.email).toLowerCase() !== who);
      attendees.push({ email: who, responseStatus: b.responseStatus });
      return result(changeEvent(store, cal, found.ev.id, { attendees }, "patch"), cal);
    }
  }
  return err(404, "unknown control endpoint");
}

/** `calendarId` (any calendar) or the primary calendar of `email`. */
function target(state: FakeState, b: Body): FakeCalendar | string {
  const id = str(b.calendarId)?.toLowerCase();
  if (id && id !== "primary") return state.store.calendars.get(id) ?? "no such calendar";
  const email = str(b.email);
  return email ? state.store.ownCalendar(email)! : "email or calendarId is required";
}

function result(r: WriteResult, cal: FakeCalendar): ControlReply {
  if ("ev" in r) return { status: 200, body: { calendarId: cal.id, event: r.ev } };
  if (r.status === 204) return { status: 200, body: { calendarId: cal.id, deleted: true } };
  const words: Record<number, string> = { 404: "no such event", 409: "an event with this id exists", 410: "the event is already deleted" };
  const msg = "message" in r && r.message ? r.message : "reason" in r && r.reason ? r.reason : words[r.status] ?? "refused";
  return err(r.status, msg);
}
