ALTER TABLE "appointments" ADD COLUMN "staff_assigned_by" text;--> statement-breakpoint
ALTER TABLE "appointment_changes" ADD COLUMN "staff_id" uuid;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_staff_assigned_by_check" CHECK ("appointments"."staff_assigned_by" in ('client', 'any', 'provider'));