import { unstable_rethrow } from "next/navigation";
import { z } from "zod";
import { AppError, isAppError } from "./errors";
import { formObject } from "./validation";

/** What every form's server action returns to `useActionState`. */
export type ActionState = {
  ok?: boolean;
  message?: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** What the user typed, echoed back so a failed submit keeps it (never passwords or tokens). */
  values?: Record<string, string>;
};

export const initialActionState: ActionState = {};

/** What the user typed, minus passwords and tokens, for echoing back after a failed submit. */
export const formValues = (formData: FormData) => formObject(formData, { omitSecrets: true });

export function validationState(error: z.ZodError, formData?: FormData): ActionState {
  return {
    ok: false,
    message: "Please check the highlighted fields.",
    fieldErrors: z.flattenError(error).fieldErrors as Record<string, string[]>,
    values: formData ? formValues(formData) : undefined,
  };
}

/** AppError → its message; anything else is logged and shown generically (never e.message). */
export function toActionError(e: unknown, formData?: FormData): ActionState {
  unstable_rethrow(e); // redirect()/notFound() inside the try must still propagate
  const values = formData ? formValues(formData) : undefined;
  if (isAppError(e)) return { ok: false, message: e.message, fieldErrors: e.fieldErrors, values };
  console.error("Unexpected error in server action", e);
  return { ok: false, message: "Something went wrong on our side. Please try again.", values };
}

export { AppError };
