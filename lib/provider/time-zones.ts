/**
 * The time zones a provider can choose: the runtime's IANA list plus "UTC" (the column's
 * default, which ICU leaves out). ICU still lists some zones under their old names; those
 * are shown under the current IANA name, which every Intl and Temporal API also accepts.
 */
const renamed: Record<string, string> = {
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Rangoon": "Asia/Yangon",
  "Europe/Kiev": "Europe/Kyiv",
  "America/Godthab": "America/Nuuk",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "Atlantic/Faeroe": "Atlantic/Faroe",
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

let cached: string[] | undefined;

export function timeZoneOptions(): string[] {
  cached ??= [
    ...new Set(
      ["UTC", ...Intl.supportedValuesOf("timeZone")].map((tz) => {
        const current = renamed[tz];
        return current && isValidZone(current) ? current : tz;
      }),
    ),
  ].sort();
  return cached;
}

/**
 * Whether a submitted zone may be saved: one of the options, or the zone the provider already
 * has (an older spelling set elsewhere must not make the profile unsaveable).
 */
export function isSelectableTimeZone(tz: string, currentTimezone?: string): boolean {
  return timeZoneOptions().includes(tz) || (tz === currentTimezone && isValidZone(tz));
}
