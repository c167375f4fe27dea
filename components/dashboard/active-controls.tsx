import { SubmitButton } from "@/components/ui/submit-button";

/** Whether clients can book a service or member, shown beside its name in a list. */
export function ActiveBadge({ active }: { active: boolean }) {
  return (
    <span
      className={`rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${
        active ? "bg-green-50 text-green-800 ring-green-200" : "bg-slate-100 text-slate-600 ring-slate-200"
      }`}
    >
      {active ? "Active" : "Inactive"}
    </span>
  );
}

/** A list row's Activate/Deactivate button: posts the opposite of `active` for the row's id. */
export function ActiveToggle({
  action,
  idField,
  id,
  name,
  active,
}: {
  action: (formData: FormData) => Promise<void>;
  idField: "serviceId" | "staffId";
  id: string;
  name: string;
  active: boolean;
}) {
  const verb = active ? "Deactivate" : "Activate";
  return (
    <form action={action}>
      <input type="hidden" name={idField} value={id} />
      <input type="hidden" name="active" value={active ? "false" : "true"} />
      <SubmitButton variant="secondary" aria-label={`${verb} ${name}`}>
        {verb}
      </SubmitButton>
    </form>
  );
}
