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
ALTER TABLE "providers" ADD COLUMN "staff_add_time_off" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "staff_time_off_requests" ADD CONSTRAINT "staff_time_off_requests_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "staff_time_off_requests_staff_id_status_index" ON "staff_time_off_requests" USING btree ("staff_id","status");