import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointmentChanges, appointments, mailMessages } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { applyAppointmentAction, availableActions, canApply, listDashboardAppointments } from "./appointments";
import { addStaffMember } from "@/test/fixtures";
import { createAppointment as makeAppointment, makeProvider } from "@/test/fixtures";

const NOW = new Date("2026-05-04T09:00:00Z");
const later = new Date("2026-05-04T15:00:00Z");
const earlier = new Date("2026-05-04T08:00:00Z");

describe("status transitions", () => {
  it("confirm only a pending appointment", () => {
    expect(canApply("confirm", { status: "pending", startsAt: later }, NOW)).toBe(true);
    for (const status of ["confirmed", "completed", "cancelled", "no_show"] as const) {
      expect(canApply("confirm", { status, startsAt: later }, NOW)).toBe(false);
    }
  });

  it("complete or no-show a pending/confirmed appointment only once it has started", () => {
    for (const action of ["complete", "no_show"] as const) {
      expect(canApply(action, { status: "confirmed", startsAt: later }, NOW)).toBe(false);
      expect(canApply(action, { status: "confirmed", startsAt: earlier }, NOW)).toBe(true);
      expect(canApply(action, { status: "pending", startsAt: NOW }, NOW)).toBe(true);
      expect(canApply(action, { status: "cancelled", startsAt: earlier }, NOW)).toBe(false);
      expect(canApply(action, { status: "completed", startsAt: earlier }, NOW)).toBe(false);
    }
  });

  it("offer the buttons that apply, with cancel while the appointment holds its time", () => {
    expect(availableActions({ status: "pending", startsAt: later }, NOW)).toEqual(["confirm", "cancel"]);
    expect(availableActions({ status: "confirmed", startsAt: later }, NOW)).toEqual(["cancel"]);
    // Started (in progress or over): complete or no-show, no longer cancel.
    expect(availableActions({ status: "confirmed", startsAt: earlier }, NOW)).toEqual(["complete", "no_show"]);
    // A no-show can be undone (marked by mistake), or completed after all.
    expect(availableActions({ status: "no_show", startsAt: earlier }, NOW)).toEqual(["undo_no_show", "complete"]);
    expect(availableActions({ status: "cancelled", startsAt: later }, NOW)).toEqual([]);
  });
});

