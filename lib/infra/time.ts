/*
 * Time primitives for pages and forms: weekday names, zone labels and the time-zone choices.
 * Wall-clock arithmetic (addDays, zonedDate …) lives with the slot engine in lib/availability.
 */

export const WEEKDAYS = [
  { weekday: 1, name: "Monday" },
  { weekday: 2, name: "Tuesday" },
  { weekday: 3, name: "Wednesday" },
  { weekday: 4, name: "Thursday" },
  { weekday: 5, name: "Friday" },
  { weekday: 6, name: "Saturday" },
  { weekday: 7, name: "Sunday" },
] as const;

/** Name of an ISO weekday (1 = Monday … 7 = Sunday). */
export const weekdayName = (weekday: number) => WEEKDAYS.find((d) => d.weekday === weekday)?.name ?? `Day ${weekday}`;

const zoneNameFormatters = new Map<string, Intl.DateTimeFormat>();

/** "Europe/London (GMT)", "America/New_York (EDT)", "Asia/Kolkata (GMT+5:30)" at `at`. */
export function zoneLabel(timezone: string, at: Date = new Date()): string {
  let f = zoneNameFormatters.get(timezone);
  if (!f) {
    // en-US names zones by their abbreviation ("EDT"), which en-GB writes as an offset.
    f = new Intl.DateTimeFormat("en-US", { timeZone: timezone, timeZoneName: "short" });
    zoneNameFormatters.set(timezone, f);
  }
  const name = f.formatToParts(at).find((part) => part.type === "timeZoneName")?.value;
  return name ? `${timezone} (${name})` : timezone;
}

/** The time-zone select's default when the browser's zone is unknown or not in the list. */
export const DEFAULT_TIMEZONE = "Europe/London";

// ICU lists some zones under IANA's old names; they are offered under the current name, which
// every Intl and Temporal API also accepts.
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

function isValidZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

let zoneOptions: string[] | undefined;

/** The zones a provider can choose: the runtime's IANA list by current name, plus "UTC" (the column's default, which ICU leaves out). */
export function timeZoneOptions(): string[] {
  zoneOptions ??= [
    ...new Set(
      ["UTC", ...Intl.supportedValuesOf("timeZone")].map((tz) => {
        const current = CURRENT_ZONE_NAME[tz];
        return current && isValidZone(current) ? current : tz;
      }),
    ),
  ].sort();
  return zoneOptions;
}

/**
 * Whether a submitted zone may be saved: one of the options, or the zone the provider already
 * has (an older spelling set elsewhere must not make the profile unsaveable).
 */
export function isSelectableTimeZone(tz: string, currentTimezone?: string): boolean {
  return timeZoneOptions().includes(tz) || (tz === currentTimezone && isValidZone(tz));
}
