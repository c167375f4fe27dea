CREATE TABLE "calendar_busy_intervals" (
	"integration_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"staff_id" uuid,
	"calendar_id" text NOT NULL,
	"event_id" text NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"all_day" boolean DEFAULT false NOT NULL,
	CONSTRAINT "calendar_busy_intervals_integration_id_calendar_id_event_id_pk" PRIMARY KEY("integration_id","calendar_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "calendar_conflict_calendars" (
	"integration_id" uuid NOT NULL,
	"calendar_id" text NOT NULL,
	"sync_token" text,
	"synced_at" timestamp with time zone,
	CONSTRAINT "calendar_conflict_calendars_integration_id_calendar_id_pk" PRIMARY KEY("integration_id","calendar_id")
);
--> statement-breakpoint
ALTER TABLE "calendar_integrations" ADD COLUMN "needs_reconnect_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_integrations" ADD COLUMN "reconnect_notice_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_integrations" ADD COLUMN "all_day_blocks" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "calendar_integrations" ADD COLUMN "busy_synced_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "calendar_integrations" ADD COLUMN "busy_error" text;--> statement-breakpoint
ALTER TABLE "calendar_busy_intervals" ADD CONSTRAINT "calendar_busy_intervals_integration_id_calendar_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."calendar_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_busy_intervals" ADD CONSTRAINT "calendar_busy_intervals_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_busy_intervals" ADD CONSTRAINT "calendar_busy_intervals_staff_id_staff_members_id_fk" FOREIGN KEY ("staff_id") REFERENCES "public"."staff_members"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "calendar_conflict_calendars" ADD CONSTRAINT "calendar_conflict_calendars_integration_id_calendar_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."calendar_integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "calendar_busy_intervals_resource_idx" ON "calendar_busy_intervals" USING btree ("provider_id","staff_id","starts_at");--> statement-breakpoint
-- Busy intervals change what the public booking pages offer: bump the business's page version
-- once per statement (a sync writes hundreds of rows in one statement), in the writing
-- transaction, like the row triggers of 0009 do for the other tables.
CREATE FUNCTION "bump_busy_page_versions"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  k text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    FOR k IN SELECT DISTINCT "provider_id"::text FROM new_rows LOOP
      INSERT INTO "page_versions" ("scope", "version") VALUES ('provider:' || k, 1)
        ON CONFLICT ("scope") DO UPDATE SET "version" = "page_versions"."version" + 1;
    END LOOP;
  ELSIF TG_OP = 'DELETE' THEN
    FOR k IN SELECT DISTINCT "provider_id"::text FROM old_rows LOOP
      INSERT INTO "page_versions" ("scope", "version") VALUES ('provider:' || k, 1)
        ON CONFLICT ("scope") DO UPDATE SET "version" = "page_versions"."version" + 1;
    END LOOP;
  ELSE
    FOR k IN SELECT "provider_id"::text FROM new_rows UNION SELECT "provider_id"::text FROM old_rows LOOP
      INSERT INTO "page_versions" ("scope", "version") VALUES ('provider:' || k, 1)
        ON CONFLICT ("scope") DO UPDATE SET "version" = "page_versions"."version" + 1;
    END LOOP;
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "calendar_busy_intervals_insert_page_version" AFTER INSERT ON "calendar_busy_intervals"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_busy_page_versions"();
--> statement-breakpoint
CREATE TRIGGER "calendar_busy_intervals_update_page_version" AFTER UPDATE ON "calendar_busy_intervals"
  REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_busy_page_versions"();
--> statement-breakpoint
CREATE TRIGGER "calendar_busy_intervals_delete_page_version" AFTER DELETE ON "calendar_busy_intervals"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION "bump_busy_page_versions"();
--> statement-breakpoint
-- A connection's status changing (needs reconnect, reconnected) changes whether its intervals count.
CREATE TRIGGER "calendar_integrations_page_version" AFTER INSERT OR DELETE OR UPDATE OF "status" ON "calendar_integrations"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('provider_id');
--> statement-breakpoint
-- slot_availability (0011), replaced: the busy ranges also hold the busy intervals mirrored from
-- the resource's Google calendars (lib/calendar/busy.ts), marked with a third element 1 so the
-- loader can tell them from appointments (the booking check leaves overlaps with appointments to
-- the exclusion constraint, but must refuse a calendar conflict itself). A connection's
-- intervals count while it is active, and for 24 hours after Google refused its grant.
-- Same signature and result type as 0011, so another branch's replacement merges by taking both bodies.
CREATE OR REPLACE FUNCTION "slot_availability"(
  p_provider uuid, p_slug text, p_service uuid, p_staff uuid, p_active_only boolean, p_from date, p_to date
) RETURNS TABLE (
  provider_id uuid, plan plan, pro_until timestamptz, timezone text, min_notice_minutes integer,
  booking_horizon_days integer, duration_minutes integer, staff_id uuid, staff_count integer,
  hours json, closed json, busy json
) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT p.id, p.plan, p.pro_until, p.timezone, p.min_notice_minutes, p.booking_horizon_days,
    s.duration_minutes,
    (SELECT st.id FROM staff_members st WHERE st.id = p_staff AND st.provider_id = p.id AND st.active),
    (SELECT count(*)::int FROM staff_members m JOIN staff_services ss ON ss.staff_id = m.id
      WHERE m.provider_id = p.id AND m.active AND ss.service_id = s.id),
    coalesce((SELECT json_agg(json_build_array(h.weekday, to_char(h.start_time, 'HH24:MI'), to_char(h.end_time, 'HH24:MI'))
                ORDER BY h.weekday, h.start_time)
              FROM provider_hours h WHERE h.provider_id = p.id), '[]'::json),
    coalesce((SELECT json_agg(c.date::text) FROM closed_dates c
              WHERE c.provider_id = p.id AND c.date BETWEEN p_from AND p_to), '[]'::json),
    -- Busy ranges overlapping the requested local days, padded by a day on each side:
    -- appointments [start, end], then mirrored calendar busy times [start, end, 1].
    coalesce((SELECT json_agg(x.r) FROM (
              SELECT json_build_array(extract(epoch FROM a.starts_at) * 1000, extract(epoch FROM a.ends_at) * 1000) AS r
              FROM appointments a
              WHERE a.provider_id = p.id AND a.staff_id IS NOT DISTINCT FROM p_staff
                AND a.status IN ('pending', 'confirmed')
                AND a.starts_at < ((p_to + 2)::timestamp AT TIME ZONE p.timezone)
                AND a.ends_at > ((p_from - 1)::timestamp AT TIME ZONE p.timezone)
              UNION ALL
              SELECT json_build_array(extract(epoch FROM b.starts_at) * 1000, extract(epoch FROM b.ends_at) * 1000, 1)
              FROM calendar_busy_intervals b
              JOIN calendar_integrations i ON i.id = b.integration_id
              WHERE b.provider_id = p.id AND b.staff_id IS NOT DISTINCT FROM p_staff
                AND (i.status = 'active' OR i.needs_reconnect_at > now() - interval '24 hours')
                AND b.starts_at < ((p_to + 2)::timestamp AT TIME ZONE p.timezone)
                AND b.ends_at > ((p_from - 1)::timestamp AT TIME ZONE p.timezone)) x), '[]'::json)
  FROM providers p
  LEFT JOIN services s ON s.id = p_service AND s.provider_id = p.id AND (s.active OR NOT p_active_only)
  WHERE p.id = coalesce(p_provider, (SELECT x.id FROM providers x WHERE x.slug = p_slug))
  LIMIT 1;
END $$;
