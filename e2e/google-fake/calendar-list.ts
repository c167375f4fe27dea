import type { Reply } from "./errors";
import type { FakeState } from "./state";
import { isRole, ROLE_RANK, type FakeCalendar, type ListEntry } from "./store";

/*
 * calendarList.list and .get: the calendars an account sees (its primary, secondary calendars it
 * owns, calendars shared with it), with its access role, paged by maxResults (default 100, at
 * most 250) and filtered by minAccessRole; hidden entries only with showHidden=true.
 * calendarList sync (syncToken) is not implemented: the fake refuses it rather than ignore it.
 */

const encode = (offset: number) => `CAE${Buffer.from(JSON.stringify({ o: offset })).toString("base64url")}`;
function decodeOffset(token: string): number | null {
  try {
    const v = JSON.parse(Buffer.from(token.replace(/^CAE/, ""), "base64url").toString()) as { o?: unknown };
    return token.startsWith("CAE") && Number.isInteger(v.o) ? (v.o as number) : null;
  } catch {
    return null;
  }
}

export function entryOf(cal: FakeCalendar, entry: ListEntry) {
  const canWrite = ROLE_RANK[entry.role] >= ROLE_RANK.writer;
  return {
    kind: "calendar#calendarListEntry",
    etag: `"${cal.generation}${entry.order}"`,
    id: cal.id,
    summary: cal.summary,
    ...(cal.description ? { description: cal.description } : {}),
    timeZone: cal.timeZone,
    colorId: cal.colorId,
    backgroundColor: cal.backgroundColor,
    foregroundColor: cal.foregroundColor,
    ...(entry.hidden ? { hidden: true } : { selected: true }),
    accessRole: entry.role,
    defaultReminders: canWrite ? [{ method: "popup", minutes: 30 }] : [],
    ...(entry.primary
      ? {
          primary: true,
          notificationSettings: { notifications: [{ type: "eventCreation", method: "email" }, { type: "eventChange", method: "email" }] },
        }
      : {}),
    conferenceProperties: { allowedConferenceSolutionTypes: ["hangoutsMeet"] },
  };
}

export function calendarListList(state: FakeState, email: string, q: URLSearchParams): Reply {
  if (q.has("syncToken")) return { status: 400, reason: "invalid", message: "The fake Google does not implement calendarList sync tokens." };
  const min = q.get("minAccessRole");
  if (min !== null && !isRole(min)) return { status: 400, reason: "invalid", message: `Invalid value for: ${min} is not a valid value`, location: "minAccessRole" };
  const max = q.has("maxResults") ? Number(q.get("maxResults")) : 100;
  if (!Number.isInteger(max) || max < 1) return { status: 400, reason: "invalid", message: `Invalid value '${q.get("maxResults")}'. Values must be within the range: [1, 250]`, location: "maxResults" };
  const token = q.get("pageToken");
  const offset = token ? decodeOffset(token) : 0;
  if (offset === null) return { status: 400, reason: "invalid", message: "Invalid page token value.", location: "pageToken" };

  const account = state.store.accounts.get(email);
  const entries = [...(account?.list ?? new Map<string, ListEntry>()).entries()]
    .filter(([, e]) => (!e.hidden || q.get("showHidden") === "true") && (!min || ROLE_RANK[e.role] >= ROLE_RANK[min]))
    .sort(([, a], [, b]) => Number(!!b.primary) - Number(!!a.primary) || a.order - b.order)
    .flatMap(([id, e]) => {
      const cal = state.store.calendars.get(id);
      return cal ? [entryOf(cal, e)] : [];
    });
  const size = Math.min(max, 250);
  const items = entries.slice(offset, offset + size);
  const more = offset + size < entries.length;
  return {
    status: 200,
    body: { kind: "calendar#calendarList", etag: `"${state.store.seq}"`, ...(more ? { nextPageToken: encode(offset + size) } : {}), items },
  };
}

export function calendarListGet(state: FakeState, email: string, calendarId: string): Reply {
  const seen = state.store.access(email, calendarId);
  return seen ? { status: 200, body: entryOf(seen.cal, seen.entry) } : { status: 404 };
}
