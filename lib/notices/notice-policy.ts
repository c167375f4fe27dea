import type { UnsubscribeTopic } from "@/db/schema";
import { TOPIC_PREFERENCE, TOPIC_SMS_PREFERENCE, type Preferences } from "./preferences";

/*
 * Which channels a message to a client may use, given their preferences. Pure: the one rule
 * every client-bound message passes (the write path's notice decision point calls it).
 */

/** What a client-bound message is about. */
export type ClientMessageKind = "confirmation" | "reminder" | "cancellation" | "reschedule" | "promotional";

/** The preference that silences each kind (cancellation updates cover moves too). */
export const KIND_TOPIC: Record<ClientMessageKind, UnsubscribeTopic> = {
  confirmation: "booking_confirmations",
  reminder: "reminders",
  cancellation: "cancellation_updates",
  reschedule: "cancellation_updates",
  promotional: "promotional_email",
};

export type Channels = { email: boolean; sms: boolean; topic: UnsubscribeTopic };

/** A client's channels with the account they were decided for (null: a guest). */
export type ClientChannels = Channels & { account: { id: string; phone: string } | null };

/**
 * `prefs` null is a guest (no account, no preferences): transactional email only, never SMS
 * or promotional mail. For an account each channel answers to its own switch for the topic
 * (a mail's unsubscribe link turns off only the email one) and to its master switch; SMS
 * also needs a phone number.
 */
export function clientChannels(prefs: Preferences | null, kind: ClientMessageKind, hasPhone: boolean): Channels {
  const topic = KIND_TOPIC[kind];
  if (!prefs) return { email: kind !== "promotional", sms: false, topic };
  // Texts are for things that happen to an appointment; promotions stay in email.
  const smsKey = TOPIC_SMS_PREFERENCE[topic];
  return {
    email: prefs[TOPIC_PREFERENCE[topic]] && prefs.emailEnabled,
    sms: smsKey !== null && prefs[smsKey] && prefs.smsEnabled && hasPhone,
    topic,
  };
}
