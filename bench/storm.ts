/**
 * Booking storm: 200 concurrent POST /api/providers/bloom-hair/bookings, 10 at each of 20
 * free slots. The exclusion constraint must let exactly one booking per slot through (20 ×
 * 201) and refuse the rest with 409, never a 5xx. On PGlite, and also on a PostgreSQL server
 * (a fresh database, dropped afterwards) when BENCH_DATABASE_URL or TEST_DATABASE_URL is set.
 *
 *   npx tsx bench/storm.ts            (or as part of `npm run bench`)
 */
import { pathToFileURL } from "node:url";
import { addDays, benchServerUrl, localDate, percentile, startBenchServer } from "@/scripts/lib/bench-server";

export type StormResult = {
  db: "pglite" | "postgres";
  requests: number;
  slots: number;
  created: number;
  conflicts: number;
  /** Other 4xx answers by status, e.g. { "422": 3 }. */
  other4xx: Record<string, number>;
  serverErrors: number;
  networkErrors: number;
  elapsedMs: number;
  p50Ms: number;
  p95Ms: number;
  /** Of the slots stormed, how many the slots API still offers afterwards (expect 0). */
  stillOffered: number;
  ok: boolean;
};

const SLUG = "bloom-hair";
const TIMEZONE = "Europe/London";

type SlotJson = { start: string; end: string };

async function storm(db: "pglite" | "postgres", slotCount: number, perSlot: number): Promise<StormResult> {
  const server = await startBenchServer(`storm-${db}`, db);
  try {
    const serviceId = server.seed.providers[SLUG]!.services["Haircut"]!;
    const from = localDate(new Date(), TIMEZONE);
    const slotsUrl = `${server.url}/api/providers/${SLUG}/slots?serviceId=${serviceId}&from=${from}&to=${addDays(from, 13)}`;
    const listed = await fetch(slotsUrl);
    if (listed.status !== 200) throw new Error(`GET slots answered ${listed.status}: ${(await listed.text()).slice(0, 300)}`);
    const targets = ((await listed.json()) as { slots: SlotJson[] }).slots.slice(0, slotCount);
    if (targets.length < slotCount) throw new Error(`Only ${targets.length} free slots in the next two weeks`);

    const requests = targets.flatMap((slot, i) =>
      Array.from({ length: perSlot }, (_, j) => ({
        serviceId,
        start: slot.start,
        name: `Storm ${i}-${j}`,
        email: `storm-${i}-${j}@example.com`,
        phone: "+44 20 7946 0001",
      })),
    );
    const statuses: number[] = [];
    const latencies: number[] = [];
    let networkErrors = 0;
    const started = performance.now();
    await Promise.all(
      requests.map(async (body) => {
        const t0 = performance.now();
        try {
          const res = await fetch(`${server.url}/api/providers/${SLUG}/bookings`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
          });
          await res.arrayBuffer();
          statuses.push(res.status);
        } catch {
          networkErrors++;
        } finally {
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const elapsedMs = performance.now() - started;

    const after = ((await (await fetch(slotsUrl)).json()) as { slots: SlotJson[] }).slots.map((s) => s.start);
    const stillOffered = targets.filter((t) => after.includes(t.start)).length;

    latencies.sort((a, b) => a - b);
    const other4xx: Record<string, number> = {};
    for (const s of statuses) if (s >= 400 && s < 500 && s !== 409) other4xx[s] = (other4xx[s] ?? 0) + 1;
    const created = statuses.filter((s) => s === 201).length;
    const conflicts = statuses.filter((s) => s === 409).length;
    const serverErrors = statuses.filter((s) => s >= 500).length;
    return {
      db,
      requests: requests.length,
      slots: targets.length,
      created,
      conflicts,
      other4xx,
      serverErrors,
      networkErrors,
      elapsedMs,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      stillOffered,
      ok: created === slotCount && conflicts === requests.length - slotCount && stillOffered === 0,
    };
  } finally {
    await server.stop();
  }
}

export async function run(opts: { slots?: number; perSlot?: number } = {}): Promise<StormResult[]> {
  const slots = opts.slots ?? 20;
  const perSlot = opts.perSlot ?? 10;
  const results = [await storm("pglite", slots, perSlot)];
  if (benchServerUrl()) results.push(await storm("postgres", slots, perSlot));
  return results;
}

export function print(results: StormResult[]): void {
  console.log("Booking storm (200 concurrent POSTs, 10 per slot, 20 slots)");
  console.log("db        201   409  other 4xx  5xx  net err  elapsed ms  p50 ms  p95 ms  still offered  verdict");
  for (const r of results) {
    const other = Object.entries(r.other4xx).map(([s, n]) => `${s}×${n}`).join(",") || "0";
    console.log(
      `${r.db.padEnd(8)}  ${String(r.created).padStart(3)}  ${String(r.conflicts).padStart(4)}  ${other.padStart(9)}  ${String(r.serverErrors).padStart(3)}  ${String(r.networkErrors).padStart(7)}  ${r.elapsedMs.toFixed(0).padStart(10)}  ${r.p50Ms.toFixed(0).padStart(6)}  ${r.p95Ms.toFixed(0).padStart(6)}  ${String(r.stillOffered).padStart(13)}  ${r.ok ? "ok (exactly one per slot)" : "UNEXPECTED"}`,
    );
  }
  const [lite, pg] = results;
  if (lite && pg) console.log(`postgres / pglite elapsed: ${(pg.elapsedMs / lite.elapsedMs).toFixed(2)}×`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const results = await run();
  print(results);
  process.exitCode = results.every((r) => r.ok) ? 0 : 1;
}
