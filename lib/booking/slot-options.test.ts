import { describe, expect, it } from "vitest";
import { slotDays } from "./slot-options";

const at = (iso: string) => ({ start: new Date(iso) });

describe("slotDays", () => {
  it("groups times by the provider's day, not the server's or UTC's", () => {
    // 23:30 UTC on the 7th is already the 8th in Kolkata.
    const { counts, times } = slotDays([at("2025-12-07T03:30:00Z"), at("2025-12-07T23:30:00Z")], "Asia/Kolkata");
    expect(counts).toEqual({ "2025-12-07": 1, "2025-12-08": 1 });
    expect(times["2025-12-07"]).toEqual([{ value: "2025-12-07T03:30:00.000Z", label: "09:00" }]);
    expect(times["2025-12-08"]?.[0]?.label).toBe("05:00");
  });

  it("tells apart the two 01:30 slots of a fall-back night", () => {
    const { times } = slotDays(
      [at("2025-11-02T05:30:00Z"), at("2025-11-02T06:30:00Z"), at("2025-11-02T14:00:00Z")],
      "America/New_York",
    );
    expect(times["2025-11-02"]?.map((t) => t.label)).toEqual(["01:30 (GMT-4)", "01:30 (GMT-5)", "09:00"]);
  });
});
