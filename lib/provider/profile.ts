import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { providers } from "@/db/schema";
import { AppError, PG, pgConstraint, pgErrorCode } from "@/lib/infra/errors";
import { absentAs, checkbox, optionalPhone, optionalText, requiredText, slotInterval, wholeNumber } from "./form-fields";
import { CURRENCIES } from "./money";
import { isSelectableTimeZone } from "@/lib/infra/time";
import { publicProviderColumns } from "@/lib/booking/providers";

export const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_TAKEN = "That address is taken";

/** The profile form's schema; the provider's current zone and currency stay valid even if not listed. */
export function profileSchema(currentTimezone?: string, currentCurrency?: string) {
  return z.object({
    businessName: requiredText("Business name", 100),
    slug: z
      .string({ error: "Address is required." })
      .trim()
      .min(2, "The address needs at least 2 characters.")
      .max(60, "The address must be at most 60 characters.")
      .regex(slugPattern, "Use lower-case letters, digits and single dashes (not at the start or end)."),
    description: optionalText("Description", 2000),
    timezone: z
      .string({ error: "Choose a time zone." })
      .refine((tz) => isSelectableTimeZone(tz, currentTimezone), "Choose a time zone from the list."),
    phone: optionalPhone("Use 5–30 digits, spaces, +, - or brackets."),
    email: z
      .string()
      .trim()
      .optional()
      .transform((v) => v ?? "")
      .pipe(z.union([z.literal(""), z.email("Enter a valid email address.")])),
    address: optionalText("Address", 300),
    currency: z
      .string()
      .trim()
      .optional()
      .transform((v) => v ?? "")
      .refine((c) => c === "" || CURRENCIES.includes(c) || c === currentCurrency, "Choose a currency from the list."),
    cancellationWindowHours: wholeNumber("Cancellation window", 0, 720),
    minNoticeMinutes: wholeNumber("Minimum notice", 0, 43_200),
    bookingHorizonDays: wholeNumber("Booking horizon", 1, 365),
    // Scheduling defaults of every service; absent (an older form) keeps "none", blank is an error.
    slotIntervalMinutes: absentAs("0", slotInterval),
    bufferBeforeMinutes: absentAs("0", wholeNumber("Buffer before", 0, 240)),
    bufferAfterMinutes: absentAs("0", wholeNumber("Buffer after", 0, 240)),
    dailyCapPerMember: absentAs("0", wholeNumber("Daily limit", 0, 100)),
    guestBookingLimit: wholeNumber("Upcoming bookings per guest", 1, 20),
    // An unticked box is absent from the form: absent means off.
    requireApproval: checkbox,
    // "Ask new guests to confirm their email" (lib/booking/hold.ts); absent means off.
    confirmGuestEmail: checkbox,
  });
}

export type ProfileInput = z.infer<ReturnType<typeof profileSchema>>;

export type ProviderProfile = ProfileInput & {
  id: string;
  plan: "free" | "pro";
  proUntil: Date | null;
};

export async function getProfileOrThrow(db: Db, providerId: string): Promise<ProviderProfile> {
  const [row] = await db
    .select({
      ...publicProviderColumns,
      slotIntervalMinutes: providers.slotIntervalMinutes,
      bufferBeforeMinutes: providers.bufferBeforeMinutes,
      bufferAfterMinutes: providers.bufferAfterMinutes,
      dailyCapPerMember: providers.dailyCapPerMember,
      plan: providers.plan,
      proUntil: providers.proUntil,
    })
    .from(providers)
    .where(eq(providers.id, providerId));
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

/**
 * Saves the profile. An unknown zone is refused. A slug another provider has is a field error on `slug`, decided by the
 * unique index (not a read-then-write check), and nothing is written.
 */
export async function updateProfile(db: Db, providerId: string, input: ProfileInput): Promise<void> {
  const current = await getProfileOrThrow(db, providerId);
  // The zone drives every slot: checked here too, whatever the caller parsed.
  if (!isSelectableTimeZone(input.timezone, current.timezone)) {
    throw new AppError("VALIDATION", undefined, { fieldErrors: { timezone: ["Choose a time zone from the list."] } });
  }
  try {
    const updated = await db
      .update(providers)
      .set({ ...input, updatedAt: sql`now()` })
      .where(eq(providers.id, providerId))
      .returning({ id: providers.id });
    if (updated.length === 0) throw new AppError("NOT_FOUND");
  } catch (e) {
    if (pgErrorCode(e) === PG.uniqueViolation && pgConstraint(e) === "providers_slug_key") {
      throw new AppError("VALIDATION", undefined, { fieldErrors: { slug: [SLUG_TAKEN] } });
    }
    throw e;
  }
}
