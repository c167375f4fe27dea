import type { SlotFormState } from "@/lib/booking/slot-options";

/**
 * The times still free on the wanted day, as radios inside the form that was refused, so the
 * guest picks one and submits again with everything they typed still there.
 */
export function AlternativeTimes({
  alternatives,
  timezone,
  otherDayHref,
  checked,
}: {
  checked?: string;
  alternatives: NonNullable<SlotFormState["alternatives"]>;
  timezone: string;
  otherDayHref: string;
}) {
  if (alternatives.times.length === 0) {
    return (
      <p className="text-sm text-slate-700">
        There are no other free times on {alternatives.dateLabel}.{" "}
        <a href={otherDayHref} className="font-medium text-indigo-700 hover:underline">
          Choose another day
        </a>
      </p>
    );
  }
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">
        Times still free on {alternatives.dateLabel} <span className="font-normal text-slate-600">(times in {timezone})</span>
      </legend>
      <div className="grid grid-cols-3 gap-2 sm:grid-cols-6">
        {alternatives.times.map((t) => (
          <label
            key={t.value}
            className="flex cursor-pointer items-center justify-center gap-1 rounded-md bg-white px-2 py-2 text-sm font-semibold tabular-nums ring-1 ring-inset ring-slate-300 has-[:checked]:bg-indigo-600 has-[:checked]:text-white has-[:checked]:ring-indigo-600 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-indigo-600"
          >
            <input type="radio" name="start" value={t.value} defaultChecked={t.value === checked} required className="sr-only" />
            {t.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
