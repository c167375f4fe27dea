/**
 * Beside a form that changes working time: the booked appointments the change would leave
 * outside it (the action's refusal, under `confirmConflicts`), and the box that saves anyway.
 */
export function ConfirmConflicts({ errors, label }: { errors?: string[]; label: string }) {
  if (!errors?.length) return null;
  return (
    <div role="alert" className="space-y-2 rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-950 ring-1 ring-inset ring-amber-300">
      <p className="break-words">{errors[0]}</p>
      <label className="flex items-start gap-2 font-medium">
        <input type="checkbox" name="confirmConflicts" value="1" className="mt-0.5 size-4" />
        {label}
      </label>
    </div>
  );
}
