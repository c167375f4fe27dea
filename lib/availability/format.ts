import { zonedDate } from "./zoned";

/*
 * Display helpers for pages. Always pass the provider's zone: the server's own TZ is never used.
 * Intl.DateTimeFormat is costly to construct, so formatters are cached per options.
 */

const DEFAULT_LOCALE = "en-US";
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * A slot's start on the provider's clock, e.g. "9:00 AM". `withZone` adds the zone's short name
 * ("1:00 AM EDT" / "1:00 AM EST"), which tells apart the two 01:00 slots of a fall-back night.
 */
export function formatSlotTime(
  instant: Date,
  timezone: string,
  locale: string = DEFAULT_LOCALE,
  options: { withZone?: boolean } = {},
): string {
  return formatter(locale, {
    timeZone: timezone,
    hour: "numeric",
    minute: "2-digit",
    ...(options.withZone ? { timeZoneName: "short" } : {}),
  }).format(instant);
}

/** An instant's date and time on the provider's clock, e.g. "Mon, Mar 9, 2026, 9:00 AM EDT". */
export function formatSlotDateTime(instant: Date, timezone: string, locale: string = DEFAULT_LOCALE): string {
  return formatter(locale, {
    timeZone: timezone,
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "numeric",
    minute: "2-digit",
    timeZoneName: "short",
  }).format(instant);
}

/** A "YYYY-MM-DD" local date as a heading, e.g. "Monday, March 9" (no zone involved). */
export function formatLocalDate(
  date: string,
  locale: string = DEFAULT_LOCALE,
  style: "long" | "short" = "long",
): string {
  // Noon UTC of that date, formatted in UTC, is that date whatever the server's zone.
  return formatter(locale, {
    timeZone: "UTC",
    weekday: style,
    month: style,
    day: "numeric",
  }).format(new Date(`${date}T12:00:00Z`));
}

/** "Europe/London (GMT)", "America/New_York (EDT)", "Asia/Kolkata (GMT+5:30)" at `at`. */
export function zoneLabel(timezone: string, at: Date = new Date(), locale: string = DEFAULT_LOCALE): string {
  const name = formatter(locale, { timeZone: timezone, timeZoneName: "short" })
    .formatToParts(at)
    .find((part) => part.type === "timeZoneName")?.value;
  return name ? `${timezone} (${name})` : timezone;
}

/** Name of an ISO weekday (1 = Monday … 7 = Sunday): "Monday" / "Mon". */
export function weekdayName(weekday: number, locale: string = DEFAULT_LOCALE, style: "long" | "short" = "long"): string {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new RangeError(`Invalid ISO weekday ${weekday}`);
  // 2024-01-01 was a Monday.
  return formatter(locale, { timeZone: "UTC", weekday: style }).format(new Date(Date.UTC(2024, 0, weekday, 12)));
}

/** Slots (already sorted) grouped by their local date in `timezone`, in order. */
export function groupSlotsByDate<T extends { start: Date }>(slots: readonly T[], timezone: string): { date: string; slots: T[] }[] {
  const groups: { date: string; slots: T[] }[] = [];
  for (const slot of slots) {
    const date = zonedDate(slot.start, timezone);
    const last = groups[groups.length - 1];
    if (last && last.date === date) last.slots.push(slot);
    else groups.push({ date, slots: [slot] });
  }
  return groups;
}

// Intl lists CLDR's canonical ids, some of which are IANA's old names; offer the current ones.
const CURRENT_ZONE_NAME: Record<string, string> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Europe/Kiev": "Europe/Kyiv",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** Every IANA zone the runtime knows, by current name and with "UTC", for a time-zone <select>. */
export function timeZoneOptions(): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone").map((z) => CURRENT_ZONE_NAME[z] ?? z));
  zones.add("UTC");
  return [...zones].sort();
}