describe.each(testDrivers())("appointment actions on %s", (kind) => {
  const t = setUpTestDb(kind);

  async function setup() {
    const { provider: p, service: s } = await makeProvider(t.db, { businessName: "Ada's Studio" });
    return { p, s };
  }
  const statusOf = async (id: string) =>
    (await t.db.select({ status: appointments.status }).from(appointments).where(eq(appointments.id, id)))[0]!.status;

  it("confirms a pending appointment and mails the client", async () => {
    const { p, s } = await setup();
    const a = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: later, status: "pending", clientEmail: "ada@client.test" });
    await applyAppointmentAction(t.db, { providerId: p.id, appointmentId: a.id, action: "confirm" }, NOW);
    expect(await statusOf(a.id)).toBe("confirmed");
    const mails = await t.db.select().from(mailMessages).where(eq(mailMessages.to, "ada@client.test"));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toBe(`Confirmed: ${s.name} at Ada's Studio`);
    // On the provider's clock, written like every other booking mail.
    expect(mails[0]!.text).toContain(`${s.name}, Monday, 4 May 2026, 17:00 (Europe/Berlin)`);
  });

  it("completes and marks no-show once started, and refuses before", async () => {
    const { p, s } = await setup();
    const future = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: later });
    await expect(
      applyAppointmentAction(t.db, { providerId: p.id, appointmentId: future.id, action: "complete" }, NOW),
    ).rejects.toMatchObject({ code: "INVALID_STATE", message: expect.stringMatching(/once it has started/) });
    expect(await statusOf(future.id)).toBe("confirmed");

    const started = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: earlier });
    await applyAppointmentAction(t.db, { providerId: p.id, appointmentId: started.id, action: "complete" }, NOW);
    expect(await statusOf(started.id)).toBe("completed");

    const missed = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: new Date("2026-05-04T07:00:00Z"), status: "pending" });
    await applyAppointmentAction(t.db, { providerId: p.id, appointmentId: missed.id, action: "no_show" }, NOW);
    expect(await statusOf(missed.id)).toBe("no_show");
  });

  it("undoes a no-show: confirmed again, silently, the change recorded; a no-show whose time was taken since stays one", async () => {
    const { p, s } = await setup();
    const missed = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: earlier, status: "no_show", clientEmail: "undo@client.test" });
    await applyAppointmentAction(t.db, { providerId: p.id, appointmentId: missed.id, action: "undo_no_show" }, NOW);
    expect(await statusOf(missed.id)).toBe("confirmed");
    const [change] = await t.db.select().from(appointmentChanges).where(eq(appointmentChanges.appointmentId, missed.id));
    expect(change).toMatchObject({ kind: "no_show_undone", actorKind: "provider", previousStatus: "no_show" });
    expect(await t.db.select().from(mailMessages).where(eq(mailMessages.to, "undo@client.test"))).toEqual([]);
    // Only a no-show can be undone.
    await expect(applyAppointmentAction(t.db, { providerId: p.id, appointmentId: missed.id, action: "undo_no_show" }, NOW)).rejects.toMatchObject({
      code: "INVALID_STATE",
    });

    // The freed time was booked again: undoing would double-book, so it is refused and nothing changes.
    const gone = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: new Date("2026-05-04T06:00:00Z"), status: "no_show" });
    await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: new Date("2026-05-04T06:00:00Z") });
    await expect(applyAppointmentAction(t.db, { providerId: p.id, appointmentId: gone.id, action: "undo_no_show" }, NOW)).rejects.toMatchObject({
      code: "SLOT_TAKEN",
    });
    expect(await statusOf(gone.id)).toBe("no_show");
    // A client who came after all is completed straight from the no-show.
    await applyAppointmentAction(t.db, { providerId: p.id, appointmentId: gone.id, action: "complete" }, NOW);
    expect(await statusOf(gone.id)).toBe("completed");
  });

  it("refuses a transition from a state not in the table", async () => {
    const { p, s } = await setup();
    const done = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: earlier, status: "cancelled" });
    for (const action of ["confirm", "complete", "no_show"] as const) {
      await expect(applyAppointmentAction(t.db, { providerId: p.id, appointmentId: done.id, action }, NOW)).rejects.toMatchObject({
        code: "INVALID_STATE",
      });
    }
    expect(await statusOf(done.id)).toBe("cancelled");
  });

  it("answers NOT_FOUND for another provider's appointment and changes nothing", async () => {
    const { p } = await setup();
    const other = await setup();
    const theirs = await makeAppointment(t.db, { providerId: other.p.id, serviceId: other.s.id, startsAt: earlier, status: "pending" });
    for (const action of ["confirm", "complete", "no_show", "undo_no_show"] as const) {
      await expect(applyAppointmentAction(t.db, { providerId: p.id, appointmentId: theirs.id, action }, NOW)).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
    await expect(
      applyAppointmentAction(t.db, { providerId: p.id, appointmentId: "nope", action: "confirm" }, NOW),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await statusOf(theirs.id)).toBe("pending");
    expect(await t.db.select().from(mailMessages).where(eq(mailMessages.to, theirs.clientEmail))).toEqual([]);
  });

  it("lists today and upcoming (or past) appointments by day on the provider's clock, filtered by status", async () => {
    // Kolkata is UTC+5:30: 19:00Z on 4 May is 00:30 on 5 May there.
    const { provider: p, service: s } = await makeProvider(t.db, { timezone: "Asia/Kolkata" });
    const other = await setup();
    await makeAppointment(t.db, { providerId: other.p.id, serviceId: other.s.id, startsAt: later });
    const yesterday = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: new Date("2026-05-03T12:00:00Z"), status: "completed" });
    const todayEarly = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: new Date("2026-05-03T19:00:00Z") });
    const todayLate = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: later, status: "pending" });
    const tomorrow = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: new Date("2026-05-04T19:00:00Z"), status: "cancelled" });

    const upcoming = await listDashboardAppointments(t.db, { providerId: p.id, timezone: p.timezone, view: "upcoming", status: "all" }, NOW);
    expect(upcoming.today).toBe("2026-05-04");
    expect(upcoming.days.map((d) => [d.date, d.appointments.map((a) => a.id)])).toEqual([
      ["2026-05-04", [todayEarly.id, todayLate.id]],
      ["2026-05-05", [tomorrow.id]],
    ]);
    const pending = await listDashboardAppointments(t.db, { providerId: p.id, timezone: p.timezone, view: "upcoming", status: "pending" }, NOW);
    expect(pending.days.flatMap((d) => d.appointments.map((a) => a.id))).toEqual([todayLate.id]);
    const past = await listDashboardAppointments(t.db, { providerId: p.id, timezone: p.timezone, view: "past", status: "all" }, NOW);
    expect(past.days).toEqual([{ date: "2026-05-03", appointments: [expect.objectContaining({ id: yesterday.id, serviceName: s.name })] }]);
  });

  it("filters by staff member inside the provider's own appointments; another provider's member shows nothing of theirs", async () => {
    const { p, s } = await setup();
    const other = await setup();
    const [{ staff: mine }, { staff: theirs }] = [await addStaffMember(t.db, p.id, { name: "Mine" }), await addStaffMember(t.db, other.p.id, { name: "Theirs" })];
    const withMine = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: later });
    await t.db.update(appointments).set({ staffId: mine.id }).where(eq(appointments.id, withMine.id));
    const nobody = await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: new Date(later.getTime() + 3_600_000) });
    const foreign = await makeAppointment(t.db, { providerId: other.p.id, serviceId: other.s.id, startsAt: later });
    await t.db.update(appointments).set({ staffId: theirs.id }).where(eq(appointments.id, foreign.id));
    const ids = async (staff: Parameters<typeof listDashboardAppointments>[1]["staff"]) =>
      (await listDashboardAppointments(t.db, { providerId: p.id, timezone: p.timezone, view: "upcoming", status: "all", staff }, NOW)).days.flatMap((d) =>
        d.appointments.map((a) => a.id),
      );
    expect(await ids({ staffId: mine.id })).toEqual([withMine.id]);
    expect(await ids("none")).toEqual([nobody.id]);
    expect(await ids({ staffId: theirs.id })).toEqual([]);
    expect(await ids(undefined)).toEqual([withMine.id, nobody.id]);
  });
});
