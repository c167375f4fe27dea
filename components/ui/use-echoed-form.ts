"use client";

import { useActionState } from "react";
import { initialActionState, type ActionState } from "@/lib/infra/action-state";

type FormAction = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * An edit form's state: each field shows what the user typed when a submit was refused
 * (the action echoes it back), else the saved value, with its errors beside it.
 */
export function useEchoedForm<T extends object>(action: FormAction, initial: T) {
  const [state, formAction] = useActionState(action, initialActionState);
  const value = (name: keyof T & string) => state.values?.[name] ?? String(initial[name]);
  // A failed submit echoes the form, where an unticked box is absent.
  const checked = (name: keyof T & string) => (state.values ? state.values[name] === "on" : Boolean(initial[name]));
  const errors = (name: string) => state.fieldErrors?.[name];
  return { state, formAction, value, checked, errors };
}
