import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  accountTokenColumns,
  deliveryColumns,
  id,
  ownedBy,
  stampedNow,
  tstz,
  weeklyIntervalChecks,
  weeklyIntervalColumns,
} from "./columns";

export const userRole = pgEnum("user_role", ["client", "provider", "staff"]);
export const plan = pgEnum("plan", ["free", "pro"]);
export const appointmentStatus = pgEnum("appointment_status", [
  "pending",
  "confirmed",
  "completed",
  "cancelled",
  "no_show",
]);
export const mailStatus = pgEnum("mail_status", ["pending", "sent", "captured", "failed"]);

export const users = pgTable(
  "users",
  {
    id: id(),
    // Always stored lower-cased and trimmed (lib/auth normalises), so the unique index is exact.
    email: text().notNull(),
    name: text().notNull(),
    phone: text(),
    passwordHash: text(),
    role: userRole().notNull(),
    emailVerifiedAt: tstz(),
    // Carried in the session JWT and compared by the guards: bumping it (sign-out, password
    // change or reset) ends every session of the user at once.
    sessionVersion: integer().notNull().default(0),
    createdAt: stampedNow(),
  },
  (t) => [uniqueIndex("users_email_key").on(t.email)],
);

export const emailVerificationTokens = pgTable(
  "email_verification_tokens",
  // sha256 of the token sent by mail; the token itself is never stored.
  accountTokenColumns(() => users.id),
  (t) => [uniqueIndex("email_verification_tokens_hash_key").on(t.tokenHash), index().on(t.userId)],
);

export const providers = pgTable(
  "providers",
  {
    id: id(),
    ownerId: ownedBy(() => users.id),
    businessName: text().notNull(),
    slug: text().notNull(),
    description: text().notNull().default(""),
    timezone: text().notNull().default("UTC"),
    phone: text().notNull().default(""),
    email: text().notNull().default(""),
    address: text().notNull().default(""),
    /** ISO 4217 code prices are shown in ("GBP"), or "" to show plain amounts ("12.50"). */
    currency: text().notNull().default(""),
    plan: plan().notNull().default("free"),
    proUntil: tstz(),
    cancellationWindowHours: integer().notNull().default(24),
    minNoticeMinutes: integer().notNull().default(60),
    bookingHorizonDays: integer().notNull().default(60),
    /** Online bookings (guest or client) start as pending until the provider confirms them; the slot is held meanwhile. */
    requireApproval: boolean().notNull().default(false),
    /** Staff add their own time off directly (else they request it and the provider approves). */
    staffAddTimeOff: boolean().notNull().default(false),
    /** Scheduling defaults every service inherits (services override each one; null there = this). */
    /** Minutes between possible start times; 0 = the service's own length. */
    slotIntervalMinutes: integer().notNull().default(0),
    /** Time kept free before and after each appointment (preparation, clean-up). */
    bufferBeforeMinutes: integer().notNull().default(0),
    bufferAfterMinutes: integer().notNull().default(0),
    /** Most appointments one member (or the business's own calendar) takes a day; 0 = no cap. */
    dailyCapPerMember: integer().notNull().default(0),
    /** How many upcoming online bookings one unverified guest email may hold here (lib/booking/limits.ts). */
    guestBookingLimit: integer().notNull().default(3),
    /**
     * "Ask new guests to confirm their email": an online booking whose email is not the signed-in
     * client's verified one is a hold until the mailed link is followed (lib/booking/hold.ts).
     */
    confirmGuestEmail: boolean().notNull().default(false),
    createdAt: stampedNow(),
    updatedAt: stampedNow(),
  },
  (t) => [
    uniqueIndex("providers_slug_key").on(t.slug),
    uniqueIndex("providers_owner_key").on(t.ownerId),
    check("providers_cancellation_window_check", sql`${t.cancellationWindowHours} between 0 and 720`),
    check("providers_min_notice_check", sql`${t.minNoticeMinutes} between 0 and 43200`),
    check("providers_horizon_check", sql`${t.bookingHorizonDays} between 1 and 365`),
    check("providers_guest_booking_limit_check", sql`${t.guestBookingLimit} between 1 and 20`),
    check("providers_currency_check", sql`${t.currency} = '' or ${t.currency} ~ '^[A-Z]{3}$'`),
    check("providers_slot_interval_check", sql`${t.slotIntervalMinutes} in (0, 15, 30, 60)`),
    check("providers_buffers_check", sql`${t.bufferBeforeMinutes} between 0 and 240 and ${t.bufferAfterMinutes} between 0 and 240`),
    check("providers_daily_cap_check", sql`${t.dailyCapPerMember} between 0 and 100`),
  ],
);

export const services = pgTable(
  "services",
  {
    id: id(),
    providerId: ownedBy(() => providers.id),
    name: text().notNull(),
    description: text().notNull().default(""),
    durationMinutes: integer().notNull(),
    priceCents: integer().notNull().default(0),
    active: boolean().notNull().default(true),
    // Scheduling rules of this service; null = the business's default (providers' columns).
    slotIntervalMinutes: integer(),
    bufferBeforeMinutes: integer(),
    bufferAfterMinutes: integer(),
    minNoticeMinutes: integer(),
    bookingHorizonDays: integer(),
    dailyCapPerMember: integer(),
    createdAt: stampedNow(),
  },
  (t) => [
    index().on(t.providerId),
    check("services_duration_check", sql`${t.durationMinutes} between 5 and 720`),
    check("services_price_check", sql`${t.priceCents} >= 0`),
    check("services_slot_interval_check", sql`${t.slotIntervalMinutes} in (0, 15, 30, 60)`),
    check("services_buffers_check", sql`${t.bufferBeforeMinutes} between 0 and 240 and ${t.bufferAfterMinutes} between 0 and 240`),
    check("services_min_notice_check", sql`${t.minNoticeMinutes} between 0 and 43200`),
    check("services_horizon_check", sql`${t.bookingHorizonDays} between 1 and 365`),
    check("services_daily_cap_check", sql`${t.dailyCapPerMember} between 0 and 100`),
  ],
);

