import { eq } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "@/db";
import { guestContact } from "@/test/fixtures";
import { appointments, mailMessages } from "@/db/schema";
import { testDrivers } from "@/test/db";
import { setUpTestDb, setUpProviderFixture } from "@/test/hooks";
import { bookingResponse } from "@/lib/booking/api";
import { errorResponse } from "@/lib/infra/http";
import { startWorkers } from "@/lib/app/workers";

/*
 * The database goes away mid-request (a restart, a failover): the server ends every session
 * of the app's database, as `pg_ctl restart` or a failover would. Requests caught in flight
 * answer a clear 503 and write nothing; the next requests reconnect by themselves; nothing
 * that committed is lost, and the job workers (their own pool) recover and deliver every mail.
 */

const now = new Date("2026-03-02T08:00:00Z");
const at = (hhmm: string) => `2026-03-03T${hhmm}:00+01:00`;

type Outcome = { start: string; status: number; id?: string };

describe.runIf(testDrivers().includes("postgres"))("a PostgreSQL restart while bookings are made", () => {
  const t = setUpTestDb("postgres");
  const f = setUpProviderFixture(t, { provider: { slug: "restart-studio", guestBookingLimit: 20 } });
  let admin: postgres.Sql;

  beforeAll(async () => {
    await startWorkers(t.db, { pollingIntervalSeconds: 0.5 });
    admin = postgres(t.url!, { max: 2, onnotice: () => {} });
  });
  afterAll(async () => {
    await admin.end({ timeout: 5 });
  });

  const book = async (start: string): Promise<Outcome> => {
    try {
      const r = await bookingResponse(t.db, "restart-studio", { serviceId: f.service.id, start: at(start), ...guestContact }, now);
      return { start, status: 201, id: r.id };
    } catch (e) {
      return { start, status: errorResponse(e).status };
    }
  };

  it("answers 503 to the requests it cut off, recovers by itself and loses no committed booking or job", async () => {
    const before = [await book("09:00")];
    const mailsPerBooking = (await t.db.select({ id: mailMessages.id }).from(mailMessages)).length;
    expect(mailsPerBooking).toBeGreaterThan(0);
    before.push(await book("09:30"));
    expect(before.map((o) => o.status)).toEqual([201, 201]);

    // Hold the bookings mid-transaction behind a lock, then end every session but ours.
    const held = await admin.reserve();
    await held`begin`;
    await held`lock table appointments in access exclusive mode`;
    const cutOff = ["10:00", "10:30", "11:00"].map(book);
    await expect
      // Asked on another session: inside a transaction pg_stat_activity is a snapshot.
      .poll(async () => (await admin`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)[0]!.n, { timeout: 15_000 })
      .toBe(3);
    const ended = await held`select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend') s`;
    expect(ended[0]!.n).toBeGreaterThanOrEqual(3);
    await held`rollback`;
    held.release();

    const during = await Promise.all(cutOff);
    expect(during.map((o) => o.status)).toEqual([503, 503, 503]);
    const unavailable = errorResponse(Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }));
    expect(await unavailable.json()).toEqual({ error: "We can't reach our database right now. Nothing was saved; please try again in a moment." });
    expect(unavailable.headers.get("Retry-After")).toBe("5");

    // No restart of the app: the next requests reconnect, and the cut-off times are still free.
    const after = [];
    for (const start of ["10:00", "10:30", "11:00", "11:30"]) after.push(await book(start));
    expect(after.map((o) => o.status)).toEqual([201, 201, 201, 201]);

    const committed = [...before, ...after].map((o) => o.id!);
    const rows = await t.db.select({ id: appointments.id }).from(appointments).where(eq(appointments.providerId, f.provider.id));
    expect(rows.map((r) => r.id).sort()).toEqual([...committed].sort());

    // Every mail those bookings queued, and none for the cut-off ones, is delivered: the
    // workers' own connections were ended too, and they reconnect by themselves.
    const mails = await t.db.select({ id: mailMessages.id }).from(mailMessages);
    expect(mails).toHaveLength(mailsPerBooking * committed.length);
    await expect
      .poll(async () => (await t.db.select({ status: mailMessages.status }).from(mailMessages)).filter((m) => m.status === "captured").length, {
        timeout: 30_000,
        interval: 250,
      })
      .toBe(mails.length);
  });

  it("answers 503 at once, not a hang, when the server cannot be reached at all", async () => {
    const away = await openDb({ url: "postgres://postgres@127.0.0.1:1/nowhere" });
    try {
      const r = await bookingResponse(away.db, "restart-studio", { serviceId: f.service.id, start: at("12:00"), ...guestContact }, now).then(
        () => null,
        (e: unknown) => errorResponse(e),
      );
      expect(r?.status).toBe(503);
      expect(r?.headers.get("Retry-After")).toBe("5");
    } finally {
      await away.close();
    }
  });
});
