import { sql } from "drizzle-orm";
import { boolean, check, index, pgEnum, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { appointments, mailMessages, providers, users } from "./core";
import { deliveryColumns, extensionOf, id, ownedBy, stampedNow, tstz } from "./columns";

/*
 * The client portal's own tables: favourite businesses, notification preferences, the
 * one-click unsubscribe tokens carried by non-essential mail, and the SMS outbox.
 */

/** One favourite per client and business: the unique key makes "add" idempotent under races. */
export const favorites = pgTable(
  "favorites",
  {
    userId: ownedBy(() => users.id),
    providerId: ownedBy(() => providers.id),
    createdAt: stampedNow(),
  },
  (t) => [primaryKey({ name: "favorites_user_provider_key", columns: [t.userId, t.providerId] }), index().on(t.providerId)],
);

/**
 * A client's switches. No row means the defaults below (everything on except SMS and
 * promotional mail), so a new account needs no insert. Each appointment topic has a switch
 * per channel: `bookingConfirmations` etc. for email (what a mail's unsubscribe link turns
 * off) and `…Sms` for texts, so leaving a topic's mail keeps its texts and the other way round.
 */
export const notificationPreferences = pgTable("notification_preferences", {
  userId: extensionOf(() => users.id),
  emailEnabled: boolean().notNull().default(true),
  smsEnabled: boolean().notNull().default(false),
  bookingConfirmations: boolean().notNull().default(true),
  reminders: boolean().notNull().default(true),
  cancellationUpdates: boolean().notNull().default(true),
  promotionalEmail: boolean().notNull().default(false),
  bookingConfirmationsSms: boolean().notNull().default(true),
  remindersSms: boolean().notNull().default(true),
  cancellationUpdatesSms: boolean().notNull().default(true),
  updatedAt: stampedNow(),
});

/** Which switch an unsubscribe link turns off. */
export const unsubscribeTopic = pgEnum("unsubscribe_topic", [
  "booking_confirmations",
  "reminders",
  "cancellation_updates",
  "promotional_email",
]);

/** One per non-essential mail sent to an account; only the sha256 of the token is stored. */
export const unsubscribeTokens = pgTable(
  "unsubscribe_tokens",
  {
    tokenHash: text().primaryKey(),
    userId: ownedBy(() => users.id),
    topic: unsubscribeTopic().notNull(),
    createdAt: stampedNow(),
    usedAt: tstz(),
  },
  (t) => [index().on(t.userId)],
);

export const smsStatus = pgEnum("sms_status", ["pending", "sent", "captured", "failed"]);

/** Every text message the app sends: written in the transaction that causes it, delivered by a job. */
export const smsMessages = pgTable(
  "sms_messages",
  {
    id: id(),
    to: text().notNull(),
    text: text().notNull(),
    status: smsStatus().notNull().default("pending"),
    ...deliveryColumns(),
  },
  (t) => [index().on(t.createdAt)],
);

/** Why a message about an appointment was not sent on a channel. */
export const MESSAGE_SKIPS = ["preferences", "unsubscribed", "no_phone"] as const;
export type MessageSkip = (typeof MESSAGE_SKIPS)[number];

/**
 * What each appointment's messages became (lib/notices/message-log.ts): one row per message and
 * channel, written in the transaction that queued it (or decided not to), pointing at the outbox
 * row whose status tells sent or failed; `skipped` says why nothing was queued. The outbox row
 * may be purged later (set null): it was delivered by then.
 */
export const appointmentMessages = pgTable(
  "appointment_messages",
  {
    id: id(),
    appointmentId: ownedBy(() => appointments.id),
    /** A notice kind (lib/notices/mails.ts NoticeKind), "reminder" or "reschedule_request". */
    kind: text().notNull(),
    recipient: text().$type<"client" | "provider" | "staff">().notNull(),
    channel: text().$type<"email" | "sms">().notNull(),
    mailMessageId: uuid().references(() => mailMessages.id, { onDelete: "set null" }),
    smsMessageId: uuid().references(() => smsMessages.id, { onDelete: "set null" }),
    skipped: text().$type<MessageSkip>(),
    createdAt: stampedNow(),
  },
  (t) => [
    index().on(t.appointmentId, t.createdAt),
    index().on(t.mailMessageId),
    index().on(t.smsMessageId),
    check("appointment_messages_channel_check", sql`${t.channel} in ('email', 'sms')`),
    check("appointment_messages_skipped_check", sql`${t.skipped} in ('preferences', 'unsubscribed', 'no_phone')`),
  ],
);

/** One reminder per appointment: its due time follows the appointment, `sentAt` makes it once only. */
export const appointmentReminders = pgTable(
  "appointment_reminders",
  {
    appointmentId: extensionOf(() => appointments.id),
    dueAt: tstz().notNull(),
    sentAt: tstz(),
    updatedAt: stampedNow(),
  },
  (t) => [index("appointment_reminders_due_idx").on(t.dueAt).where(sql`${t.sentAt} is null`)],
);

export type Favorite = typeof favorites.$inferSelect;
export type NotificationPreferences = typeof notificationPreferences.$inferSelect;
export type UnsubscribeTopic = (typeof unsubscribeTopic.enumValues)[number];
export type SmsMessage = typeof smsMessages.$inferSelect;
export type AppointmentMessage = typeof appointmentMessages.$inferSelect;
export type AppointmentReminder = typeof appointmentReminders.$inferSelect;
