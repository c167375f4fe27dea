import { eq } from "drizzle-orm";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { services } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { AppError } from "@/lib/infra/errors";
import { formatCents, parsePriceToCents } from "./money";
import {
  createService,
  deleteService,
  getServiceOrThrow,
  listServices,
  serviceSchema,
  setServiceActive,
  updateService,
} from "./services";
import { createAppointment as makeAppointment, makeProvider } from "@/test/fixtures";

const NOW = new Date("2026-05-04T09:00:00Z");
const hoursFromNow = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

describe("prices", () => {
  it("turn a decimal into cents and back", () => {
    expect(parsePriceToCents("25")).toBe(2500);
    expect(parsePriceToCents("25.5")).toBe(2550);
    expect(parsePriceToCents(" 0.05 ")).toBe(5);
    expect(parsePriceToCents("0")).toBe(0);
    expect(formatCents(2550)).toBe("25.50");
    expect(formatCents(5)).toBe("0.05");
  });

  it("refuse negatives, three decimals and text", () => {
    for (const bad of ["-1", "1.234", "abc", "", "1,50", "1e3"]) expect(parsePriceToCents(bad)).toBeNull();
  });
});

describe("service form", () => {
  const form = { name: "Cut", description: "", durationMinutes: "45", price: "30.00", active: "on" };

  it("parses the form into a service", () => {
    const noRules = { slotIntervalMinutes: null, bufferBeforeMinutes: null, bufferAfterMinutes: null, minNoticeMinutes: null, bookingHorizonDays: null, dailyCapPerMember: null };
    expect(serviceSchema.parse(form)).toEqual({ name: "Cut", description: "", durationMinutes: 45, priceCents: 3000, active: true, ...noRules });
    expect(serviceSchema.parse({ ...form, active: undefined }).active).toBe(false);
  });

  it("refuses a duration off the 5-minute grid or out of range, a negative price and a blank name", () => {
    const r = serviceSchema.safeParse({ ...form, name: " ", durationMinutes: "42", price: "-5" });
    expect(Object.keys(r.error!.flatten().fieldErrors).sort()).toEqual(["durationMinutes", "name", "price"]);
    expect(serviceSchema.safeParse({ ...form, durationMinutes: "725" }).success).toBe(false);
    expect(serviceSchema.safeParse({ ...form, durationMinutes: "0" }).success).toBe(false);
  });

  it("takes the service's own scheduling rules, blank meaning the business's default, and refuses bad ones", () => {
    const parsed = serviceSchema.parse({ ...form, slotIntervalMinutes: "15", bufferBeforeMinutes: "", bufferAfterMinutes: "10", minNoticeMinutes: " ", bookingHorizonDays: "30", dailyCapPerMember: "0" });
    expect(parsed).toMatchObject({ slotIntervalMinutes: 15, bufferBeforeMinutes: null, bufferAfterMinutes: 10, minNoticeMinutes: null, bookingHorizonDays: 30, dailyCapPerMember: 0 });
    expect(serviceSchema.parse({ ...form, slotIntervalMinutes: "0" }).slotIntervalMinutes).toBe(0);
    const r = serviceSchema.safeParse({ ...form, slotIntervalMinutes: "20", bufferBeforeMinutes: "241", bufferAfterMinutes: "-5", bookingHorizonDays: "0", dailyCapPerMember: "1.5" });
    expect(z.flattenError(r.error!).fieldErrors).toEqual({
      slotIntervalMinutes: ["Choose a slot interval from the list."],
      bufferBeforeMinutes: ["Buffer before must be at most 240."],
      bufferAfterMinutes: ["Buffer after must be a whole number."],
      bookingHorizonDays: ["Booking horizon must be at least 1."],
      dailyCapPerMember: ["Daily limit must be a whole number."],
    });
  });
});

describe.each(testDrivers())("services on %s", (kind) => {
  const t = setUpTestDb(kind);

  const input = { name: "Colour", description: "Full colour", durationMinutes: 90, priceCents: 8000, active: true };

  it("creates, edits, deactivates and lists a provider's own services", async () => {
    const { provider: p, service: existing } = await makeProvider(t.db, {}); // comes with one service
    await makeProvider(t.db); // another provider's service must not be listed
    const id = await createService(t.db, p.id, input);
    await updateService(t.db, p.id, id, { ...input, name: "Colour & cut", priceCents: 9000 });
    await setServiceActive(t.db, p.id, id, false);
    // Active first, then inactive.
    expect(await listServices(t.db, p.id)).toEqual([
      expect.objectContaining({ id: existing.id, active: true }),
      expect.objectContaining({ id, name: "Colour & cut", description: "Full colour", durationMinutes: 90, priceCents: 9000, active: false }),
    ]);
  });

  it("will not read, edit, deactivate or delete another provider's service", async () => {
    const { provider: p } = await makeProvider(t.db);
    const { service: theirs } = await makeProvider(t.db);
    const attempts = [
      () => getServiceOrThrow(t.db, p.id, theirs.id),
      () => updateService(t.db, p.id, theirs.id, input),
      () => setServiceActive(t.db, p.id, theirs.id, false),
      () => deleteService(t.db, p.id, theirs.id, NOW),
      () => getServiceOrThrow(t.db, p.id, "not-a-uuid"),
    ];
    for (const attempt of attempts) await expect(attempt()).rejects.toMatchObject({ code: "NOT_FOUND" });
    const [row] = await t.db.select().from(services).where(eq(services.id, theirs.id));
    expect(row).toMatchObject({ name: theirs.name, active: true });
  });

  it("deletes a service nobody has booked", async () => {
    const { provider: p, service: s } = await makeProvider(t.db);
    await deleteService(t.db, p.id, s.id, NOW);
    expect(await listServices(t.db, p.id)).toEqual([]);
  });

  it("refuses to delete a service with upcoming appointments, counting them", async () => {
    const { provider: p, service: s } = await makeProvider(t.db);
    await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: hoursFromNow(2) });
    await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: hoursFromNow(26), status: "pending" });
    await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: hoursFromNow(30), status: "cancelled" });
    const err = (await deleteService(t.db, p.id, s.id, NOW).catch((e) => e)) as AppError;
    expect(err.code).toBe("IN_USE");
    expect(err.message).toBe(
      "This service has 2 upcoming appointments. Deactivate it instead so no new bookings can be made.",
    );
    expect(await listServices(t.db, p.id)).toHaveLength(1);
  });

  it("refuses to delete a service that only past appointments refer to, and says to deactivate", async () => {
    const { provider: p, service: s } = await makeProvider(t.db);
    await makeAppointment(t.db, { providerId: p.id, serviceId: s.id, startsAt: hoursFromNow(-48), status: "completed" });
    const err = (await deleteService(t.db, p.id, s.id, NOW).catch((e) => e)) as AppError;
    expect(err.code).toBe("IN_USE");
    expect(err.message).toMatch(/past appointments.*Deactivate it instead/);
    expect(await listServices(t.db, p.id)).toHaveLength(1);
  });
});
