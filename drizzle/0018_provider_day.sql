CREATE TABLE "staff_time_off_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"staff_id" uuid NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date NOT NULL,
	"reason" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	CONSTRAINT "staff_time_off_requests_order_check" CHECK ("staff_time_off_requests"."start_date" <= "staff_time_off_requests"."end_date"),
	CONSTRAINT "staff_time_off_requests_status_check" CHECK ("staff_time_off_requests"."status" in ('pending', 'approved', 'declined'))
);
--> statement-breakpoint
CREATE TABLE "appointment_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"appointment_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"recipient" text NOT NULL,
	"channel" text NOT NULL,
	"mail_message_id" uuid,
	"sms_message_id" uuid,
	"skipped" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appointment_messages_channel_check" CHECK ("appointment_messages"."channel" in ('email', 'sms')),
	CONSTRAINT "appointment_messages_skipped_check" CHECK ("appointment_messages"."skipped" in ('preferences', 'unsubscribed', 'no_phone'))
);
--> statement-breakpoint
CREATE TABLE "client_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"client_email_key" text NOT NULL,
	"note" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "client_notes_note_length_check" CHECK (char_length("client_notes"."note") between 1 and 2000)
);
--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "staff_add_time_off" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_time_off_requests" ADD CONSTRAINT "staff_time_off_requests_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_messages" ADD CONSTRAINT "appointment_messages_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_messages" ADD CONSTRAINT "appointment_messages_mail_message_id_mail_messages_id_fk" FOREIGN KEY ("mail_message_id") REFERENCES "public"."mail_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_messages" ADD CONSTRAINT "appointment_messages_sms_message_id_sms_messages_id_fk" FOREIGN KEY ("sms_message_id") REFERENCES "public"."sms_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "client_notes" ADD CONSTRAINT "client_notes_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_time_off_requests_staff_id_status_index" ON "staff_time_off_requests" USING btree ("staff_id","status");--> statement-breakpoint
CREATE INDEX "appointment_messages_appointment_id_created_at_index" ON "appointment_messages" USING btree ("appointment_id","created_at");--> statement-breakpoint
CREATE INDEX "appointment_messages_mail_message_id_index" ON "appointment_messages" USING btree ("mail_message_id");--> statement-breakpoint
CREATE INDEX "appointment_messages_sms_message_id_index" ON "appointment_messages" USING btree ("sms_message_id");--> statement-breakpoint
CREATE UNIQUE INDEX "client_notes_provider_email_key" ON "client_notes" USING btree ("provider_id","client_email_key");