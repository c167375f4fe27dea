import { beforeAll, describe, expect, it } from "vitest";
import { keepPicking, slotRefusal, type TimesScope } from "./slot-times";
import { testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { createBooking } from "@/lib/booking/create";
import { at, guestContact } from "@/test/fixtures";
import { AppError } from "@/lib/infra/errors";

// Monday 2 March 2026, 09:00 in Berlin; the fixture is open 09:00–17:00 daily, 30-minute service.
const now = new Date("2026-03-02T08:00:00Z");

function form(values: Record<string, string>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, v);
  return fd;
}

describe.each(testDrivers())("refused booking forms on %s", (kind) => {
  const t = setUpTestDb(kind);
  const f = setUpProviderFixture(t);
  let scope: TimesScope;

  beforeAll(async () => {
    scope = { providerId: f.provider.id, serviceId: f.service.id, timezone: f.provider.timezone };
  });

  it("after a slot is taken, offers that day's remaining times and keeps what the guest typed", async () => {
    const taken = at(f.provider, "2026-03-04", "10:00");
    await createBooking(t.db, { providerId: f.provider.id, serviceId: f.service.id, start: taken, ...guestContact, by: "guest" }, now);
    const second = createBooking(
      t.db,
      { providerId: f.provider.id, serviceId: f.service.id, start: taken, name: "Sam", email: "sam@example.com", phone: "0123456", by: "guest" },
      now,
    );
    const error = await second.catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "SLOT_TAKEN" });

    const state = await slotRefusal(
      t.db,
      error,
      scope,
      form({ start: taken.toISOString(), offeredStart: taken.toISOString(), name: "Sam", email: "sam@example.com", phone: "0123456" }),
      now,
    );
    expect(state?.message).toBe("Sorry, that time was just taken. Please pick another time.");
    expect(state?.values).toMatchObject({ name: "Sam", email: "sam@example.com", phone: "0123456" });
    expect(state?.alternatives?.dateLabel).toBe("Wednesday 4 March");
    const labels = state?.alternatives?.times.map((x) => x.label) ?? [];
    expect(labels).toHaveLength(15);
    expect(labels[0]).toBe("09:00");
    expect(labels).not.toContain("10:00");
    expect(labels).toContain("10:30");
  });

  it("leaves other errors to the generic handling", async () => {
    const fd = form({ start: at(f.provider, "2026-03-05", "10:00").toISOString() });
    await expect(slotRefusal(t.db, new AppError("NOT_FOUND"), scope, fd, now)).resolves.toBeNull();
    await expect(slotRefusal(t.db, new Error("boom"), scope, fd, now)).resolves.toBeNull();
  });

  it("keeps the offered times on screen while the guest is picking from them", async () => {
    const offered = at(f.provider, "2026-03-06", "10:00").toISOString();
    const picked = at(f.provider, "2026-03-06", "11:30").toISOString();
    const invalid = { ok: false, message: "Please check the highlighted fields." };

    const firstTry = await keepPicking(t.db, invalid, scope, form({ start: offered, offeredStart: offered }), now);
    expect(firstTry.alternatives).toBeUndefined();

    const picking = await keepPicking(t.db, invalid, scope, form({ start: picked, offeredStart: offered }), now);
    expect(picking.message).toBe(invalid.message);
    expect(picking.alternatives?.date).toBe("2026-03-06");
    expect(picking.alternatives?.times.map((x) => x.value)).toContain(picked);
  });
});
