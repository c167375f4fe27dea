import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { staffTimeOff, staffTimeOffRequests } from "@/db/schema";
import { addDays, zonedDate } from "@/lib/availability";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { at, createAppointment, createProviderFixture } from "@/test/fixtures";
import { acceptStaffInvite, sendStaffInvite } from "./invites";
import { createStaff } from "./members";
import { decideTimeOffRequest, ownTimeOff, pendingRequests, requestTimeOff, setStaffAddTimeOff } from "./time-off-requests";
import { timeOffSchema } from "./availability";

const PASSWORD = "correct horse battery";

describe.each(testDrivers())("staff time-off requests on %s", (kind) => {
  const t = setUpTestDb(kind);
  const now = new Date();
  let n = 0;

  /** A PRO business with a member who has a staff login, and a booked appointment with them in 5 days at 10:00. */
  async function setup() {
    const fx = await createProviderFixture(t.db, { provider: { plan: "pro", proUntil: new Date(now.getTime() + 365 * 86_400_000) } });
    const staffId = await createStaff(t.db, fx.provider.id, { name: "Sam Staff", email: `sam-${kind}-${++n}@example.test`, phone: "", bio: "", active: true, serviceIds: [fx.service.id] });
    const token = await sendStaffInvite(t.db, fx.provider.id, staffId, now);
    const { userId } = await acceptStaffInvite(t.db, { token, password: PASSWORD }, now);
    const day = addDays(zonedDate(now, fx.provider.timezone), 5);
    const booked = await createAppointment(t.db, { providerId: fx.provider.id, serviceId: fx.service.id, staffId, startsAt: at(fx.provider, day, "10:00"), clientName: "Bea Booked" });
    return { ...fx, staffId, userId, day, booked };
  }
  const input = (startDate: string, confirmConflicts = false) => ({ ...timeOffSchema.parse({ startDate, reason: "Wedding" }), confirmConflicts });

  it("a member's request waits for the provider, who approves it with the same conflict confirmation, or declines", async () => {
    const s = await setup();
    expect(await requestTimeOff(t.db, s.userId, input(s.day), now)).toEqual({ added: false, conflicts: 0 });
    expect(await t.db.select().from(staffTimeOff).where(eq(staffTimeOff.staffId, s.staffId))).toEqual([]);
    const [request] = await pendingRequests(t.db, s.provider.id, s.staffId);
    expect(request).toMatchObject({ startDate: s.day, endDate: s.day, reason: "Wedding", status: "pending" });

    // Another business cannot see or answer it.
    const other = await createProviderFixture(t.db);
    expect(await pendingRequests(t.db, other.provider.id, s.staffId)).toEqual([]);
    await expect(decideTimeOffRequest(t.db, { providerId: other.provider.id, requestId: request!.id, decision: "approve", confirmConflicts: true }, now)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(decideTimeOffRequest(t.db, { providerId: other.provider.id, requestId: request!.id, decision: "decline", confirmConflicts: false }, now)).rejects.toMatchObject({ code: "NOT_FOUND" });

    // Bea is booked that day: approving names her first, and nothing is written until confirmed.
    await expect(decideTimeOffRequest(t.db, { providerId: s.provider.id, requestId: request!.id, decision: "approve", confirmConflicts: false }, now)).rejects.toMatchObject({
      code: "VALIDATION",
      fieldErrors: { confirmConflicts: [expect.stringContaining("Bea Booked")] },
    });
    expect((await pendingRequests(t.db, s.provider.id, s.staffId)).length).toBe(1);
    expect(await decideTimeOffRequest(t.db, { providerId: s.provider.id, requestId: request!.id, decision: "approve", confirmConflicts: true }, now)).toEqual({ staffId: s.staffId, conflicts: 1 });
    expect(await t.db.select({ startDate: staffTimeOff.startDate }).from(staffTimeOff).where(eq(staffTimeOff.staffId, s.staffId))).toEqual([{ startDate: s.day }]);
    await expect(decideTimeOffRequest(t.db, { providerId: s.provider.id, requestId: request!.id, decision: "decline", confirmConflicts: false }, now)).rejects.toMatchObject({ code: "INVALID_STATE" });

    // A second request, declined: no time off, and the member sees the answer.
    await requestTimeOff(t.db, s.userId, input(addDays(s.day, 7)), now);
    const [second] = await pendingRequests(t.db, s.provider.id, s.staffId);
    await decideTimeOffRequest(t.db, { providerId: s.provider.id, requestId: second!.id, decision: "decline", confirmConflicts: false }, now);
    expect((await t.db.select().from(staffTimeOff).where(eq(staffTimeOff.staffId, s.staffId))).length).toBe(1);
    const own = await ownTimeOff(t.db, s.userId, now);
    expect(own?.requests.map((r) => r.status).sort()).toEqual(["approved", "declined"]);
  });

  it("with the provider's setting on, the member adds it directly, confirming the appointments it leaves outside working time", async () => {
    const s = await setup();
    await setStaffAddTimeOff(t.db, s.provider.id, true);
    await expect(requestTimeOff(t.db, s.userId, input(s.day), now)).rejects.toMatchObject({ code: "VALIDATION", fieldErrors: { confirmConflicts: [expect.stringContaining("Bea Booked")] } });
    expect(await t.db.select().from(staffTimeOff).where(eq(staffTimeOff.staffId, s.staffId))).toEqual([]);
    expect(await requestTimeOff(t.db, s.userId, input(s.day, true), now)).toEqual({ added: true, conflicts: 1 });
    expect((await t.db.select().from(staffTimeOff).where(eq(staffTimeOff.staffId, s.staffId))).length).toBe(1);
    expect(await t.db.select().from(staffTimeOffRequests).where(eq(staffTimeOffRequests.staffId, s.staffId))).toEqual([]);
    // An ended range is refused.
    await expect(requestTimeOff(t.db, s.userId, input(addDays(s.day, -10)), now)).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
