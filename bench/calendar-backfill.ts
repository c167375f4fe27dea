/**
 * Calendar backfill: a PRO provider with 500 upcoming appointments connects Google Calendar
 * (the fake, 50 ms per call). Measures the wall time until all 500 are synced, the calls made
 * (target: exactly 500 inserts, nothing else), and the booking API's throughput while the
 * backfill runs, as a ratio to an idle run: `bookingResponse`, what POST
 * /api/providers/[slug]/bookings runs after reading the body (validation, the booking, the
 * answer). In process on in-memory PGlite, so the sync worker shares the process, the event
 * loop and the one connection with the bookings: the worst case for the ratio.
 *
 *   npx tsx --conditions=react-server bench/calendar-backfill.ts   (or `npm run bench -- calendar`)
 */
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { openDb, queryRows } from "@/db";
import { appointments } from "@/db/schema";
import { bookingResponse } from "@/lib/booking/api";
import { at, createProviderFixture, guestContact } from "@/test/fixtures";
import { connect, proProvider, startFakeWithConfig } from "@/test/calendar";
import { startWorkers } from "@/lib/app/workers";
import { prepareDb } from "@/lib/app/runtime";

export type BackfillResult = {
  appointments: number;
  wallMs: number;
  inserts: number;
  otherCalendarCalls: number;
  duplicateEventIds: number;
  bookingsPerSecIdle: number;
  bookingsPerSecDuringBackfill: number;
  ratio: number;
};

const N = 500;
const LATENCY_MS = 50;
const BOOKINGS = 40;

export async function run(): Promise<BackfillResult> {
  const handle = await prepareDb(await openDb({}));
  const { fake, cfg } = await startFakeWithConfig();
  try {
    const db = handle.db;
    const pro = await proProvider(db);
    const other = await createProviderFixture(db, { provider: { bookingHorizonDays: 120, minNoticeMinutes: 0 } });
    const base = Date.now() + 24 * 3600_000;
    await db.insert(appointments).values(
      Array.from({ length: N }, (_, i) => {
        const start = new Date(base + i * 45 * 60_000);
        return {
          providerId: pro.provider.id,
          serviceId: pro.service.id,
          startsAt: start,
          endsAt: new Date(start.getTime() + 30 * 60_000),
          clientName: `Client ${i}`,
          clientEmail: `c${i}@example.test`,
          manageTokenHash: `bench-${i}-${Math.random()}`,
        };
      }),
    );
    await startWorkers(db, { pollingIntervalSeconds: 0.5, google: cfg });

    // Bookable slots of the other provider: every 30 min, 09:00–17:00 Berlin, from tomorrow on.
    const slots: Date[] = [];
    for (let d = 1; slots.length < BOOKINGS * 2; d++) {
      const day = new Date(Date.now() + d * 24 * 3600_000).toISOString().slice(0, 10);
      for (let m = 9 * 60; m < 17 * 60 && slots.length < BOOKINGS * 2; m += 30) {
        const hh = String(Math.floor(m / 60)).padStart(2, "0");
        const mm = String(m % 60).padStart(2, "0");
        slots.push(at(other.provider, day, `${hh}:${mm}`));
      }
    }
    const book = async (from: number) => {
      const t0 = performance.now();
      for (let i = from; i < from + BOOKINGS; i++) {
        await bookingResponse(db, other.provider.slug, { serviceId: other.service.id, start: slots[i]!.toISOString(), ...guestContact, email: `backfill-${i}@example.com` });
      }
      return (BOOKINGS / (performance.now() - t0)) * 1000;
    };
    const idle = await book(0);

    fake.state.latencyMs = LATENCY_MS;
    const started = performance.now();
    await connect(db, cfg, pro, "bench@gmail.test");
    const during = await book(BOOKINGS);
    const synced = async () =>
      (await queryRows<{ n: number }>(db, sql`select count(*)::int as n from calendar_event_mappings where status = 'synced' and provider_id = ${pro.provider.id}`))[0]!.n;
    while ((await synced()) < N) await new Promise((r) => setTimeout(r, 100));
    const wallMs = performance.now() - started;

    const cal = fake.state.calls.filter((c) => c.target === "calendar");
    const inserts = cal.filter((c) => c.op === "insert" && c.status === 200);
    return {
      appointments: N,
      wallMs,
      inserts: inserts.length,
      otherCalendarCalls: cal.length - inserts.length,
      duplicateEventIds: inserts.length - new Set(inserts.map((c) => c.eventId)).size,
      bookingsPerSecIdle: idle,
      bookingsPerSecDuringBackfill: during,
      ratio: during / idle,
    };
  } finally {
    await handle.close();
    await fake.close();
  }
}

export function print(r: BackfillResult): void {
  console.log(`Calendar backfill of ${r.appointments} appointments, ${LATENCY_MS} ms per Google call (PGlite, in process; bookings through the booking API's handler)`);
  console.log(`wall time: ${(r.wallMs / 1000).toFixed(2)} s`);
  console.log(`inserts: ${r.inserts} (target ${r.appointments}); other calendar calls: ${r.otherCalendarCalls}; duplicate ids: ${r.duplicateEventIds}`);
  console.log(
    `bookings/s idle ${r.bookingsPerSecIdle.toFixed(1)}, during backfill ${r.bookingsPerSecDuringBackfill.toFixed(1)}: ratio ${r.ratio.toFixed(2)} (target ≥ 0.8)`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const r = await run();
  print(r);
  process.exit(r.inserts === r.appointments && r.otherCalendarCalls === 0 ? 0 : 1);
}
