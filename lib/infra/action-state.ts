/** What every form's server action returns to `useActionState` (see lib/infra/actions.ts). */
export type ActionState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** What the user typed, echoed back so a failed submit keeps it (never passwords or tokens). */
  values?: Record<string, string>;
};

export const initialActionState: ActionState = {};
