import { describe, expect, it } from "vitest";
import { nextFreeSlug, slugify } from "./slug";

describe("slugify", () => {
  it.each([
    ["Hair Studio", "hair-studio"],
    ["  Café Zoë & Co.  ", "cafe-zoe-and-co"],
    ["Dr. Müller's Praxis", "dr-muller-s-praxis"],
    ["---", "provider"],
    ["東京 Yoga", "yoga"],
    ["Salon 24/7", "salon-24-7"],
  ])("%s → %s", (name, slug) => {
    expect(slugify(name)).toBe(slug);
  });

  it("caps the length without leaving a trailing dash", () => {
    const slug = slugify(`${"a".repeat(59)} b`);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug.endsWith("-")).toBe(false);
  });
});

describe("nextFreeSlug", () => {
  it("appends -2, -3 … past the taken ones", () => {
    expect(nextFreeSlug("salon", [])).toBe("salon");
    expect(nextFreeSlug("salon", ["salon"])).toBe("salon-2");
    expect(nextFreeSlug("salon", ["salon", "salon-2", "salon-3"])).toBe("salon-4");
    expect(nextFreeSlug("salon", ["salon", "salon-3"])).toBe("salon-2");
  });
});
