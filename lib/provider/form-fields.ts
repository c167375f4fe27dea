import { z } from "zod";
import { isOneLine, isSafeMultiLine } from "@/lib/infra/text";

/**
 * Zod pieces for dashboard forms, whose values arrive as strings. A blank number field must
 * be an error, not 0 (z.coerce.number turns "" into 0), so numbers are checked as text first.
 */
export function wholeNumber(label: string, min: number, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .regex(/^\d+$/, `${label} must be a whole number.`)
    .transform(Number)
    .pipe(z.number().min(min, `${label} must be at least ${min}.`).max(max, `${label} must be at most ${max.toLocaleString("en")}.`));
}

export function requiredText(label: string, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`)
    .refine(isOneLine, `${label} must be plain text on one line.`);
}

export function optionalText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .refine(isSafeMultiLine, `${label} contains characters that are not allowed.`)
    .optional()
    .transform((v) => v ?? "");
}

export const phonePattern = /^[0-9+()\-\s]{5,30}$/;

/** A phone number that may be left blank (""); `message` says what the form accepts. */
export function optionalPhone(message: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((v) => v ?? "")
    .refine((v) => v === "" || phonePattern.test(v), message);
}

/** An HTML checkbox: present ("on") when ticked, absent otherwise. */
export const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("1"), z.literal("")])
  .optional()
  .transform((v) => v === "on" || v === "true" || v === "1");

/** A whole number that may be left blank: blank is null ("use the default"). */
export function optionalWholeNumber(label: string, min: number, max: number) {
  const number = wholeNumber(label, min, max);
  return z
    .string()
    .trim()
    .optional()
    .transform((v, ctx): number | null => {
      if (!v) return null;
      const r = number.safeParse(v);
      if (r.success) return r.data;
      for (const issue of r.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    });
}

/** Minutes between possible start times: 0 is "the service's length". */
export const SLOT_INTERVALS = [0, 15, 30, 60] as const;
const SLOT_INTERVAL_MESSAGE = "Choose a slot interval from the list.";

export const slotInterval = z
  .string({ error: SLOT_INTERVAL_MESSAGE })
  .trim()
  .refine((v) => SLOT_INTERVALS.some((n) => String(n) === v), SLOT_INTERVAL_MESSAGE)
  .transform(Number);

/** The same, where blank means "the business's default" (null). */
export const optionalSlotInterval = z
  .string()
  .trim()
  .optional()
  .transform((v) => v ?? "")
  .refine((v) => v === "" || SLOT_INTERVALS.some((n) => String(n) === v), SLOT_INTERVAL_MESSAGE)
  .transform((v) => (v === "" ? null : Number(v)));

/** A field that is absent from the form (not blank) reads as `value`. */
export function absentAs<T extends z.ZodType>(value: string, schema: T) {
  return z.preprocess((v) => (v === undefined ? value : v), schema);
}
