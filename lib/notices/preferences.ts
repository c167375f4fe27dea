import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { notificationPreferences, type UnsubscribeTopic } from "@/db/schema";

/**
 * The switches a client controls, with their defaults: a master switch per channel, and per
 * topic one for email (`bookingConfirmations`, `reminders`, `cancellationUpdates`: what a
 * mail's unsubscribe link turns off) and one for texts (`…Sms`). Promotions are email only.
 */
export type Preferences = {
  emailEnabled: boolean;
  smsEnabled: boolean;
  bookingConfirmations: boolean;
  reminders: boolean;
  cancellationUpdates: boolean;
  promotionalEmail: boolean;
  bookingConfirmationsSms: boolean;
  remindersSms: boolean;
  cancellationUpdatesSms: boolean;
};

export const DEFAULT_PREFERENCES: Preferences = {
  emailEnabled: true,
  smsEnabled: false,
  bookingConfirmations: true,
  reminders: true,
  cancellationUpdates: true,
  promotionalEmail: false,
  bookingConfirmationsSms: true,
  remindersSms: true,
  cancellationUpdatesSms: true,
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
      bookingConfirmationsSms: notificationPreferences.bookingConfirmationsSms,
      remindersSms: notificationPreferences.remindersSms,
      cancellationUpdatesSms: notificationPreferences.cancellationUpdatesSms,
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

/** The email switch of each topic: the one its mails' unsubscribe link turns off. */
export const TOPIC_PREFERENCE: Record<UnsubscribeTopic, keyof Preferences> = {
  booking_confirmations: "bookingConfirmations",
  reminders: "reminders",
  cancellation_updates: "cancellationUpdates",
  promotional_email: "promotionalEmail",
};

/** The text switch of each topic; promotions are never texted, so they have none. */
export const TOPIC_SMS_PREFERENCE: Record<UnsubscribeTopic, keyof Preferences | null> = {
  booking_confirmations: "bookingConfirmationsSms",
  reminders: "remindersSms",
  cancellation_updates: "cancellationUpdatesSms",
  promotional_email: null,
};

export const TOPIC_LABEL: Record<UnsubscribeTopic, string> = {
  booking_confirmations: "booking confirmations",
  reminders: "appointment reminders",
  cancellation_updates: "cancellation and change updates",
  promotional_email: "promotional email",
};

/** What a mail's unsubscribe link stops: the topic's mail, not its texts. */
export const TOPIC_MAIL_LABEL: Record<UnsubscribeTopic, string> = {
  booking_confirmations: "booking confirmations by email",
  reminders: "appointment reminders by email",
  cancellation_updates: "cancellation and change updates by email",
  promotional_email: "promotional email",
};
