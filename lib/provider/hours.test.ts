import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { AppError } from "@/lib/infra/errors";
import {
  addClosedDate,
  listUpcomingClosedDates,
  parseWeeklyHoursForm,
  removeClosedDate,
  replaceWeeklyHours,
  validateWeeklyHours,
  weeklyHoursFormSchema,
} from "./hours";
import { makeProvider } from "@/test/fixtures";
import { loadWeeklyHours } from "@/lib/booking/providers";

describe("weekly hours form", () => {
  it("reads split days and ignores blank rows", () => {
    const r = parseWeeklyHoursForm({
      "h-1-0-start": "13:00",
      "h-1-0-end": "17:00",
      "h-1-1-start": "09:00",
      "h-1-1-end": "12:00",
      "h-3-0-start": "",
      "h-3-0-end": "",
      "h-6-0-start": "10:00",
      "h-6-0-end": "14:00",
    });
    expect(r).toEqual({
      ok: true,
      intervals: [
        { weekday: 1, start: "09:00", end: "12:00" },
        { weekday: 1, start: "13:00", end: "17:00" },
        { weekday: 6, start: "10:00", end: "14:00" },
      ],
    });
  });

  it("never reads a field of only U+2028/U+2029 or other invisible characters as blank: an error, not a closed day", () => {
    for (const junk of ["\u2028", "\u2029", "\u2028\u2029", "\u3000", "\u00a0", "\u200b", "\u0085"]) {
      const r = weeklyHoursFormSchema.safeParse({ "h-1-0-start": junk, "h-1-0-end": junk });
      expect(r.success, JSON.stringify(junk)).toBe(false);
      expect(r.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["day-1", "Monday: use times like 09:00."]]);
    }
    // Beside a time they are whitespace; after one, nothing else may follow it.
    expect(parseWeeklyHoursForm({ "h-1-0-start": "\u202809:00\u2029", "h-1-0-end": " 17:00\u2028" })).toEqual({
      ok: true,
      intervals: [{ weekday: 1, start: "09:00", end: "17:00" }],
    });
    expect(parseWeeklyHoursForm({ "h-1-0-start": "09:00", "h-1-0-end": "17:00\u2028x" }).ok).toBe(false);
    // A time input with seconds, and plain spaces as blank, as before.
    expect(parseWeeklyHoursForm({ "h-2-0-start": "09:00:00", "h-2-0-end": "12:30:00", "h-3-0-start": " ", "h-3-0-end": "" })).toEqual({
      ok: true,
      intervals: [{ weekday: 2, start: "09:00", end: "12:30" }],
    });
  });

  it("names the day whose intervals overlap, or end before they start, or are half filled", () => {
    const r = parseWeeklyHoursForm({
      "h-2-0-start": "09:00",
      "h-2-0-end": "12:00",
      "h-2-1-start": "11:30",
      "h-2-1-end": "15:00",
      "h-5-0-start": "18:00",
      "h-5-0-end": "09:00",
      "h-7-0-start": "10:00",
      "h-7-0-end": "",
    });
    expect(r).toEqual({
      ok: false,
      fieldErrors: {
        "day-2": ["Tuesday: 09:00–12:00 overlaps 11:30–15:00."],
        "day-5": ["Friday: 18:00–09:00 must start before it ends."],
        "day-7": ["Sunday: give both a start and an end time."],
      },
    });
  });

  it("lets intervals touch", () => {
    expect(
      validateWeeklyHours([
        { weekday: 4, start: "09:00", end: "12:00" },
        { weekday: 4, start: "12:00", end: "13:00" },
      ]),
    ).toEqual({});
  });
});

