import type { ComponentProps, ReactNode } from "react";

const inputClass =
  "block w-full rounded-md border-0 px-3 py-2 text-base text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-indigo-600 aria-[invalid=true]:ring-red-500 sm:text-sm";

type FieldProps = {
  label: string;
  name: string;
  /** Messages shown beside the field (the first is shown). */
  errors?: string[];
  hint?: ReactNode;
};

function FieldShell({ label, name, errors, hint, id, children }: FieldProps & { id: string; children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      {children}
      <FieldMessage id={id} name={name} errors={errors} hint={hint} />
    </div>
  );
}

/** The hint, or the first error instead of it, under the ids that `controlProps` points at. */
function FieldMessage({ id, name, errors, hint }: Omit<FieldProps, "label"> & { id: string }) {
  const error = errors?.[0];
  if (error) {
    return (
      <p id={`${id}-error`} className="text-sm text-red-600" data-field-error={name}>
        {error}
      </p>
    );
  }
  return hint ? (
    <p id={`${id}-hint`} className="text-xs text-slate-500">
      {hint}
    </p>
  ) : null;
}

/** What every control carries: its id and name, and aria wiring to the message below it. */
function controlProps(id: string, name: string, errors?: string[], hint?: ReactNode) {
  return {
    id,
    name,
    "aria-invalid": errors?.length ? true : undefined,
    "aria-describedby": errors?.length ? `${id}-error` : hint ? `${id}-hint` : undefined,
  };
}

/** A labelled input with its error message, wired with aria-invalid and aria-describedby. */
export function TextField({ label, name, errors, hint, id, ...props }: FieldProps & ComponentProps<"input">) {
  const fieldId = id ?? `field-${name}`;
  return (
    <FieldShell label={label} name={name} errors={errors} hint={hint} id={fieldId}>
      <input
        {...controlProps(fieldId, name, errors, hint)}
        className={inputClass}
        {...props}
      />
    </FieldShell>
  );
}

/** An email address, asked the same way everywhere: sign-in, registration, the reset request and a guest's booking. */
export function EmailField(props: Omit<FieldProps, "label" | "name"> & ComponentProps<"input">) {
  return <TextField label="Email" name="email" type="email" autoComplete="email" required {...props} />;
}

export function TextArea({ label, name, errors, hint, id, ...props }: FieldProps & ComponentProps<"textarea">) {
  const fieldId = id ?? `field-${name}`;
  return (
    <FieldShell label={label} name={name} errors={errors} hint={hint} id={fieldId}>
      <textarea
        {...controlProps(fieldId, name, errors, hint)}
        rows={3}
        className={inputClass}
        {...props}
      />
    </FieldShell>
  );
}

export function Select({
  label,
  name,
  errors,
  hint,
  id,
  options,
  ...props
}: FieldProps & ComponentProps<"select"> & { options: { value: string; label: string }[] }) {
  const fieldId = id ?? `field-${name}`;
  return (
    <FieldShell label={label} name={name} errors={errors} hint={hint} id={fieldId}>
      <select
        {...controlProps(fieldId, name, errors, hint)}
        className={inputClass}
        {...props}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A labelled checkbox; an optional hint or error below the label is tied to it with aria-describedby. */
export function Checkbox({
  label,
  name,
  hint,
  errors,
  ...props
}: { label: string; name: string; hint?: ReactNode; errors?: string[] } & ComponentProps<"input">) {
  const id = props.id ?? `field-${name}`;
  return (
    <div className="flex items-start gap-2">
      <input
        {...controlProps(id, name, errors, hint)}
        type="checkbox"
        className="mt-0.5 size-4 shrink-0 rounded border-slate-300 text-indigo-600"
        {...props}
      />
      <div className="space-y-1">
        <label htmlFor={id} className="block text-sm text-slate-800">
          {label}
        </label>
        <FieldMessage id={id} name={name} errors={errors} hint={hint} />
      </div>
    </div>
  );
}
