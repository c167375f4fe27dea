import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "@/db";
import { setUpTestDb } from "@/test/hooks";
import { testDrivers } from "./db";

describe.each(testDrivers())("test database on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("is migrated, with the no-double-booking constraints in place", async () => {
    const rows = await queryRows<{ conname: string }>(
      t.db,
      sql`select conname from pg_constraint where conname like 'appointments_no_overlap%' order by conname`,
    );
    const names = rows.map((r) => r.conname);
    expect(names).toEqual(["appointments_no_overlap_provider", "appointments_no_overlap_staff"]);
  });
});
