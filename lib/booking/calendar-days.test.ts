import { describe, expect, it } from "vitest";
import { dayWindow, isCalendarDate } from "./calendar-days";

describe("isCalendarDate", () => {
  it("accepts real dates and rejects impossible or malformed ones", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(isCalendarDate("2025-13-01")).toBe(false);
    expect(isCalendarDate("2025-1-01")).toBe(false);
    expect(isCalendarDate("2025-01-01T00:00")).toBe(false);
    expect(isCalendarDate(undefined)).toBe(false);
  });
});

describe("dayWindow", () => {
  const today = "2025-12-01";

  it("shows the next 14 days from today and offers later days only", () => {
    const w = dayWindow({ today, lastDay: "2026-01-30" });
    expect(w.days).toHaveLength(14);
    expect(w.from).toBe("2025-12-01");
    expect(w.to).toBe("2025-12-14");
    expect(w.earlier).toBeNull();
    expect(w.later).toBe("2025-12-08");
  });

  it("moves a week at a time and never before today", () => {
    const w = dayWindow({ today, lastDay: "2026-01-30", from: "2025-12-04" });
    expect(w.earlier).toBe("2025-12-01");
    expect(w.later).toBe("2025-12-11");
    expect(dayWindow({ today, lastDay: "2026-01-30", from: "2025-11-01" }).from).toBe(today);
  });

  it("stops at the end of the booking horizon, keeping a full window", () => {
    const w = dayWindow({ today, lastDay: "2025-12-20", from: "2025-12-15" });
    expect(w.from).toBe("2025-12-07");
    expect(w.to).toBe("2025-12-20");
    expect(w.later).toBeNull();
    expect(w.earlier).toBe("2025-12-01");
    // One step from the start lands on the last full window, not past it.
    expect(dayWindow({ today, lastDay: "2025-12-20" }).later).toBe("2025-12-07");
  });

  it("shows fewer days when the horizon is shorter than the window", () => {
    const w = dayWindow({ today, lastDay: "2025-12-03" });
    expect(w.days).toEqual(["2025-12-01", "2025-12-02", "2025-12-03"]);
    expect(w.earlier).toBeNull();
    expect(w.later).toBeNull();
  });

  it("keeps a deep-linked day visible when no window start is given", () => {
    const w = dayWindow({ today, lastDay: "2026-01-30", selected: "2025-12-25" });
    expect(w.days).toContain("2025-12-25");
    expect(dayWindow({ today, lastDay: "2026-01-30", selected: "2025-12-05" }).from).toBe(today);
  });

  it("crosses month and year ends and a DST change by calendar days", () => {
    const w = dayWindow({ today: "2026-03-25", lastDay: "2026-06-01" });
    expect(w.days.slice(5, 9)).toEqual(["2026-03-30", "2026-03-31", "2026-04-01", "2026-04-02"]);
    expect(dayWindow({ today: "2025-12-28", lastDay: "2026-02-01" }).to).toBe("2026-01-10");
  });
});
