import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { providers } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { AppError } from "@/lib/infra/errors";
import { getProfileOrThrow, profileSchema, SLUG_TAKEN, updateProfile } from "./profile";
import { makeProvider } from "@/test/fixtures";
import { isSelectableTimeZone, timeZoneOptions } from "@/lib/infra/time";

const form = (overrides: Record<string, string> = {}) => ({
  businessName: "Hair by Ada",
  slug: "hair-by-ada",
  description: "Cuts and colour.",
  timezone: "Asia/Kolkata",
  phone: "+91 22 1234 5678",
  email: "hello@ada.example",
  address: "1 Main St",
  currency: "INR",
  cancellationWindowHours: "24",
  minNoticeMinutes: "60",
  bookingHorizonDays: "90",
  guestBookingLimit: "5",
  ...overrides,
});

describe("time zone options", () => {
  it("offer UTC and current IANA names (Asia/Kolkata, not only ICU's Asia/Calcutta)", () => {
    const zones = timeZoneOptions();
    expect(zones).toContain("UTC");
    expect(zones).toContain("Asia/Kolkata");
    expect(zones).toContain("Europe/Kyiv");
    expect(zones).toContain("America/New_York");
    expect(new Set(zones).size).toBe(zones.length);
  });

  it("refuse a made-up zone, but keep the provider's existing zone selectable", () => {
    expect(isSelectableTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isSelectableTimeZone("Asia/Calcutta")).toBe(false);
    expect(isSelectableTimeZone("Asia/Calcutta", "Asia/Calcutta")).toBe(true);
  });
});

describe("profile form", () => {
  it("rejects a slug with capitals or spaces, an unknown zone and out-of-range numbers, naming each field", () => {
    const r = profileSchema("UTC").safeParse(
      form({ slug: "Hair By Ada", timezone: "Nowhere/Land", cancellationWindowHours: "721", minNoticeMinutes: "", bookingHorizonDays: "0", guestBookingLimit: "21" }),
    );
    expect(r.success).toBe(false);
    const fields = Object.keys(r.error!.flatten().fieldErrors).sort();
    expect(fields).toEqual(["bookingHorizonDays", "cancellationWindowHours", "guestBookingLimit", "minNoticeMinutes", "slug", "timezone"]);
  });

  it("takes the scheduling defaults, refusing an interval off the list, a blank buffer and a cap out of range", () => {
    const ok = profileSchema("UTC").parse(form({ slotIntervalMinutes: "30", bufferBeforeMinutes: "0", bufferAfterMinutes: "15", dailyCapPerMember: "8" }));
    expect(ok).toMatchObject({ slotIntervalMinutes: 30, bufferBeforeMinutes: 0, bufferAfterMinutes: 15, dailyCapPerMember: 8 });
    const bad = profileSchema("UTC").safeParse(form({ slotIntervalMinutes: "45", bufferBeforeMinutes: "", bufferAfterMinutes: "300", dailyCapPerMember: "101" }));
    expect(z.flattenError(bad.error!).fieldErrors).toEqual({
      slotIntervalMinutes: ["Choose a slot interval from the list."],
      bufferBeforeMinutes: ["Buffer before is required.", "Buffer before must be a whole number."],
      bufferAfterMinutes: ["Buffer after must be at most 240."],
      dailyCapPerMember: ["Daily limit must be at most 100."],
    });
  });

  it("reads the approval checkbox as on only when ticked, and refuses any other value", () => {
    const parse = (extra: Record<string, string>) => profileSchema("UTC").safeParse(form(extra));
    expect(parse({ requireApproval: "on" }).data?.requireApproval).toBe(true);
    expect(parse({}).data?.requireApproval).toBe(false);
    const odd = parse({ requireApproval: "maybe" });
    expect(odd.success).toBe(false);
    expect(Object.keys(z.flattenError(odd.error!).fieldErrors)).toEqual(["requireApproval"]);
  });

  it("takes a currency from the list or none, refuses any other, and keeps the provider's current one", () => {
    const parse = (currency: string, current?: string) => profileSchema("UTC", current).safeParse(form({ currency }));
    expect(parse("EUR").data?.currency).toBe("EUR");
    expect(parse("").data?.currency).toBe("");
    for (const bad of ["eur", "XXX", "€", "EURO"]) {
      const r = parse(bad);
      expect(r.success, bad).toBe(false);
      expect(z.flattenError(r.error!).fieldErrors).toEqual({ currency: ["Choose a currency from the list."] });
    }
    expect(parse("JPY", "JPY").success).toBe(true);
  });

  it("accepts a blank phone and contact email", () => {
    const r = profileSchema("UTC").safeParse(form({ phone: "", email: "" }));
    expect(r.success).toBe(true);
    expect(r.data).toMatchObject({ phone: "", email: "", minNoticeMinutes: 60 });
  });
});

