ALTER TABLE "notification_preferences" ADD COLUMN "booking_confirmations_sms" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "reminders_sms" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD COLUMN "cancellation_updates_sms" boolean DEFAULT true NOT NULL;--> statement-breakpoint
-- Until now one switch per topic silenced both channels: a saved row keeps that meaning
-- for texts too, so nobody starts getting texts they had turned off.
UPDATE "notification_preferences" SET
  "booking_confirmations_sms" = "booking_confirmations",
  "reminders_sms" = "reminders",
  "cancellation_updates_sms" = "cancellation_updates";--> statement-breakpoint
-- find-my-booking, the per-email booking limit and the provider's bulk cancel look bookings up
-- by lower(client_email).
CREATE INDEX "appointments_client_email_lower_idx" ON "appointments" USING btree (lower("client_email"));
