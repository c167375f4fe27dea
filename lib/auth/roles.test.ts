import { describe, expect, it } from "vitest";
import { afterSignInPath, areaRole, canEnter, hasRole, isProtectedPath, loginPath, roleHome, safeNextPath } from "./roles";

describe("areas and roles", () => {
  it("gives each signed-in area to one role", () => {
    expect(areaRole("/account")).toBe("client");
    expect(areaRole("/account/favorites")).toBe("client");
    expect(areaRole("/dashboard/services")).toBe("provider");
    expect(areaRole("/staff")).toBe("staff");
    expect(areaRole("/")).toBeNull();
    expect(areaRole("/p/some-salon")).toBeNull();
    // A prefix match is per path segment: "/accounting" is not the client area.
    expect(areaRole("/accounting")).toBeNull();
    expect(areaRole("/staffing")).toBeNull();
  });

  it("lets a role into its own area and public pages only", () => {
    expect(canEnter("client", "/account/preferences")).toBe(true);
    expect(canEnter("client", "/dashboard")).toBe(false);
    expect(canEnter("provider", "/dashboard/hours")).toBe(true);
    expect(canEnter("provider", "/account")).toBe(false);
    expect(canEnter("staff", "/staff")).toBe(true);
    expect(canEnter("staff", "/dashboard")).toBe(false);
    expect(canEnter("staff", "/p/x/book")).toBe(true);
  });

  it("treats only the signed-in areas as protected", () => {
    expect(isProtectedPath("/dashboard")).toBe(true);
    expect(isProtectedPath("/login")).toBe(false);
    expect(isProtectedPath("/bookings/abc")).toBe(false);
  });

  it("accepts one role or a list", () => {
    expect(hasRole("client", "client")).toBe(true);
    expect(hasRole("client", ["provider", "staff"])).toBe(false);
    expect(hasRole("staff", ["provider", "staff"])).toBe(true);
  });

  it("sends each role home", () => {
    expect(roleHome("client")).toBe("/account");
    expect(roleHome("provider")).toBe("/dashboard");
    expect(roleHome("staff")).toBe("/staff");
  });
});

describe("safe next paths", () => {
  it("keeps same-origin relative paths with their query and hash", () => {
    expect(safeNextPath("/dashboard/services?saved=1#top")).toBe("/dashboard/services?saved=1#top");
    expect(safeNextPath("/p/salon/book")).toBe("/p/salon/book");
  });

  it.each([
    ["absolute URL", "https://evil.example/x"],
    ["protocol-relative", "//evil.example/x"],
    ["backslash trick", "/\\evil.example"],
    ["backslash inside", "/foo\\..\\//evil"],
    ["javascript URL", "javascript:alert(1)"],
    ["no leading slash", "dashboard"],
    ["newline", "/dash\nboard"],
    ["tab trick", "/\t/evil.example"],
    ["dot segment then //", "/.//evil.example/x"],
    ["dot-dot segment then //", "/a/..//evil.example/x"],
    ["encoded dot segment then //", "/%2e//evil.example/x"],
    ["double dot segment then //", "/././/evil.example"],
    ["dot segment then ///", "/.///evil.example"],
    ["empty", ""],
    ["not a string", 42],
    ["the login page itself", "/login?next=/x"],
    ["the register page", "/register"],
    ["the auth API", "/api/auth/signout"],
  ])("rejects %s", (_label, raw) => {
    expect(safeNextPath(raw)).toBeNull();
  });

  it("lands on next only when the role may enter it", () => {
    expect(afterSignInPath("provider", "/dashboard/hours")).toBe("/dashboard/hours");
    expect(afterSignInPath("client", "/dashboard/hours")).toBe("/account");
    expect(afterSignInPath("client", "/p/salon/book")).toBe("/p/salon/book");
    expect(afterSignInPath("staff", "https://evil.example")).toBe("/staff");
    expect(afterSignInPath("client", undefined)).toBe("/account");
    expect(afterSignInPath("provider", undefined)).toBe("/dashboard/schedule");
  });

  it("builds the sign-in link with an encoded next", () => {
    expect(loginPath("/dashboard/services?x=1&y=2")).toBe("/login?next=%2Fdashboard%2Fservices%3Fx%3D1%26y%3D2");
    expect(loginPath("//evil.example")).toBe("/login");
    expect(loginPath(null)).toBe("/login");
  });
});
