DROP INDEX "calendar_event_mappings_appointment_key";--> statement-breakpoint
DROP INDEX "calendar_integrations_provider_key";--> statement-breakpoint
-- Staff members connect their own calendars: a mapping now names the connection whose calendar
-- holds its event. Every mapping so far belongs to its provider's one (business) connection (a
-- disconnect deleted them), so it is filled from there; one without is dropped.
ALTER TABLE "calendar_event_mappings" ADD COLUMN "integration_id" uuid;--> statement-breakpoint
UPDATE "calendar_event_mappings" m SET "integration_id" = i."id"
  FROM "calendar_integrations" i WHERE i."provider_id" = m."provider_id";--> statement-breakpoint
DELETE FROM "calendar_event_mappings" WHERE "integration_id" IS NULL;--> statement-breakpoint
ALTER TABLE "calendar_event_mappings" ALTER COLUMN "integration_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_integrations" ADD COLUMN "staff_id" uuid;--> statement-breakpoint
ALTER TABLE "calendar_integrations" ADD COLUMN "copy_staff_appointments" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_oauth_states" ADD COLUMN "staff_id" uuid;--> statement-breakpoint
ALTER TABLE "calendar_event_mappings" ADD CONSTRAINT "calendar_event_mappings_integration_id_calendar_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."calendar_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_integrations" ADD CONSTRAINT "calendar_integrations_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_oauth_states" ADD CONSTRAINT "calendar_oauth_states_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_event_mappings_target_key" ON "calendar_event_mappings" USING btree ("appointment_id","integration_id");--> statement-breakpoint
CREATE INDEX "calendar_event_mappings_integration_id_status_index" ON "calendar_event_mappings" USING btree ("integration_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_integrations_business_key" ON "calendar_integrations" USING btree ("provider_id") WHERE "calendar_integrations"."staff_id" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_integrations_member_key" ON "calendar_integrations" USING btree ("provider_id","staff_id");