describe.each(testDrivers())("provider profile on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("saves every field", async () => {
    const { provider: p } = await makeProvider(t.db);
    const input = profileSchema(p.timezone).parse(
      form({ slug: `saved-${p.id.slice(0, 8)}`, requireApproval: "on", slotIntervalMinutes: "30", bufferAfterMinutes: "15" }),
    );
    await updateProfile(t.db, p.id, input);
    expect(await getProfileOrThrow(t.db, p.id)).toMatchObject({
      slotIntervalMinutes: 30,
      bufferAfterMinutes: 15,
      bufferBeforeMinutes: 0,
      dailyCapPerMember: 0,
      businessName: "Hair by Ada",
      slug: `saved-${p.id.slice(0, 8)}`,
      timezone: "Asia/Kolkata",
      currency: "INR",
      bookingHorizonDays: 90,
      guestBookingLimit: 5,
      requireApproval: true,
    });
  });

  it("turns approval of online bookings on with the ticked box and off when it is unticked (absent from the form)", async () => {
    const { provider: p } = await makeProvider(t.db);
    expect((await getProfileOrThrow(t.db, p.id)).requireApproval).toBe(false);
    const slug = `approve-${p.id.slice(0, 8)}`;
    await updateProfile(t.db, p.id, profileSchema(p.timezone).parse(form({ slug, requireApproval: "on" })));
    expect((await getProfileOrThrow(t.db, p.id)).requireApproval).toBe(true);
    await updateProfile(t.db, p.id, profileSchema(p.timezone).parse(form({ slug })));
    expect((await getProfileOrThrow(t.db, p.id)).requireApproval).toBe(false);
  });

  it("answers a taken slug with a field error and writes nothing", async () => {
    const { provider: other } = await makeProvider(t.db);
    const { provider: p } = await makeProvider(t.db);
    const input = profileSchema(p.timezone).parse(form({ slug: other.slug, businessName: "Renamed" }));
    const err = await updateProfile(t.db, p.id, input).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fieldErrors).toEqual({ slug: [SLUG_TAKEN] });
    const [row] = await t.db.select().from(providers).where(eq(providers.id, p.id));
    expect(row).toMatchObject({ slug: p.slug, businessName: p.businessName });
  });

  it("refuses an unknown zone and writes nothing, even past the form", async () => {
    const { provider: p } = await makeProvider(t.db);
    expect(profileSchema(p.timezone).safeParse(form({ timezone: "Europe/Atlantis" })).success).toBe(false);
    const input = { ...profileSchema(p.timezone).parse(form({ businessName: "Renamed" })), timezone: "Europe/Atlantis" };
    const err = await updateProfile(t.db, p.id, input).catch((e) => e);
    expect((err as AppError).fieldErrors).toHaveProperty("timezone");
    const [row] = await t.db.select().from(providers).where(eq(providers.id, p.id));
    expect(row).toMatchObject({ timezone: "Europe/Berlin", businessName: p.businessName });
  });

  it("updates only the given provider", async () => {
    const { provider: a } = await makeProvider(t.db);
    const { provider: b } = await makeProvider(t.db);
    await updateProfile(t.db, a.id, profileSchema(a.timezone).parse(form({ slug: `only-${a.id.slice(0, 8)}` })));
    const [rowB] = await t.db.select().from(providers).where(eq(providers.id, b.id));
    expect(rowB).toMatchObject({ slug: b.slug, businessName: b.businessName, timezone: b.timezone });
  });
});
