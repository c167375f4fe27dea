import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { calendarIntegrations } from "@/db/schema";
import type { GoogleFake } from "@/e2e/google-fake/server";
import type { GoogleConfig } from "@/lib/calendar/config";
import { connectMember, proProvider, startFakeWithConfig } from "@/test/calendar";
import { testDrivers } from "@/test/db";
import { addStaffMember } from "@/test/fixtures";
import { setUpTestDb } from "@/test/hooks";
import { deleteStaff } from "./members";

/*
 * A member deleted with their own Google Calendar connected: the connection goes, and so does
 * Slotbook's access in their Google account (against the fake Google over HTTP).
 */
describe.each(testDrivers())("deleting a member with their own calendar on %s", (kind) => {
  const t = setUpTestDb(kind);
  let fake: GoogleFake;
  let cfg: GoogleConfig;
  beforeAll(async () => {
    ({ fake, cfg } = await startFakeWithConfig());
  });
  afterAll(async () => {
    await fake.close();
  });

  it("revokes the member's grant at Google and removes their connection", async () => {
    const f = await proProvider(t.db);
    const { staff, user } = await addStaffMember(t.db, f.provider.id, { name: "Leaving", login: {} });
    const email = `leaving-${kind}@gmail.test`;
    await connectMember(t.db, cfg, f, { staffId: staff.id, userId: user!.id }, email);
    expect(fake.state.snapshot().grants.find((g) => g.email === email)?.revoked).toBe(false);

    await deleteStaff(t.db, f.provider.id, staff.id, new Date(), { google: cfg });
    expect(fake.state.snapshot().grants.find((g) => g.email === email)?.revoked).toBe(true);
    expect(await t.db.select().from(calendarIntegrations).where(eq(calendarIntegrations.providerId, f.provider.id))).toEqual([]);
  });
});
