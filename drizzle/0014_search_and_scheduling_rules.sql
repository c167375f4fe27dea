ALTER TABLE "providers" ADD COLUMN "slot_interval_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "buffer_before_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "buffer_after_minutes" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "providers" ADD COLUMN "daily_cap_per_member" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "slot_interval_minutes" integer;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "buffer_before_minutes" integer;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "buffer_after_minutes" integer;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "min_notice_minutes" integer;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "booking_horizon_days" integer;--> statement-breakpoint
ALTER TABLE "services" ADD COLUMN "daily_cap_per_member" integer;--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_slot_interval_check" CHECK ("providers"."slot_interval_minutes" in (0, 15, 30, 60));--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_buffers_check" CHECK ("providers"."buffer_before_minutes" between 0 and 240 and "providers"."buffer_after_minutes" between 0 and 240);--> statement-breakpoint
ALTER TABLE "providers" ADD CONSTRAINT "providers_daily_cap_check" CHECK ("providers"."daily_cap_per_member" between 0 and 100);--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_slot_interval_check" CHECK ("services"."slot_interval_minutes" in (0, 15, 30, 60));--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_buffers_check" CHECK ("services"."buffer_before_minutes" between 0 and 240 and "services"."buffer_after_minutes" between 0 and 240);--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_min_notice_check" CHECK ("services"."min_notice_minutes" between 0 and 43200);--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_horizon_check" CHECK ("services"."booking_horizon_days" between 1 and 365);--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_daily_cap_check" CHECK ("services"."daily_cap_per_member" between 0 and 100);--> statement-breakpoint
-- The directory's search folds case and accents the same way on PGlite and the server, without
-- the unaccent extension (not in every install, not immutable): translate() the accented
-- letters of the Latin alphabets to their base letter, then lower() (which in a C-locale
-- database folds ASCII only, hence the upper-case letters in the list).
CREATE FUNCTION "search_fold"(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT lower(translate(t,
    'ÀÁÂÃÄÅĀĂĄàáâãäåāăąÇĆČçćčĎďÈÉÊËĒĖĘĚèéêëēėęěÌÍÎÏĪĮìíîïīįŁłÑŃŇñńňÒÓÔÕÖØŌŐòóôõöøōőŘřŚŠŞśšşŤťÙÚÛÜŪŮŰùúûüūůűÝŸýÿŹŻŽźżž',
    'AAAAAAAAAaaaaaaaaaCCCcccDdEEEEEEEEeeeeeeeeIIIIIIiiiiiiLlNNNnnnOOOOOOOOooooooooRrSSSsssTtUUUUUUUuuuuuuuYYyyZZZzzz'))
$$;
--> statement-breakpoint
-- The directory's search also finds services by name: their names and whether they are offered
-- change what the directory lists.
CREATE TRIGGER "services_directory_version" AFTER INSERT OR DELETE
  OR UPDATE OF "name", "active", "provider_id" ON "services"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('provider_id', 'directory');
--> statement-breakpoint
-- slot_availability (drizzle/0011, then 0012_calendar_busy) with the scheduling rules: the service's own rule, else the
-- business's default. min_notice_minutes and booking_horizon_days are now the effective ones;
-- `rules` is [slot interval (0 = the service's length), buffer before, buffer after, daily cap
-- (0 = none)] of the service being booked; each busy range carries the buffers of ITS service
-- ([start ms, end ms, before min, after min]) so the engine keeps both sides' buffers free.
-- The busy times mirrored from the resource's Google calendars (0012_calendar_busy) stay in the
-- list as [start ms, end ms, 0, 0, 1]: no buffers of their own, the fifth element 1 so the loader
-- can tell them from appointments; a connection's intervals count while it is active and for
-- 24 hours after Google refused its grant.
-- Its result type grows by a column, which CREATE OR REPLACE cannot do: dropped and created.
DROP FUNCTION "slot_availability"(uuid, text, uuid, uuid, boolean, date, date);
--> statement-breakpoint
CREATE FUNCTION "slot_availability"(
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
              FROM calendar_busy_intervals b
              JOIN calendar_integrations i ON i.id = b.integration_id
              WHERE b.provider_id = p.id AND b.staff_id IS NOT DISTINCT FROM p_staff
                AND (i.status = 'active' OR i.needs_reconnect_at > now() - interval '24 hours')
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
