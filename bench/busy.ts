/**
 * Busy times from Google (issue 21), in process on in-memory PGlite:
 * 1. "Any available" slots for 7 days through listSlots (the slots API's work: the availability
 *    load, the staff load with their mirrored busy intervals, the engine) for a PRO business with
 *    10 staff members, each with 500 busy intervals over 60 days; baseline: an identical
 *    business without busy intervals, measured in the same process. Target: median < 10 ms.
 * 2. An incremental sync of 500 changed events (the fake Google, no added latency): the
 *    events.list pages with the sync token and the one transaction that writes the mirror; the
 *    full first read of those 500 events, for comparison.
 *
 *   npx tsx --conditions=react-server bench/busy.ts   (or `npm run bench -- busy`)
 */
import { pathToFileURL } from "node:url";
import { eq, sql } from "drizzle-orm";
import { openDb, queryRows, type Db } from "@/db";
import { calendarBusyIntervals, calendarIntegrations, staffServices } from "@/db/schema";
import { control } from "@/e2e/google-fake/testing";
import { prepareDb } from "@/lib/app/runtime";
import { syncBusyTimes } from "@/lib/calendar/busy";
import { listSlots } from "@/lib/booking/slots";
import { addStaffMember, type ProviderFixture } from "@/test/fixtures";
import { connect, proProvider, startFakeWithConfig } from "@/test/calendar";

export type BusyBenchResult = {
  anyMedianMs: number;
  anyP95Ms: number;
  baselineMedianMs: number;
  ratio: number;
  slotsWith: number;
  slotsWithout: number;
  targetMs: number;
  intervals: number;
  fullSyncMs: number;
  incrementalSyncMs: number;
  changed: number;
};

const STAFF = 10;
const PER_MEMBER = 500;
const DAYS = 60;
const RUNS = 200;
const WARMUP = 30;
const EVENTS = 500;

const day = (d: Date) => d.toISOString().slice(0, 10);

async function team(db: Db, f: ProviderFixture): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < STAFF; i++) {
    const { staff } = await addStaffMember(db, f.provider.id, { name: `Member ${i}`, displayOrder: i });
    ids.push(staff.id);
  }
  await db.insert(staffServices).values(ids.map((staffId) => ({ staffId, serviceId: f.service.id })));
  await queryRows(db, sql`insert into staff_availability (staff_id, weekday, start_time, end_time, available)
    select s, d, '09:00', '17:00', true from unnest(${`{${ids.join(",")}}`}::uuid[]) s, generate_series(1, 7) d`);
  return ids;
}

