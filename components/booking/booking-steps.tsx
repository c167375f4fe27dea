const STEPS = [
  { key: "service", label: "Service" },
  { key: "day", label: "Day" },
  { key: "time", label: "Time" },
  { key: "details", label: "Details" },
] as const;

export type StepKey = (typeof STEPS)[number]["key"];

/** "Service · Day · Time · Details", the current one marked for screen readers with aria-current. */
export function BookingSteps({ current }: { current: StepKey }) {
  const index = STEPS.findIndex((s) => s.key === current);
  return (
    <nav aria-label="Booking progress">
      <ol className="flex flex-wrap gap-x-3 gap-y-1 text-xs font-medium uppercase tracking-wide sm:text-sm">
        {STEPS.map((s, i) => (
          <li
            key={s.key}
            aria-current={i === index ? "step" : undefined}
            className={i === index ? "text-indigo-700" : i < index ? "text-slate-700" : "text-slate-500"}
          >
            <span aria-hidden="true">{i + 1}. </span>
            {s.label}
          </li>
        ))}
      </ol>
    </nav>
  );
}
