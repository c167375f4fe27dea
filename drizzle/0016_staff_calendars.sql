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
CREATE UNIQUE INDEX "calendar_integrations_member_key" ON "calendar_integrations" USING btree ("provider_id","staff_id");--> statement-breakpoint
-- The busy times that count, in one place (slot_availability and lib/booking/staff-load.ts read
-- it): a connection's intervals while it is active, and for 24 hours after Google refused its
-- grant (lib/calendar/reconnect.ts BUSY_GRACE_HOURS), and only while the business is PRO (a
-- lapsed plan's mirrored calendars stop blocking, as their sync and live check stop).
CREATE VIEW "active_busy_intervals" AS
  SELECT b.provider_id, b.staff_id, b.integration_id, b.calendar_id, b.event_id, b.starts_at, b.ends_at, b.all_day
  FROM calendar_busy_intervals b
  JOIN calendar_integrations i ON i.id = b.integration_id
  JOIN providers p ON p.id = b.provider_id
  WHERE (i.status = 'active' OR i.needs_reconnect_at > now() - interval '24 hours')
    AND p.plan = 'pro' AND (p.pro_until IS NULL OR p.pro_until > now());
--> statement-breakpoint
-- slot_availability (drizzle/0014), unchanged but for reading the busy times through the view.
CREATE OR REPLACE FUNCTION "slot_availability"(
  p_provider uuid, p_slug text, p_service uuid, p_staff uuid, p_active_only boolean, p_from date, p_to date
) RETURNS TABLE (
  provider_id uuid, plan plan, pro_until timestamptz, timezone text, min_notice_minutes integer,
  booking_horizon_days integer, duration_minutes integer, staff_id uuid, staff_count integer,
  hours json, closed json, busy json, rules json
) LANGUAGE plpgsql STABLE AS $$
#variable_conflict use_column
BEGIN
  RETURN QUERY
  SELECT p.id, p.plan, p.pro_until, p.timezone,
    coalesce(s.min_notice_minutes, p.min_notice_minutes),
    coalesce(s.booking_horizon_days, p.booking_horizon_days),
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
    -- appointments [start, end, before, after], then mirrored calendar busy times [start, end, 0, 0, 1].
    coalesce((SELECT json_agg(x.r) FROM (
              SELECT json_build_array(extract(epoch FROM a.starts_at) * 1000, extract(epoch FROM a.ends_at) * 1000,
                coalesce(sa.buffer_before_minutes, p.buffer_before_minutes), coalesce(sa.buffer_after_minutes, p.buffer_after_minutes)) AS r
              FROM appointments a JOIN services sa ON sa.id = a.service_id
              WHERE a.provider_id = p.id AND a.staff_id IS NOT DISTINCT FROM p_staff
                AND a.status IN ('pending', 'confirmed')
                AND a.starts_at < ((p_to + 2)::timestamp AT TIME ZONE p.timezone)
                AND a.ends_at > ((p_from - 1)::timestamp AT TIME ZONE p.timezone)
              UNION ALL
              SELECT json_build_array(extract(epoch FROM b.starts_at) * 1000, extract(epoch FROM b.ends_at) * 1000, 0, 0, 1)
              FROM active_busy_intervals b
              WHERE b.provider_id = p.id AND b.staff_id IS NOT DISTINCT FROM p_staff
                AND b.starts_at < ((p_to + 2)::timestamp AT TIME ZONE p.timezone)
                AND b.ends_at > ((p_from - 1)::timestamp AT TIME ZONE p.timezone)) x), '[]'::json),
    json_build_array(coalesce(s.slot_interval_minutes, p.slot_interval_minutes),
      coalesce(s.buffer_before_minutes, p.buffer_before_minutes), coalesce(s.buffer_after_minutes, p.buffer_after_minutes),
      coalesce(s.daily_cap_per_member, p.daily_cap_per_member))
  FROM providers p
  LEFT JOIN services s ON s.id = p_service AND s.provider_id = p.id AND (s.active OR NOT p_active_only)
  WHERE p.id = coalesce(p_provider, (SELECT x.id FROM providers x WHERE x.slug = p_slug))
  LIMIT 1;
END $$;
