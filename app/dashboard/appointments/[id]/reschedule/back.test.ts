import { describe, expect, it } from "vitest";
import { rescheduledHref, safeBack } from "./back";

describe("where the provider's reschedule returns to", () => {
  it("the schedule's panel or the list it came from, with the flash", () => {
    expect(rescheduledHref("/dashboard/schedule?date=2026-03-04&open=0b9c3d1e-8f6a-4b2c-9d7e-1a2b3c4d5e6f")).toBe(
      "/dashboard/schedule?date=2026-03-04&open=0b9c3d1e-8f6a-4b2c-9d7e-1a2b3c4d5e6f&done=reschedule",
    );
    expect(rescheduledHref("/dashboard?view=past")).toBe("/dashboard?view=past&done=reschedule");
    expect(rescheduledHref("/dashboard")).toBe("/dashboard?done=reschedule");
  });

  it("never another site or another page of ours", () => {
    for (const back of ["https://evil.example/dashboard", "//evil.example", "/dashboard/../login", "/account", "/dashboard/schedule#x", "/dashboard?x=<script>", undefined, 42]) {
      expect(safeBack(back)).toBe("/dashboard");
    }
  });
});
