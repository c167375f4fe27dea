/*
 * lib/provider's fixtures now live in db/fixtures.ts; these names stay for existing imports.
 * A provider here has no opening hours (tests set their own).
 */
import type { Db } from "@/db";
import type { providers } from "@/db/schema";
import { createAppointment, createProviderFixture } from "@/db/fixtures";

export { addService } from "@/db/fixtures";

export function makeProvider(db: Db, overrides: Partial<typeof providers.$inferInsert> = {}) {
  return createProviderFixture(db, { provider: overrides, hours: [] });
}

export const makeAppointment = createAppointment;
