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
ALTER TABLE "appointment_messages" ADD CONSTRAINT "appointment_messages_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_messages" ADD CONSTRAINT "appointment_messages_mail_message_id_mail_messages_id_fk" FOREIGN KEY ("mail_message_id") REFERENCES "public"."mail_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointment_messages" ADD CONSTRAINT "appointment_messages_sms_message_id_sms_messages_id_fk" FOREIGN KEY ("sms_message_id") REFERENCES "public"."sms_messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "appointment_messages_appointment_id_created_at_index" ON "appointment_messages" USING btree ("appointment_id","created_at");--> statement-breakpoint
CREATE INDEX "appointment_messages_mail_message_id_index" ON "appointment_messages" USING btree ("mail_message_id");--> statement-breakpoint
CREATE INDEX "appointment_messages_sms_message_id_index" ON "appointment_messages" USING btree ("sms_message_id");