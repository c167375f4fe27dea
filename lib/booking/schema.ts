import { z } from "zod";
import { hasSaneYear, isOneLine, isSafeMultiLine } from "@/lib/infra/text";
import { emailSchema, isoDate } from "@/lib/infra/validation";

export { emailSchema };

/** Longest range the slots API answers in one request, in days (inclusive). */
export const MAX_SLOT_RANGE_DAYS = 62;

const PHONE_MESSAGE = "Phone must be 5–30 characters: digits, spaces, + - ( )";

/** Form fields arrive as "" when left empty: treat that as absent. */
const emptyToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

const uuidField = (label: string) => z.uuid({ error: `Choose a valid ${label}` });

// Names end up in mail subjects and calendar entries: one line, no bidi tricks (lib/infra/text.ts).

export const nameSchema = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(100, "Name must be at most 100 characters")
  .refine(isOneLine, "Name must be on one line");

export const phoneSchema = z
  .string({ error: PHONE_MESSAGE })
  .trim()
  .min(5, PHONE_MESSAGE)
  .max(30, PHONE_MESSAGE)
  .regex(/^[0-9+\-() ]+$/, PHONE_MESSAGE);

export const notesSchema = z
  .string({ error: "Notes must be text" })
  .trim()
  .max(1000, "Notes must be at most 1000 characters")
  .refine(isSafeMultiLine, "Notes contain characters that are not allowed");

/** An instant written with its offset ("2026-03-02T10:00:00+01:00" or "…Z"): never a bare local time. */
export const startSchema = z.iso
  .datetime({
    offset: true,
    error: "Start must be a date and time with a UTC offset, e.g. 2026-03-02T10:00:00+01:00",
  })
  .refine(hasSaneYear, "Start must be between the years 2000 and 2100");

/**
 * A booking request, as the public API and the booking page receive it. `start` stays an ISO
 * string here (callers turn it into a Date); empty optional fields become undefined.
 */
export const bookingRequestSchema = z.object({
  serviceId: z.uuid({ error: "Choose a service" }),
  staffId: z.preprocess(emptyToUndefined, uuidField("staff member").nullish()),
  start: startSchema,
  name: nameSchema,
  email: emailSchema,
  phone: phoneSchema,
  notes: z.preprocess(emptyToUndefined, notesSchema.optional()),
});
export type BookingRequest = z.infer<typeof bookingRequestSchema>;

/** Whole days from `from` to `to` ("YYYY-MM-DD"); calendar arithmetic, independent of any zone. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function checkRange(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  const days = daysBetween(q.from, q.to);
  if (days < 0) ctx.addIssue({ code: "custom", path: ["to"], message: "To must be on or after From" });
  else if (days + 1 > MAX_SLOT_RANGE_DAYS)
    ctx.addIssue({ code: "custom", path: ["to"], message: `Ask for at most ${MAX_SLOT_RANGE_DAYS} days at a time` });
}

/** A local-date range of at most 62 days, `to` on or after `from`. */
export const dateRangeSchema = z.object({ from: isoDate("From"), to: isoDate("To") }).superRefine(checkRange);

/** The slots query: a service, optionally a staff member, and a local-date range of at most 62 days. */
export const slotsQuerySchema = z
  .object({
    serviceId: z.uuid({ error: "Choose a service" }),
    staffId: z.preprocess(emptyToUndefined, uuidField("staff member").optional()),
    from: isoDate("From"),
    to: isoDate("To"),
  })
  .superRefine(checkRange);
export type SlotsQuery = z.infer<typeof slotsQuerySchema>;

/** A new time for an existing appointment. */
export const rescheduleRequestSchema = z.object({ start: startSchema });

/** Why a provider cancels; shown to the client. Optional for clients and guests. */
export const cancelRequestSchema = z.object({
  reason: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .max(500, "Reason must be at most 500 characters")
      .refine(isSafeMultiLine, "Reason contains characters that are not allowed")
      .optional(),
  ),
});
