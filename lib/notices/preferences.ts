import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { notificationPreferences, type UnsubscribeTopic } from "@/db/schema";

/** The six switches a client controls (the seed's list), with their defaults. */
export type Preferences = {
  emailEnabled: boolean;
  smsEnabled: boolean;
  bookingConfirmations: boolean;
  reminders: boolean;
  cancellationUpdates: boolean;
  promotionalEmail: boolean;
};

export const DEFAULT_PREFERENCES: Preferences = {
  emailEnabled: true,
  smsEnabled: false,
  bookingConfirmations: true,
  reminders: true,
  cancellationUpdates: true,
  promotionalEmail: false,
};

export const PREFERENCE_KEYS = Object.keys(DEFAULT_PREFERENCES) as (keyof Preferences)[];

/** Checkboxes post "on" when ticked and nothing when not: absent means off. */
export const preferencesFormSchema = z.object(
  Object.fromEntries(PREFERENCE_KEYS.map((k) => [k, z.literal("on").optional().transform((v) => v === "on")])) as {
    [K in keyof Preferences]: z.ZodPipe<z.ZodOptional<z.ZodLiteral<"on">>, z.ZodTransform<boolean, "on" | undefined>>;
  },
);

/** A client's preferences; the defaults when they never saved any. */
export async function getPreferences(db: DbOrTx, userId: string): Promise<Preferences> {
  const [row] = await db
    .select({
      emailEnabled: notificationPreferences.emailEnabled,
      smsEnabled: notificationPreferences.smsEnabled,
      bookingConfirmations: notificationPreferences.bookingConfirmations,
      reminders: notificationPreferences.reminders,
      cancellationUpdates: notificationPreferences.cancellationUpdates,
      promotionalEmail: notificationPreferences.promotionalEmail,
    })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, userId))
    .limit(1);
  return row ?? { ...DEFAULT_PREFERENCES };
}

/** Saves some or all switches (an upsert: the row is created on first save). */
export async function savePreferences(db: DbOrTx, userId: string, changes: Partial<Preferences>): Promise<void> {
  const values = { ...changes, updatedAt: sql`now()` };
  await db
    .insert(notificationPreferences)
    .values({ userId, ...changes })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: values });
}

/** The switch each unsubscribe topic turns off. */
export const TOPIC_PREFERENCE: Record<UnsubscribeTopic, keyof Preferences> = {
  booking_confirmations: "bookingConfirmations",
  reminders: "reminders",
  cancellation_updates: "cancellationUpdates",
  promotional_email: "promotionalEmail",
};

export const TOPIC_LABEL: Record<UnsubscribeTopic, string> = {
  booking_confirmations: "booking confirmations",
  reminders: "appointment reminders",
  cancellation_updates: "cancellation and change updates",
  promotional_email: "promotional email",
};
