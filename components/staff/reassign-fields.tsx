import { SubmitButton } from "@/components/ui/submit-button";

/**
 * "Reassign to" (the qualified members free at the appointment's time) and its button, inside
 * the caller's form: the dashboard card and a member's appointment list each post to their own
 * action. `error` is shown below and named by the select.
 */
export function ReassignFields({
  appointmentId,
  clientName,
  options,
  error,
}: {
  appointmentId: string;
  clientName: string;
  options: { id: string; name: string }[];
  error?: string;
}) {
  const selectId = `reassign-${appointmentId}`;
  return (
    <>
      <label htmlFor={selectId} className="text-sm text-slate-700">
        <span className="block">Reassign to</span>
        <select
          id={selectId}
          name="toStaffId"
          aria-label={`Reassign ${clientName}'s appointment to`}
          aria-describedby={error ? `${selectId}-error` : undefined}
          className="mt-1 max-w-full rounded-md border-0 py-2 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
        >
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </select>
      </label>
      <SubmitButton variant="secondary" pendingLabel="Reassigning…">
        Reassign
      </SubmitButton>
      {error ? (
        <p id={`${selectId}-error`} role="alert" className="w-full text-sm text-red-600">
          {error}
        </p>
      ) : null}
    </>
  );
}
