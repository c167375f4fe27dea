CREATE TABLE "page_versions" (
	"scope" text PRIMARY KEY NOT NULL,
	"version" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
-- Bumps the page version of the business a written row belongs to (and, with 'directory', the
-- directory's), in the writing transaction: the public pages' cache (lib/page-cache) compares
-- versions on every hit, so no write path, script or other instance can leave a stale page
-- behind. TG_ARGV[0] names the column that holds the business's id ('provider_id', 'id') or a
-- staff member's ('staff_id', with TG_ARGV[1] = 'staff'); TG_ARGV[1] = 'directory' bumps only
-- the directory.
CREATE FUNCTION "bump_page_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids text[] := array_remove(ARRAY[
    CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) ->> TG_ARGV[0] END,
    CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) ->> TG_ARGV[0] END
  ], NULL);
  k text;
BEGIN
  IF TG_ARGV[1] = 'directory' THEN
    INSERT INTO "page_versions" ("scope", "version") VALUES ('directory', 1)
      ON CONFLICT ("scope") DO UPDATE SET "version" = "page_versions"."version" + 1;
    RETURN NULL;
  END IF;
  IF TG_ARGV[1] = 'staff' THEN
    SELECT array_agg("provider_id"::text) INTO ids FROM "staff_members" WHERE "id"::text = ANY (ids);
  END IF;
  FOR k IN SELECT DISTINCT unnest(ids) LOOP
    INSERT INTO "page_versions" ("scope", "version") VALUES ('provider:' || k, 1)
      ON CONFLICT ("scope") DO UPDATE SET "version" = "page_versions"."version" + 1;
  END LOOP;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "providers_page_version" AFTER INSERT OR UPDATE OR DELETE ON "providers"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('id');
--> statement-breakpoint
-- The directory's cards show these columns only.
CREATE TRIGGER "providers_directory_version" AFTER INSERT OR DELETE
  OR UPDATE OF "slug", "business_name", "description", "address", "timezone" ON "providers"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('id', 'directory');
--> statement-breakpoint
CREATE TRIGGER "services_page_version" AFTER INSERT OR UPDATE OR DELETE ON "services"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('provider_id');
--> statement-breakpoint
CREATE TRIGGER "provider_hours_page_version" AFTER INSERT OR UPDATE OR DELETE ON "provider_hours"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('provider_id');
--> statement-breakpoint
CREATE TRIGGER "closed_dates_page_version" AFTER INSERT OR UPDATE OR DELETE ON "closed_dates"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('provider_id');
--> statement-breakpoint
CREATE TRIGGER "staff_members_page_version" AFTER INSERT OR UPDATE OR DELETE ON "staff_members"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('provider_id');
--> statement-breakpoint
CREATE TRIGGER "pro_trials_page_version" AFTER INSERT OR UPDATE OR DELETE ON "pro_trials"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('provider_id');
--> statement-breakpoint
-- Free times change when an appointment is written, moved, reassigned or leaves the calendar;
-- not when its notes or contact details do.
CREATE TRIGGER "appointments_page_version" AFTER INSERT OR DELETE
  OR UPDATE OF "provider_id", "service_id", "staff_id", "starts_at", "ends_at", "status" ON "appointments"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('provider_id');
--> statement-breakpoint
CREATE TRIGGER "staff_services_page_version" AFTER INSERT OR UPDATE OR DELETE ON "staff_services"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('staff_id', 'staff');
--> statement-breakpoint
CREATE TRIGGER "staff_availability_page_version" AFTER INSERT OR UPDATE OR DELETE ON "staff_availability"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('staff_id', 'staff');
--> statement-breakpoint
CREATE TRIGGER "staff_time_off_page_version" AFTER INSERT OR UPDATE OR DELETE ON "staff_time_off"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('staff_id', 'staff');
--> statement-breakpoint
CREATE TRIGGER "staff_photos_page_version" AFTER INSERT OR UPDATE OR DELETE ON "staff_photos"
  FOR EACH ROW EXECUTE FUNCTION "bump_page_version"('staff_id', 'staff');
