/*
 * The booking tests' fixtures now live in db/fixtures.ts (one module for every test); this
 * re-export keeps existing imports working. New tests import "@/db/fixtures" directly.
 */
import type { Db } from "@/db";
import { addStaffMember as addStaff } from "@/db/fixtures";

export { addClosedDate, addService, at, createProviderFixture, createUser, guestContact, type ProviderFixture } from "@/db/fixtures";
export { countWrites } from "@/db/testing";

/** A staff member of the provider, by name; its id. */
export async function addStaffMember(db: Db, providerId: string, name = "Alex"): Promise<string> {
  return (await addStaff(db, providerId, { name })).staff.id;
}