/** Weekly opening hours: wall-clock times in the provider's zone; weekday is ISO (1 = Monday). */
export const providerHours = pgTable(
  "provider_hours",
  {
    id: id(),
    providerId: ownedBy(() => providers.id),
    ...weeklyIntervalColumns(),
  },
  (t) => [index().on(t.providerId, t.weekday), ...weeklyIntervalChecks("provider_hours", t)],
);

export const closedDates = pgTable(
  "closed_dates",
  {
    id: id(),
    providerId: ownedBy(() => providers.id),
    date: date({ mode: "string" }).notNull(),
    reason: text().notNull().default(""),
  },
  (t) => [uniqueIndex("closed_dates_provider_date_key").on(t.providerId, t.date)],
);

export const staffMembers = pgTable(
  "staff_members",
  {
    id: id(),
    providerId: ownedBy(() => providers.id),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    name: text().notNull(),
    email: text().notNull().default(""),
    phone: text().notNull().default(""),
    bio: text().notNull().default(""),
    active: boolean().notNull().default(true),
    displayOrder: integer().notNull().default(0),
    createdAt: stampedNow(),
  },
  (t) => [index().on(t.providerId), uniqueIndex("staff_members_user_key").on(t.userId)],
);

export const STAFF_ASSIGNED_BY = ["client", "any", "provider"] as const;
export type StaffAssignedBy = (typeof STAFF_ASSIGNED_BY)[number];

export const appointments = pgTable(
  "appointments",
  {
    id: id(),
    providerId: ownedBy(() => providers.id),
    serviceId: uuid()
      .notNull()
      .references(() => services.id, { onDelete: "restrict" }),
    staffId: uuid().references(() => staffMembers.id, { onDelete: "restrict" }),
    // How the member was chosen: by the client, by "any available", or by the provider (null
    // without staff). A reschedule of an "any" booking may move it to any qualified member.
    staffAssignedBy: text().$type<StaffAssignedBy>(),
    clientUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    clientName: text().notNull(),
    clientEmail: text().notNull(),
    clientPhone: text().notNull().default(""),
    notes: text().notNull().default(""),
    startsAt: tstz().notNull(),
    endsAt: tstz().notNull(),
    status: appointmentStatus().notNull().default("confirmed"),
    cancellationReason: text(),
    cancelledBy: text(),
    // sha256 of the guest's manage-link token.
    manageTokenHash: text().notNull(),
    source: text().notNull().default("online"),
    /**
     * Set while the booking is a hold awaiting the guest's email confirmation (lib/booking/hold.ts):
     * it is `pending` meanwhile (so it blocks its time like any booking) and released when this
     * passes. Null for every other booking, and once confirmed.
     */
    holdUntil: tstz(),
    /** sha256 of the token in the "confirm your email" link; null once confirmed or for no hold. */
    holdTokenHash: text(),
    createdAt: stampedNow(),
    updatedAt: stampedNow(),
  },
  (t) => [
    index().on(t.providerId, t.startsAt),
    uniqueIndex("appointments_hold_token_key").on(t.holdTokenHash),
    index("appointments_hold_until_idx").on(t.holdUntil).where(sql`${t.holdUntil} is not null`),
    index().on(t.clientUserId),
    index().on(t.staffId, t.startsAt),
    // Find my booking, the guest booking limit and the provider's client record look a guest up
    // by email in any case.
    index("appointments_client_email_lower_idx").on(sql`lower(${t.clientEmail})`),
    uniqueIndex("appointments_manage_token_key").on(t.manageTokenHash),
    check("appointments_time_order_check", sql`${t.startsAt} < ${t.endsAt}`),
    check("appointments_staff_assigned_by_check", sql`${t.staffAssignedBy} in ('client', 'any', 'provider')`),
    // The exclusion constraints that forbid double booking live in custom SQL
    // (drizzle/0001_*.sql): drizzle-kit cannot express EXCLUDE USING gist.
  ],
);

/** Every mail the app sends: written in the transaction that causes it, delivered by a job. */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: id(),
    to: text().notNull(),
    subject: text().notNull(),
    text: text().notNull(),
    html: text(),
    attachments: jsonb().$type<MailAttachment[]>().notNull().default([]),
    /** Extra headers (List-Unsubscribe on non-essential mail); only names the transport allows. */
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    status: mailStatus().notNull().default("pending"),
    ...deliveryColumns(),
  },
  (t) => [index().on(t.createdAt)],
);

/** Fixed-window counters shared by every app instance (sign-in throttling, public API). */
export const rateLimits = pgTable("rate_limits", {
  key: text().primaryKey(),
  windowStart: tstz().notNull(),
  count: integer().notNull(),
});

export type MailAttachment = { filename: string; contentType: string; content: string };

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type Provider = typeof providers.$inferSelect;
export type Service = typeof services.$inferSelect;
export type ProviderHour = typeof providerHours.$inferSelect;
export type ClosedDate = typeof closedDates.$inferSelect;
export type StaffMember = typeof staffMembers.$inferSelect;
export type Appointment = typeof appointments.$inferSelect;
export type AppointmentStatus = (typeof appointmentStatus.enumValues)[number];
export type MailMessage = typeof mailMessages.$inferSelect;