function measure(fn: () => Promise<unknown>): Promise<number[]> {
  return (async () => {
    for (let i = 0; i < WARMUP; i++) await fn();
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t0 = performance.now();
      await fn();
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  })();
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

export async function run(): Promise<BusyBenchResult> {
  const handle = await prepareDb(await openDb({}));
  const { fake, cfg } = await startFakeWithConfig();
  try {
    const db = handle.db;
    const withBusy = await proProvider(db, { minNoticeMinutes: 0, bookingHorizonDays: 90 });
    const without = await proProvider(db, { minNoticeMinutes: 0, bookingHorizonDays: 90 });
    const members = await team(db, withBusy);
    await team(db, without);
    await connect(db, cfg, withBusy, "bench-busy@gmail.test");
    const [integ] = await db.select({ id: calendarIntegrations.id }).from(calendarIntegrations).where(eq(calendarIntegrations.providerId, withBusy.provider.id));

    // 500 intervals per member over 60 days: ~8 a day, 20–50 minutes, at staggered times.
    const start0 = Date.now() + 3600_000;
    const rows = members.flatMap((staffId, m) =>
      Array.from({ length: PER_MEMBER }, (_, i) => {
        const s = start0 + Math.floor((i * DAYS * 86_400_000) / PER_MEMBER) + ((m * 37 + i * 11) % 60) * 60_000;
        return {
          integrationId: integ!.id,
          providerId: withBusy.provider.id,
          staffId,
          calendarId: "primary",
          eventId: `bench-${m}-${i}`,
          startsAt: new Date(s),
          endsAt: new Date(s + (20 + ((i * 7) % 31)) * 60_000),
        };
      }),
    );
    for (let i = 0; i < rows.length; i += 1000) await db.insert(calendarBusyIntervals).values(rows.slice(i, i + 1000));

    const from = day(new Date(Date.now() + 2 * 86_400_000));
    const to = day(new Date(Date.now() + 8 * 86_400_000));
    const list = (f: ProviderFixture) => () => listSlots(db, { providerId: f.provider.id, serviceId: f.service.id, from, to });
    const slotsWith = (await list(withBusy)()).slots.length;
    const slotsWithout = (await list(without)()).slots.length;
    // Interleaved rounds, so drift of the machine hits both alike.
    const a: number[] = [];
    const b: number[] = [];
    for (let round = 0; round < 2; round++) {
      b.push(...(await measure(list(without))));
      a.push(...(await measure(list(withBusy))));
    }
    a.sort((x, y) => x - y);
    b.sort((x, y) => x - y);

    // The sync: 500 events in Google, a full first read, then all 500 changed and read again.
    const email = "bench-sync@gmail.test";
    const syncer = await proProvider(db);
    await connect(db, cfg, syncer, email);
    const [si] = await db.select({ id: calendarIntegrations.id }).from(calendarIntegrations).where(eq(calendarIntegrations.providerId, syncer.provider.id));
    const ids: string[] = [];
    for (let i = 0; i < EVENTS; i++) {
      const s = start0 + i * 3 * 3600_000;
      const r = await control<{ event: { id: string } }>(fake, "/_control/events", {
        email,
        event: { summary: `Busy ${i}`, start: { dateTime: new Date(s).toISOString() }, end: { dateTime: new Date(s + 3600_000).toISOString() } },
      });
      ids.push(r.event.id);
    }
    let t0 = performance.now();
    await syncBusyTimes(db, si!.id, { cfg });
    const fullSyncMs = performance.now() - t0;
    for (const [i, eventId] of ids.entries()) {
      const s = start0 + i * 3 * 3600_000 + 30 * 60_000;
      await control(fake, "/_control/events/update", { email, eventId, changes: { start: { dateTime: new Date(s).toISOString() }, end: { dateTime: new Date(s + 3600_000).toISOString() } } });
    }
    t0 = performance.now();
    const r = await syncBusyTimes(db, si!.id, { cfg });
    const incrementalSyncMs = performance.now() - t0;

    return {
      anyMedianMs: pct(a, 0.5),
      anyP95Ms: pct(a, 0.95),
      baselineMedianMs: pct(b, 0.5),
      ratio: pct(a, 0.5) / pct(b, 0.5),
      slotsWith,
      slotsWithout,
      targetMs: 10,
      intervals: rows.length,
      fullSyncMs,
      incrementalSyncMs,
      changed: r.result === "synced" ? r.changed : -1,
    };
  } finally {
    await handle.close();
    await fake.close();
  }
}

export function print(r: BusyBenchResult): void {
  console.log(`Busy times (PGlite, in process): ${STAFF} staff × ${PER_MEMBER} busy intervals over ${DAYS} days (${r.intervals} rows)`);
  console.log(
    `any available, 7 days (listSlots): median ${r.anyMedianMs.toFixed(3)} ms, p95 ${r.anyP95Ms.toFixed(3)} ms, ${r.slotsWith} slots ` +
      `(target < ${r.targetMs} ms: ${r.anyMedianMs < r.targetMs ? "met" : "MISSED"})`,
  );
  console.log(`baseline without busy times: median ${r.baselineMedianMs.toFixed(3)} ms, ${r.slotsWithout} slots; ratio ${r.ratio.toFixed(2)}×`);
  console.log(`sync of ${EVENTS} events: full first read ${r.fullSyncMs.toFixed(0)} ms; incremental read of ${r.changed} changed ${r.incrementalSyncMs.toFixed(0)} ms`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  print(await run());
  process.exit(0);
}
