import { randomBytes } from "node:crypto";

/*
 * The calendars the fake Google holds. Each account (an email) has a primary calendar whose id
 * is the email, and a calendar list naming every calendar it can see with its access role.
 * Secondary calendars (`…@group.calendar.google.com`) have one owner and may be shared.
 * Every change to an event takes the next value of one store-wide counter (`seq`): a sync token
 * is that counter at the time of a list, so "changed since" is `seq > token`.
 */

export type Role = "freeBusyReader" | "reader" | "writer" | "owner";
export const ROLE_RANK: Record<Role, number> = { freeBusyReader: 1, reader: 2, writer: 3, owner: 4 };
export const isRole = (r: unknown): r is Role => typeof r === "string" && r in ROLE_RANK;

export type FakeEvent = {
  [field: string]: unknown;
  id: string;
  status: "confirmed" | "tentative" | "cancelled";
  sequence: number;
  created: string;
  updated: string;
};

export type StoredEvent = {
  ev: FakeEvent;
  /** The store's counter at this event's last change. */
  seq: number;
  /** Insertion order: a list's stable default order. */
  order: number;
  /** Changed or cancelled instances of a recurring event, by instance id. */
  exceptions: Map<string, { ev: FakeEvent; seq: number }>;
};

export type FakeCalendar = {
  id: string;
  summary: string;
  description?: string;
  timeZone: string;
  colorId: string;
  backgroundColor: string;
  foregroundColor: string;
  owner: string;
  events: Map<string, StoredEvent>;
  /** Raised by the control API: sync tokens issued under an older generation answer 410. */
  generation: number;
};

export type ListEntry = { role: Role; primary?: boolean; hidden?: boolean; order: number };
export type Account = { email: string; list: Map<string, ListEntry> };

// A few of Google's calendar colours (colorId → background), used in turn.
const COLORS: [string, string][] = [
  ["14", "#9fe1e7"],
  ["7", "#42d692"],
  ["11", "#fbe983"],
  ["4", "#fa573c"],
  ["17", "#9a9cff"],
];

export class CalendarStore {
  accounts = new Map<string, Account>();
  calendars = new Map<string, FakeCalendar>();
  seq = 0;
  private order = 0;

  nextSeq() {
    return ++this.seq;
  }
  nextOrder() {
    return ++this.order;
  }

  reset() {
    this.accounts.clear();
    this.calendars.clear();
  }

  /** The account, created with its primary calendar on first sight (as a consent does). */
  ensureAccount(email: string, opts: { timeZone?: string } = {}): Account {
    const key = email.trim().toLowerCase();
    let acc = this.accounts.get(key);
    if (!acc) {
      acc = { email: key, list: new Map() };
      this.accounts.set(key, acc);
      this.createCalendar(key, { id: key, summary: key, timeZone: opts.timeZone ?? "UTC", primary: true });
    } else if (opts.timeZone) {
      this.calendars.get(key)!.timeZone = opts.timeZone;
    }
    return acc;
  }

  createCalendar(
    owner: string,
    opts: { id?: string; summary: string; description?: string; timeZone?: string; backgroundColor?: string; primary?: boolean },
  ): FakeCalendar {
    const acc = this.ensureAccount(owner);
    const id = opts.id?.toLowerCase() ?? `${randomBytes(16).toString("hex")}@group.calendar.google.com`;
    const [colorId, bg] = COLORS[this.calendars.size % COLORS.length]!;
    const cal: FakeCalendar = {
      id,
      summary: opts.summary,
      description: opts.description,
      timeZone: opts.timeZone ?? this.calendars.get(acc.email)?.timeZone ?? "UTC",
      colorId,
      backgroundColor: opts.backgroundColor ?? bg,
      foregroundColor: "#000000",
      owner: acc.email,
      events: new Map(),
      generation: 0,
    };
    this.calendars.set(id, cal);
    acc.list.set(id, { role: "owner", primary: opts.primary, order: this.nextOrder() });
    return cal;
  }

  share(calendarId: string, email: string, role: Role, hidden = false) {
    const acc = this.ensureAccount(email);
    const prev = acc.list.get(calendarId);
    acc.list.set(calendarId, { role, hidden, order: prev?.order ?? this.nextOrder() });
  }

  /** A calendar as `email` sees it ("primary" is the account's own), or null if it cannot. */
  access(email: string, calendarId: string): { cal: FakeCalendar; entry: ListEntry } | null {
    const acc = this.accounts.get(email);
    // Calendar ids are email-like and compared without case, as Google does.
    const id = calendarId === "primary" ? email : calendarId.toLowerCase();
    const entry = acc?.list.get(id);
    const cal = this.calendars.get(id);
    return entry && cal ? { cal, entry } : null;
  }

  /** The owner's view of a calendar: `email` + optional calendarId ("primary" by default). */
  ownCalendar(email: string, calendarId?: string): FakeCalendar | null {
    const key = email.trim().toLowerCase();
    this.ensureAccount(key);
    return this.access(key, calendarId ?? "primary")?.cal ?? null;
  }
}
