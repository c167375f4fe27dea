-- No double booking, enforced by the database rather than a read-then-write check.
-- A pending or confirmed appointment holds its time range: per staff member when one is
-- assigned, and per provider for appointments that have no staff member.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_no_overlap_provider"
  EXCLUDE USING gist ("provider_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("staff_id" IS NULL AND "status" IN ('pending', 'confirmed'));
--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_no_overlap_staff"
  EXCLUDE USING gist ("staff_id" WITH =, tstzrange("starts_at", "ends_at", '[)') WITH &&)
  WHERE ("staff_id" IS NOT NULL AND "status" IN ('pending', 'confirmed'));
