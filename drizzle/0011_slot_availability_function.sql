-- The availability loader's one query (lib/booking/availability.ts), as a function. A plpgsql
-- function keeps the plan of its query for the session, where a statement from Drizzle is
-- planned again on every call: for this query planning cost more than running it (PGlite, in
-- wasm on the app's thread: 0.65 ms planning, 0.29 ms running). Parameters, not SQL variants:
-- the provider by id, else by slug; the staff member's calendar, else the provider's own (NULL);
-- an inactive service only when p_active_only is false. The holding statuses are those of
-- HOLDING_STATUSES and of the exclusion constraints (0001).
CREATE FUNCTION "slot_availability"(
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
    -- Busy ranges overlapping the requested local days, padded by a day on each side.
    coalesce((SELECT json_agg(json_build_array(extract(epoch FROM a.starts_at) * 1000, extract(epoch FROM a.ends_at) * 1000))
              FROM appointments a
              WHERE a.provider_id = p.id AND a.staff_id IS NOT DISTINCT FROM p_staff
                AND a.status IN ('pending', 'confirmed')
                AND a.starts_at < ((p_to + 2)::timestamp AT TIME ZONE p.timezone)
                AND a.ends_at > ((p_from - 1)::timestamp AT TIME ZONE p.timezone)), '[]'::json)
  FROM providers p
  LEFT JOIN services s ON s.id = p_service AND s.provider_id = p.id AND (s.active OR NOT p_active_only)
  WHERE p.id = coalesce(p_provider, (SELECT x.id FROM providers x WHERE x.slug = p_slug))
  LIMIT 1;
END $$;
