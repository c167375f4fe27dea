"use client";

import { useSyncExternalStore } from "react";
import { Select } from "@/components/ui/field";

const subscribe = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
const noZoneOnServer = () => null;

const icuId = (zone: string) => {
  try {
    return new Intl.DateTimeFormat("en", { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
};

/**
 * The option naming the browser's zone. Browsers may report an older IANA name
 * ("Asia/Calcutta") for a zone the list has under its current one ("Asia/Kolkata"); both
 * resolve to the same ICU id.
 */
function matchZone(detected: string | null, zones: string[]): string | null {
  if (!detected) return null;
  if (zones.includes(detected)) return detected;
  const id = icuId(detected);
  return zones.find((z) => icuId(z) === id) ?? null;
}

/** The IANA zone select, defaulting to the browser's zone (known only after hydration). */
export function TimeZoneSelect({
  zones,
  fallback,
  value,
  errors,
}: {
  zones: string[];
  fallback: string;
  /** What the user chose before a failed submit. */
  value?: string;
  errors?: string[];
}) {
  const detected = useSyncExternalStore(subscribe, browserZone, noZoneOnServer);
  const initial = value ?? matchZone(detected, zones) ?? fallback;
  return (
    <Select
      // Remounts when the default changes (the browser's zone becomes known after hydration, or a
      // failed submit echoes the choice): a select applies defaultValue only when it mounts.
      key={value ?? detected ?? "server"}
      label="Time zone"
      name="timezone"
      defaultValue={initial}
      options={zones.map((z) => ({ value: z, label: z.replaceAll("_", " ") }))}
      errors={errors}
      hint="Your opening hours and appointments are shown in this zone."
      required
    />
  );
}
