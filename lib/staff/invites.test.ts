import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointmentChanges, appointments, mailMessages, providers, staffMembers, users } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { hashPassword } from "@/lib/auth/password";
import { createProviderFixture, createUser } from "@/test/fixtures";
import { outcome } from "@/test/expect-app-error";
import { createAppointment as makeAppointment } from "@/test/fixtures";
import { acceptStaffInvite, getInviteStatus, revokeStaffInvite, sendStaffInvite, viewInvite } from "./invites";
import { createStaff, setStaffActive, updateStaff } from "./members";
import { applyStaffAppointmentAction, listStaffSchedule } from "./schedule";

const NOW = new Date("2030-03-10T12:00:00Z");
const DAY = 86_400_000;
const PASSWORD = "correct horse battery";

describe.each(testDrivers())("staff invites and logins on %s", (kind) => {
  const t = setUpTestDb(kind);

  const newMember = async (email: string, plan: "pro" | "free" = "pro") => {
    const fx = await createProviderFixture(t.db, { provider: { plan } });
    const id = await createStaff(t.db, fx.provider.id, { name: "Sam Staff", email, phone: "", bio: "", active: true, serviceIds: [fx.service.id] });
    return { ...fx, staffId: id };
  };

  it("mails a single-use link that sets a password, signs the member up as staff and then stops working", async () => {
    const { provider, staffId } = await newMember("sam@example.test");
    const token = await sendStaffInvite(t.db, provider.id, staffId, NOW);
    const [mail] = await t.db.select().from(mailMessages).where(eq(mailMessages.to, "sam@example.test"));
    expect(mail!.text).toContain(`/invite/${token}`);
    expect(await getInviteStatus(t.db, provider.id, staffId, NOW)).toMatchObject({ state: "pending", email: "sam@example.test" });
    expect(await viewInvite(t.db, token, NOW)).toMatchObject({ ok: true, existingAccount: "none", memberName: "Sam Staff" });

    const { userId } = await acceptStaffInvite(t.db, { token, password: PASSWORD }, new Date(NOW.getTime() + 1000));
    const [user] = await t.db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ role: "staff", email: "sam@example.test" });
    expect(user!.emailVerifiedAt).not.toBeNull();
    const [member] = await t.db.select({ userId: staffMembers.userId }).from(staffMembers).where(eq(staffMembers.id, staffId));
    expect(member!.userId).toBe(userId);
    expect(await outcome(acceptStaffInvite(t.db, { token, password: PASSWORD }, NOW))).toBe("TOKEN_INVALID");
    expect(await viewInvite(t.db, token, NOW)).toEqual({ ok: false });
    expect(await getInviteStatus(t.db, provider.id, staffId, NOW)).toEqual({ state: "linked" });
  });

  it("expires after 7 days; resend replaces the old link; revoke kills it", async () => {
    const { provider, staffId } = await newMember("exp@example.test");
    const first = await sendStaffInvite(t.db, provider.id, staffId, NOW);
    expect(await outcome(acceptStaffInvite(t.db, { token: first, password: PASSWORD }, new Date(NOW.getTime() + 7 * DAY + 1)))).toBe("TOKEN_INVALID");
    const second = await sendStaffInvite(t.db, provider.id, staffId, NOW);
    expect(await viewInvite(t.db, first, NOW)).toEqual({ ok: false });
    expect(await viewInvite(t.db, second, NOW)).toMatchObject({ ok: true });
    await revokeStaffInvite(t.db, provider.id, staffId, NOW);
    expect(await outcome(acceptStaffInvite(t.db, { token: second, password: PASSWORD }, NOW))).toBe("TOKEN_INVALID");
    expect(await t.db.select().from(users).where(eq(users.email, "exp@example.test"))).toEqual([]);
  });

  it("a change of the member's email revokes the open invite; other edits keep it", async () => {
    const { provider, service, staffId } = await newMember("old-address@example.test");
    const token = await sendStaffInvite(t.db, provider.id, staffId, NOW);
    const edit = (email: string, bio: string) =>
      updateStaff(t.db, provider.id, staffId, { name: "Sam Staff", email, phone: "", bio, active: true, serviceIds: [service.id] });
    await edit("Old-Address@example.test", "Same address, other case");
    expect(await viewInvite(t.db, token, NOW)).toMatchObject({ ok: true });
    await edit("new-address@example.test", "Moved");
    expect(await viewInvite(t.db, token, NOW)).toEqual({ ok: false });
    expect(await outcome(acceptStaffInvite(t.db, { token, password: PASSWORD }, NOW))).toBe("TOKEN_INVALID");
    expect(await t.db.select().from(users).where(eq(users.email, "new-address@example.test"))).toEqual([]);
    expect(await getInviteStatus(t.db, provider.id, staffId, NOW)).toMatchObject({ state: "none" });
  });

  it("another provider cannot invite or revoke this provider's member", async () => {
    const { staffId } = await newMember("x@example.test");
    const { provider: other } = await createProviderFixture(t.db, { provider: { plan: "pro" } });
    expect(await outcome(sendStaffInvite(t.db, other.id, staffId, NOW))).toBe("NOT_FOUND");
    expect(await outcome(revokeStaffInvite(t.db, other.id, staffId, NOW))).toBe("NOT_FOUND");
  });

  it("attaches an existing staff login after checking its password; refuses a client's account", async () => {
    const { provider, staffId } = await newMember("again@example.test");
    await createUser(t.db, { role: "staff", email: "again@example.test", passwordHash: await hashPassword(PASSWORD) });
    const token = await sendStaffInvite(t.db, provider.id, staffId, NOW);
    expect(await viewInvite(t.db, token, NOW)).toMatchObject({ existingAccount: "staff" });
    expect(await outcome(acceptStaffInvite(t.db, { token, password: "wrong password here" }, NOW))).toBe("VALIDATION");
    await acceptStaffInvite(t.db, { token, password: PASSWORD }, NOW); // the failed try did not spend it

    const c = await newMember("client@example.test");
    await createUser(t.db, { role: "client", email: "client@example.test", passwordHash: await hashPassword(PASSWORD) });
    const ct = await sendStaffInvite(t.db, c.provider.id, c.staffId, NOW);
    expect(await outcome(acceptStaffInvite(t.db, { token: ct, password: PASSWORD }, NOW))).toBe("CONFLICT");
    const [client] = await t.db.select({ role: users.role }).from(users).where(eq(users.email, "client@example.test"));
    expect(client!.role).toBe("client");
  });

  it("a staff login sees and marks only its own appointments; deactivated or lapsed, it sees nothing", async () => {
    const { provider, service, staffId } = await newMember("own@example.test");
    const colleague = await createStaff(t.db, provider.id, { name: "Colleague", email: "", phone: "", bio: "", active: true, serviceIds: [] });
    const token = await sendStaffInvite(t.db, provider.id, staffId, NOW);
    const { userId } = await acceptStaffInvite(t.db, { token, password: PASSWORD }, NOW);
    const mk = async (sid: string, startsAt: Date) => {
      const a = await makeAppointment(t.db, { providerId: provider.id, serviceId: service.id, startsAt });
      await t.db.update(appointments).set({ staffId: sid }).where(eq(appointments.id, a.id));
      return a.id;
    };
    const started = await mk(staffId, new Date(NOW.getTime() - 10 * 60_000));
    const later = await mk(staffId, new Date(NOW.getTime() + DAY));
    const theirs = await mk(colleague, new Date(NOW.getTime() - 10 * 60_000));

    expect((await listStaffSchedule(t.db, userId, NOW)).upcoming.map((a) => a.id)).toEqual([started, later]);
    expect(await outcome(applyStaffAppointmentAction(t.db, { userId, appointmentId: theirs, action: "complete" }, NOW))).toBe("NOT_FOUND");
    expect(await outcome(applyStaffAppointmentAction(t.db, { userId, appointmentId: later, action: "complete" }, NOW))).toBe("INVALID_STATE");
    await applyStaffAppointmentAction(t.db, { userId, appointmentId: started, action: "no_show" }, NOW);
    const [row] = await t.db.select({ status: appointments.status }).from(appointments).where(eq(appointments.id, started));
    expect(row!.status).toBe("no_show");
    const [col] = await t.db.select({ status: appointments.status }).from(appointments).where(eq(appointments.id, theirs));
    expect(col!.status).toBe("confirmed");
    // Their own no-show can be undone (recorded as theirs); a colleague's cannot.
    await t.db.update(appointments).set({ status: "no_show" }).where(eq(appointments.id, theirs));
    expect(await outcome(applyStaffAppointmentAction(t.db, { userId, appointmentId: theirs, action: "undo_no_show" }, NOW))).toBe("NOT_FOUND");
    await applyStaffAppointmentAction(t.db, { userId, appointmentId: started, action: "undo_no_show" }, NOW);
    const [undone] = await t.db.select({ status: appointments.status }).from(appointments).where(eq(appointments.id, started));
    expect(undone!.status).toBe("confirmed");
    const [change] = await t.db.select().from(appointmentChanges).where(eq(appointmentChanges.appointmentId, started)).orderBy(desc(appointmentChanges.createdAt)).limit(1);
    expect(change).toMatchObject({ kind: "no_show_undone", actorKind: "staff", actorUserId: userId });
    const [stillTheirs] = await t.db.select({ status: appointments.status }).from(appointments).where(eq(appointments.id, theirs));
    expect(stillTheirs!.status).toBe("no_show");

    // Deactivated once `later` has started (before, its upcoming appointment would have to be resolved first).
    await setStaffActive(t.db, provider.id, staffId, false, new Date(NOW.getTime() + 2 * DAY));
    expect(await listStaffSchedule(t.db, userId, NOW)).toMatchObject({ staff: { access: "inactive" }, upcoming: [] });
    expect(await outcome(applyStaffAppointmentAction(t.db, { userId, appointmentId: later, action: "complete" }, new Date(NOW.getTime() + 2 * DAY)))).toBe("NOT_FOUND");
    await setStaffActive(t.db, provider.id, staffId, true);
    await t.db.update(providers).set({ plan: "pro", proUntil: new Date(NOW.getTime() - 1) }).where(eq(providers.id, provider.id));
    expect(await listStaffSchedule(t.db, userId, NOW)).toMatchObject({ staff: { access: "lapsed" }, upcoming: [] });
  });
});