describe.each(testDrivers())("hours and closed dates on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("replaces the provider's weekly hours as a whole", async () => {
    const { provider: p } = await makeProvider(t.db);
    const { provider: other } = await makeProvider(t.db);
    await replaceWeeklyHours(t.db, other.id, [{ weekday: 1, start: "08:00", end: "10:00" }]);
    await replaceWeeklyHours(t.db, p.id, [
      { weekday: 1, start: "09:00", end: "17:00" },
      { weekday: 2, start: "09:00", end: "17:00" },
    ]);
    const next = [
      { weekday: 1, start: "09:00", end: "12:00" },
      { weekday: 1, start: "13:00", end: "17:00" },
    ];
    await replaceWeeklyHours(t.db, p.id, next);
    expect(await loadWeeklyHours(t.db, p.id)).toEqual(next);
    expect(await loadWeeklyHours(t.db, other.id)).toEqual([{ weekday: 1, start: "08:00", end: "10:00" }]);
  });

  it("rejects overlapping intervals and keeps the saved hours", async () => {
    const { provider: p } = await makeProvider(t.db);
    const saved = [{ weekday: 3, start: "10:00", end: "16:00" }];
    await replaceWeeklyHours(t.db, p.id, saved);
    const err = (await replaceWeeklyHours(t.db, p.id, [
      { weekday: 3, start: "09:00", end: "12:00" },
      { weekday: 3, start: "11:00", end: "13:00" },
    ]).catch((e) => e)) as AppError;
    expect(err.code).toBe("VALIDATION");
    expect(err.fieldErrors).toEqual({ "day-3": ["Wednesday: 09:00–12:00 overlaps 11:00–13:00."] });
    expect(await loadWeeklyHours(t.db, p.id)).toEqual(saved);
  });

  it("clears all hours when given none", async () => {
    const { provider: p } = await makeProvider(t.db);
    await replaceWeeklyHours(t.db, p.id, [{ weekday: 1, start: "09:00", end: "17:00" }]);
    await replaceWeeklyHours(t.db, p.id, []);
    expect(await loadWeeklyHours(t.db, p.id)).toEqual([]);
  });

  // 23:30 UTC on 4 May is already 5 May in Auckland (UTC+12).
  const now = new Date("2026-05-04T23:30:00Z");

  it("adds closed dates from today in the provider's zone on, and lists them soonest first", async () => {
    const { provider: p } = await makeProvider(t.db, { timezone: "Pacific/Auckland" });
    await addClosedDate(t.db, p.id, { date: "2026-12-25", reason: "Christmas" }, now);
    await addClosedDate(t.db, p.id, { date: "2026-05-05", reason: "" }, now);
    expect((await listUpcomingClosedDates(t.db, p.id, now)).map((d) => [d.date, d.reason])).toEqual([
      ["2026-05-05", ""],
      ["2026-12-25", "Christmas"],
    ]);
    // Not listed once the day has passed.
    expect(await listUpcomingClosedDates(t.db, p.id, new Date("2026-05-06T00:00:00Z"))).toHaveLength(1);
  });

  it("refuses a past date and a duplicate with a message on the date field", async () => {
    const { provider: p } = await makeProvider(t.db, { timezone: "Pacific/Auckland" });
    const past = (await addClosedDate(t.db, p.id, { date: "2026-05-04", reason: "" }, now).catch((e) => e)) as AppError;
    expect(past.fieldErrors).toEqual({ date: ["Choose today or a later date."] });
    await addClosedDate(t.db, p.id, { date: "2026-06-01", reason: "Inventory" }, now);
    const dup = (await addClosedDate(t.db, p.id, { date: "2026-06-01", reason: "Again" }, now).catch((e) => e)) as AppError;
    expect(dup.fieldErrors).toEqual({ date: ["That date is already closed."] });
    expect((await listUpcomingClosedDates(t.db, p.id, now)).map((d) => d.reason)).toEqual(["Inventory"]);
  });

  it("removes only the provider's own closed date", async () => {
    const { provider: p } = await makeProvider(t.db);
    const { provider: other } = await makeProvider(t.db);
    await addClosedDate(t.db, other.id, { date: "2026-07-01", reason: "" }, now);
    const [theirs] = await listUpcomingClosedDates(t.db, other.id, now);
    await expect(removeClosedDate(t.db, p.id, theirs!.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await listUpcomingClosedDates(t.db, other.id, now)).toHaveLength(1);
    await removeClosedDate(t.db, other.id, theirs!.id);
    expect(await listUpcomingClosedDates(t.db, other.id, now)).toEqual([]);
  });
});
