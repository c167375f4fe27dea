import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { addService, createProviderFixture } from "@/test/fixtures";
import { getPublicProviderBySlug, searchProviders } from "./providers";

describe.each(testDrivers())("public providers on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("shows a provider by slug with its active services and weekly hours", async () => {
    const f = await createProviderFixture(t.db, {
      provider: { slug: "north-cuts", businessName: "North Cuts" },
      hours: [
        { weekday: 2, start: "13:00", end: "18:00" },
        { weekday: 1, start: "09:00", end: "12:30" },
      ],
    });
    await addService(t.db, f.provider.id, { name: "Beard trim", durationMinutes: 15 });
    await addService(t.db, f.provider.id, { name: "Retired", active: false });
    const p = await getPublicProviderBySlug(t.db, "north-cuts");
    expect(p).toMatchObject({ id: f.provider.id, businessName: "North Cuts", timezone: "Europe/Berlin" });
    expect(p!.services.map((s) => s.name)).toEqual(["Beard trim", "Haircut"]);
    expect(p!.hours).toEqual([
      { weekday: 1, start: "09:00", end: "12:30" },
      { weekday: 2, start: "13:00", end: "18:00" },
    ]);
    expect(p).not.toHaveProperty("ownerId");
    expect(await getPublicProviderBySlug(t.db, "no-such-slug")).toBeNull();
  });

  it("searches name and description case-insensitively, treating % and _ literally", async () => {
    await createProviderFixture(t.db, { provider: { businessName: "Zen Yoga", description: "Calm classes" } });
    await createProviderFixture(t.db, { provider: { businessName: "100% Nails", description: "" } });
    await createProviderFixture(t.db, { provider: { businessName: "Anna's Studio", description: "Yoga and pilates" } });
    await createProviderFixture(t.db, { provider: { businessName: "Snake_case Tattoo", description: "" } });

    // The business named after it first, then the one that only mentions it.
    expect((await searchProviders(t.db, "yOgA")).map((p) => p.businessName)).toEqual(["Zen Yoga", "Anna's Studio"]);
    expect((await searchProviders(t.db, "%")).map((p) => p.businessName)).toEqual(["100% Nails"]);
    expect((await searchProviders(t.db, "_")).map((p) => p.businessName)).toEqual(["Snake_case Tattoo"]);
    expect(await searchProviders(t.db, "nothing matches this")).toEqual([]);

    const all = await searchProviders(t.db, "  ");
    const names = all.map((p) => p.businessName);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(names).toEqual(expect.arrayContaining(["Zen Yoga", "100% Nails", "North Cuts"]));
  });

  it("finds services, city and street words, folding case and accents, best match first", async () => {
    const bloom = await createProviderFixture(t.db, {
      provider: { businessName: "Bloom Hair Studio", address: "12 Market Street, Londinium", description: "Cuts and colour." },
      service: { name: "Balayage Deluxe" },
    });
    await addService(t.db, bloom.provider.id, { name: "Retired Perm", active: false });
    await createProviderFixture(t.db, {
      provider: { businessName: "Café Zürich Crème", address: "Bahnhofstraße 3, Zürich", description: "" },
    });
    await createProviderFixture(t.db, {
      provider: { businessName: "Balayage Bar", address: "1 Quay, Dublin", description: "" },
    });
    await createProviderFixture(t.db, {
      provider: { businessName: "Corner Shop", address: "", description: "Walk-ins welcome, balayage by appointment" },
    });
    const names = async (q: string) => (await searchProviders(t.db, q)).map((p) => p.businessName);

    // A service's name finds its business, in any case; ranked: name > service > description.
    expect(await names("BALAYAGE")).toEqual(["Balayage Bar", "Bloom Hair Studio", "Corner Shop"]);
    // A city or street word of the address.
    expect(await names("londinium")).toEqual(["Bloom Hair Studio"]);
    expect(await names("market street")).toEqual(["Bloom Hair Studio"]);
    // Every word must match somewhere: a service and a city together narrow it down.
    expect(await names("balayage, Londinium")).toEqual(["Bloom Hair Studio"]);
    // Accents fold on both sides.
    expect(await names("zurich")).toEqual(["Café Zürich Crème"]);
    expect(await names("CAFÉ ZÜRICH")).toEqual(["Café Zürich Crème"]);
    expect(await names("creme bahnhofstrasse")).toEqual([]);
    expect(await names("crème bahnhofstraße")).toEqual(["Café Zürich Crème"]);
    // A service no longer offered finds nothing.
    expect(await names("retired perm")).toEqual([]);
  });

  it("pages through results 50 at a time", async () => {
    for (let i = 0; i < 52; i++) {
      await createProviderFixture(t.db, { provider: { businessName: `Paged ${String(i).padStart(2, "0")}` } });
    }
    const first = await searchProviders(t.db, "paged");
    const second = await searchProviders(t.db, "paged", { page: 2 });
    expect(first).toHaveLength(50);
    expect(second.map((p) => p.businessName)).toEqual(["Paged 50", "Paged 51"]);
  });
});
