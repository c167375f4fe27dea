import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointments, staffMembers, staffServices } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { addService, createProviderFixture } from "@/test/fixtures";
import { outcome } from "@/test/expect-app-error";
import {
  createStaff,
  deleteStaff,
  listStaff,
  MAX_ACTIVE_STAFF,
  moveStaff,
  setStaffActive,
  staffSchema,
  updateStaff,
  type StaffInput,
} from "./members";
import { checkPhoto, detectImageType, getStaffPhoto, MAX_PHOTO_BYTES, setStaffPhoto } from "./photo";
import { createAppointment as makeAppointment } from "@/test/fixtures";

const member = (name: string, extra: Partial<StaffInput> = {}): StaffInput => ({
  name,
  email: "",
  phone: "",
  bio: "",
  active: true,
  serviceIds: [],
  ...extra,
});

describe("staff form and photo checks", () => {
  it("parses a member and refuses a blank name, a bad email and a foreign id", () => {
    expect(staffSchema.parse({ name: " Ana ", email: "ANA@X.example", active: "on", serviceIds: [] })).toMatchObject({
      name: "Ana",
      email: "ana@x.example",
      active: true,
    });
    const r = staffSchema.safeParse({ name: " ", email: "nope", serviceIds: ["1; drop table"] });
    expect(Object.keys(r.error!.flatten().fieldErrors).sort()).toEqual(["email", "name", "serviceIds"]);
  });

  it("recognises JPEG, PNG and WebP by their bytes, not their names", () => {
    expect(detectImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe("image/jpeg");
    expect(detectImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
    expect(detectImageType(new TextEncoder().encode("RIFF\x10\x00\x00\x00WEBPVP8 "))).toBe("image/webp");
    expect(detectImageType(new TextEncoder().encode("GIF89a......"))).toBeNull();
    expect(detectImageType(new TextEncoder().encode("<svg xmlns="))).toBeNull();
    expect(checkPhoto(new Uint8Array(0))).toMatchObject({ ok: false });
    const big = new Uint8Array(MAX_PHOTO_BYTES + 1);
    big.set([0xff, 0xd8, 0xff]);
    expect(checkPhoto(big)).toEqual({ ok: false, message: "The photo must be at most 2 MB." });
  });
});

describe.each(testDrivers())("staff members on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("adds, edits and lists members with their own services only, active first then display order", async () => {
    const { provider: p, service } = await createProviderFixture(t.db, { provider: { plan: "pro" } });
    const other = await createProviderFixture(t.db);
    const a = await createStaff(t.db, p.id, member("Ana", { serviceIds: [service.id] }));
    const b = await createStaff(t.db, p.id, member("Ben"));
    await setStaffActive(t.db, p.id, a, false);
    expect((await listStaff(t.db, p.id)).map((s) => [s.name, s.active])).toEqual([
      ["Ben", true],
      ["Ana", false],
    ]);
    expect(await outcome(updateStaff(t.db, p.id, b, member("Ben", { serviceIds: [other.service.id] })))).toBe("VALIDATION");
    expect(await t.db.select().from(staffServices).where(eq(staffServices.staffId, b))).toEqual([]);
    const extra = await addService(t.db, p.id, { name: "Colour" });
    await updateStaff(t.db, p.id, b, member("Benjamin", { bio: "Colourist", serviceIds: [extra.id, service.id] }));
    const ben = (await listStaff(t.db, p.id)).find((s) => s.id === b)!;
    expect(ben).toMatchObject({ name: "Benjamin", bio: "Colourist" });
    expect(ben.services.map((s) => s.name)).toEqual(["Colour", "Haircut"]);
  });

  it("will not show, change or delete another provider's member", async () => {
    const { provider: p } = await createProviderFixture(t.db, { provider: { plan: "pro" } });
    const { provider: q } = await createProviderFixture(t.db, { provider: { plan: "pro" } });
    const theirs = await createStaff(t.db, q.id, member("Theirs"));
    expect(await outcome(updateStaff(t.db, p.id, theirs, member("Mine")))).toBe("NOT_FOUND");
    expect(await outcome(setStaffActive(t.db, p.id, theirs, false))).toBe("NOT_FOUND");
    expect(await outcome(deleteStaff(t.db, p.id, theirs))).toBe("NOT_FOUND");
    expect(await outcome(setStaffPhoto(t.db, p.id, theirs, new Uint8Array([0xff, 0xd8, 0xff, 1])))).toBe("NOT_FOUND");
    expect((await listStaff(t.db, q.id))[0]).toMatchObject({ name: "Theirs", active: true });
  });

  it("reorders members", async () => {
    const { provider: p } = await createProviderFixture(t.db, { provider: { plan: "pro" } });
    const [a, b, c] = [await createStaff(t.db, p.id, member("A")), await createStaff(t.db, p.id, member("B")), await createStaff(t.db, p.id, member("C"))];
    await moveStaff(t.db, p.id, c, "up");
    await moveStaff(t.db, p.id, a, "down");
    expect((await listStaff(t.db, p.id)).map((s) => s.id)).toEqual([c, a, b]);
  });

  it("allows at most 10 active members; concurrent adds at 9 cannot make 11", async () => {
    const { provider: p } = await createProviderFixture(t.db, { provider: { plan: "pro" } });
    for (let i = 0; i < MAX_ACTIVE_STAFF - 1; i++) await createStaff(t.db, p.id, member(`M${i}`));
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => outcome(createStaff(t.db, p.id, member(`Racer${i}`)))));
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "CONFLICT")).toHaveLength(5);
    const active = (await listStaff(t.db, p.id)).filter((s) => s.active);
    expect(active).toHaveLength(MAX_ACTIVE_STAFF);
    // Inactive members do not count, but re-activating one at 10 is refused too.
    const parked = await createStaff(t.db, p.id, member("Parked", { active: false }));
    expect(await outcome(setStaffActive(t.db, p.id, parked, true))).toBe("CONFLICT");
    expect(await outcome(updateStaff(t.db, p.id, parked, member("Parked", { active: true })))).toBe("CONFLICT");
    await setStaffActive(t.db, p.id, active[0]!.id, false);
    const again = await Promise.all([setStaffActive(t.db, p.id, parked, true), createStaff(t.db, p.id, member("Late"))].map(outcome));
    expect(again.sort()).toEqual(["CONFLICT", "ok"]);
    expect((await listStaff(t.db, p.id)).filter((s) => s.active)).toHaveLength(MAX_ACTIVE_STAFF);
  });

  it("stores a photo in the database and refuses a file that is not an image", async () => {
    const { provider: p } = await createProviderFixture(t.db, { provider: { plan: "pro" } });
    const id = await createStaff(t.db, p.id, member("Photo"));
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
    expect(await outcome(setStaffPhoto(t.db, p.id, id, new TextEncoder().encode("<html>not an image</html>")))).toBe("VALIDATION");
    expect(await getStaffPhoto(t.db, id)).toBeNull();
    await setStaffPhoto(t.db, p.id, id, png);
    const stored = await getStaffPhoto(t.db, id);
    expect(stored?.contentType).toBe("image/png");
    expect([...stored!.data]).toEqual([...png]);
    expect((await listStaff(t.db, p.id))[0]!.photoVersion).toBe(stored!.updatedAt.getTime());
  });

  it("deletes a member without appointments; one with past appointments can only be deactivated", async () => {
    const { provider: p, service } = await createProviderFixture(t.db, { provider: { plan: "pro" } });
    const fresh = await createStaff(t.db, p.id, member("Fresh"));
    const veteran = await createStaff(t.db, p.id, member("Veteran"));
    const past = await makeAppointment(t.db, { providerId: p.id, serviceId: service.id, startsAt: new Date("2020-01-01T10:00:00Z"), status: "completed" });
    await t.db.update(appointments).set({ staffId: veteran }).where(eq(appointments.id, past.id));
    await deleteStaff(t.db, p.id, fresh);
    expect(await outcome(deleteStaff(t.db, p.id, veteran))).toBe("IN_USE");
    expect((await t.db.select({ id: staffMembers.id }).from(staffMembers).where(eq(staffMembers.providerId, p.id))).map((r) => r.id)).toEqual([veteran]);
  });
});
