import { z } from "zod";
import { hasSaneYear } from "./text";

/*
 * Validation primitives shared by forms, server actions, the JSON API and lib/ queries.
 * Form values are strings: these read them as strings and never coerce "" into 0.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids reach lib/ from URLs and forms: anything that is not a uuid cannot exist (and must not reach a uuid column). */
export const isUuid = (v: unknown): v is string => typeof v === "string" && UUID.test(v);

/** A uuid from a search param or form field, or undefined. */
export function parseUuid(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === "string" && isUuid(v.trim()) ? v.trim().toLowerCase() : undefined;
}

/** "YYYY-MM-DD" that is a real calendar date, in 2000–2100 (lib/infra/text.ts: date arithmetic and SQL stay in range). */
export const isoDate = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    }, `${label} must be a date written YYYY-MM-DD`)
    .refine(hasSaneYear, `${label} must be a date between 2000 and 2100`);

/** An email address, lower-cased; at most 254 characters, the longest a path can carry (RFC 5321). */
export const emailSchema = z
  .string({ error: "Enter a valid email address" })
  .trim()
  .toLowerCase()
  .min(1, "Enter your email address")
  .max(254, "That email address is too long")
  .pipe(z.email({ error: "Enter a valid email address" }));

/** Fields never echoed back into a form after a failed submit. */
const SECRET_FIELDS = ["password", "confirmPassword", "token"];

/**
 * Form data as a plain object of strings (files and React's `$ACTION…` fields left out): the
 * one way actions read FormData. `omitSecrets` drops passwords and tokens, for echoing back.
 */
export function formObject(formData: FormData, opts: { omitSecrets?: boolean } = {}): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of formData.entries()) {
    if (typeof v !== "string" || k.startsWith("$ACTION")) continue;
    if (opts.omitSecrets && SECRET_FIELDS.includes(k)) continue;
    out[k] = v;
  }
  return out;
}
