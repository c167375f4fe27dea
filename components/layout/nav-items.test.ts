import { describe, expect, it } from "vitest";
import { activeHref, navByRole } from "./nav-items";

describe("header menus", () => {
  it("gives each role its own menu", () => {
    expect(navByRole.client.map((i) => i.label)).toEqual(["My appointments", "Favourites", "Preferences", "Settings"]);
    expect(navByRole.provider.map((i) => i.href)).toEqual(["/dashboard/schedule", "/dashboard", "/dashboard/services", "/dashboard/hours", "/dashboard/profile"]);
    expect(navByRole.staff).toEqual([{ href: "/staff", label: "My schedule" }]);
  });

  it("marks the deepest matching entry as the current page", () => {
    expect(activeHref(navByRole.provider, "/dashboard/services?saved=1")).toBe("/dashboard/services");
    expect(activeHref(navByRole.provider, "/dashboard/staff/123")).toBe("/dashboard");
    expect(activeHref(navByRole.provider, "/dashboard/schedule?date=2026-03-02")).toBe("/dashboard/schedule");
    expect(activeHref(navByRole.client, "/account/appointments/1")).toBe("/account");
    expect(activeHref(navByRole.client, "/accounting")).toBeNull();
  });
});
