import { z } from "zod";

/**
 * One set of text primitives for every input. Postgres refuses NUL (22021), mail headers and
 * calendar lines break on separators, and bidi controls make a name display as something else
 * ("Bob\u202Egnp.exe"). So: no C0 controls or DEL anywhere (multi-line text keeps tab and line
 * breaks); one-line fields also refuse U+0085, U+2028/U+2029 and bidi overrides/isolates.
 * Dates and instants are bounded to years 2000–2100 so date arithmetic and SQL never overflow.
 */

const C0_EXCEPT_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const ONE_LINE_FORBIDDEN = /[\u0000-\u001F\u007F\u0085\u2028\u2029\u202A-\u202E\u2066-\u2069]/;

/** True when `v` may be stored as one-line text (a name, a subject, a label). */
export function isOneLine(v: string): boolean {
  return !ONE_LINE_FORBIDDEN.test(v);
}

/** True when `v` may be stored as multi-line text (notes): line breaks and tabs allowed. */
export function isSafeMultiLine(v: string): boolean {
  return !C0_EXCEPT_BREAKS.test(v);
}

type TextOptions = { min?: number; max: number; message?: string };

/** A trimmed one-line string of at most `max` characters (at least `min`, default 1). */
export function oneLineText(label: string, { min = 1, max, message }: TextOptions) {
  return z
    .string({ error: message ?? `${label} is required.` })
    .trim()
    .min(min, message ?? `${label} is required.`)
    .max(max, `${label} must be at most ${max} characters.`)
    .refine(isOneLine, `${label} must be plain text on one line.`);
}

/** A trimmed multi-line string of at most `max` characters; may be empty. */
export function multiLineText(label: string, { max }: { max: number }) {
  return z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} must be at most ${max} characters.`)
    .refine(isSafeMultiLine, `${label} contains characters that are not allowed.`);
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;

/** "YYYY-MM-DD" that is a real calendar date in years 2000–2100. */
export function isSaneIsoDate(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const year = Number(v.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/** An ISO instant string whose year (in UTC and as written) lies in 2000–2100. */
export function isSaneInstant(v: string): boolean {
  const t = Date.parse(v);
  if (Number.isNaN(t)) return false;
  const year = new Date(t).getUTCFullYear();
  const written = Number(v.slice(0, 4));
  return year >= MIN_YEAR && year <= MAX_YEAR && written >= MIN_YEAR && written <= MAX_YEAR;
}

/**
 * Whether the year a date or instant string starts with lies in 2000–2100; text that does not
 * start with a 4-digit year passes (the format check beside it reports that, once).
 */
export function hasSaneYear(v: string): boolean {
  if (!/^\d{4}/.test(v)) return true;
  const year = Number(v.slice(0, 4));
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const t = Date.parse(v);
  return Number.isNaN(t) || (new Date(t).getUTCFullYear() >= MIN_YEAR && new Date(t).getUTCFullYear() <= MAX_YEAR);
}

/** A real date between 2000 and 2100, written YYYY-MM-DD. */
export function saneIsoDate(message: string) {
  return z.string({ error: message }).refine(isSaneIsoDate, message);
}

/** "HH:MM" (00:00–24:00). */
export function isClockTime(v: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(v) || v === "24:00";
}

/**
 * `table[key]` only for the table's own keys: a query value like "__proto__" or "constructor"
 * must never reach Object.prototype.
 */
export function ownValue<T>(table: Readonly<Record<string, T>>, key: unknown): T | undefined {
  return typeof key === "string" && Object.hasOwn(table, key) ? table[key] : undefined;
}

const ALL_FORBIDDEN = /[\u0000-\u001F\u007F\u0085\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Free-text search input with every control, separator and bidi character dropped. */
export function withoutControls(v: string): string {
  return v.replace(ALL_FORBIDDEN, "");
}
