import { Select, TextField } from "@/components/ui/field";

/*
 * The scheduling rules a business sets in its profile and each service may override (blank =
 * the business's): one list of fields for both forms. The limits match the database checks
 * (db/schema/core.ts) and the schemas in lib/provider/profile.ts and services.ts.
 */

const RULE_FIELDS = [
  { name: "bufferBeforeMinutes", label: "Buffer before (minutes)", min: 0, max: 240, unit: "minutes", purpose: "Kept free before each appointment, e.g. to prepare." },
  { name: "bufferAfterMinutes", label: "Buffer after (minutes)", min: 0, max: 240, unit: "minutes", purpose: "Kept free after each appointment, e.g. to clean up." },
  { name: "minNoticeMinutes", label: "Minimum notice (minutes)", min: 0, max: 43_200, unit: "minutes", purpose: "How soon a new online booking may start." },
  { name: "bookingHorizonDays", label: "Booking horizon (days)", min: 1, max: 365, unit: "days", purpose: "How far ahead clients can book." },
  { name: "dailyCapPerMember", label: "Daily limit per person", min: 0, max: 100, unit: "", purpose: "Most appointments one team member (or you) takes a day. 0 = no limit." },
] as const;

export type SchedulingRuleName = (typeof RULE_FIELDS)[number]["name"] | "slotIntervalMinutes";

/** The business's values, shown in a service's form as what a blank field means. */
export type BusinessRuleDefaults = Record<SchedulingRuleName, number>;

const SLOT_INTERVAL_OPTIONS = [
  { value: "0", label: "The service's length" },
  { value: "15", label: "Every 15 minutes" },
  { value: "30", label: "Every 30 minutes" },
  { value: "60", label: "Every hour" },
];

const intervalLabel = (n: number) => (n === 0 ? "the service's length" : n === 60 ? "every hour" : `every ${n} minutes`);

/**
 * The rules' fields, for the caller's grid. Without `defaults` they are the business's own
 * (each says what it is for); with them, a service's overrides, where blank means the default.
 */
export function SchedulingRuleFields({
  value,
  errors,
  defaults,
}: {
  value: (name: SchedulingRuleName) => string;
  errors: (name: SchedulingRuleName) => string[] | undefined;
  defaults?: BusinessRuleDefaults;
}) {
  return (
    <>
      <Select
        label="Start times"
        name="slotIntervalMinutes"
        // A select takes its default only when mounted: re-mount it with the echoed value, or
        // the form's reset after a refused submit shows (and then saves) the old choice.
        key={value("slotIntervalMinutes")}
        defaultValue={value("slotIntervalMinutes")}
        errors={errors("slotIntervalMinutes")}
        options={
          defaults
            ? [{ value: "", label: `Business default (${intervalLabel(defaults.slotIntervalMinutes)})` }, ...SLOT_INTERVAL_OPTIONS]
            : SLOT_INTERVAL_OPTIONS
        }
        hint={defaults ? undefined : "How often a service may start; each service can choose its own."}
      />
      {RULE_FIELDS.map((f) => {
        const range = `${f.min}–${f.max.toLocaleString("en")}.`;
        const fallback = defaults ? `${defaults[f.name]}${f.unit ? ` ${f.unit}` : ""}${f.name === "dailyCapPerMember" && defaults[f.name] === 0 ? " (no limit)" : ""}` : "";
        return (
          <TextField
            key={f.name}
            label={f.label}
            name={f.name}
            type="number"
            inputMode="numeric"
            min={f.min}
            max={f.max}
            defaultValue={value(f.name)}
            errors={errors(f.name)}
            hint={defaults ? `${range} Blank: ${fallback}.` : `${f.purpose} ${range}`}
          />
        );
      })}
    </>
  );
}
