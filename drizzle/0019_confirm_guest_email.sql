-- A hold (lib/booking/hold.ts) is written as status 'pending' with hold_until set, so the exclusion
-- constraints (0001) and slot_availability (0016) block its time like any pending booking.
ALTER TABLE "appointments" ADD COLUMN "hold_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "appointments" ADD COLUMN "hold_token_hash" text;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "confirm_guest_email" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "appointments_hold_token_key" ON "appointments" USING btree ("hold_token_hash");--> statement-breakpoint
CREATE INDEX "appointments_hold_until_idx" ON "appointments" USING btree ("hold_until") WHERE "appointments"."hold_until" is not null;