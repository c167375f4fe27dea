/**
 * The team schedule's server time: a PRO business with 10 members and 80 appointments on one
 * day. One render = the view's one query (loadSchedule) + the day's model (scheduleDay) + the
 * React server render (RSC payload, as Next.js makes it) of the grid and the phone agenda.
 * Baseline, same process and database: the appointment list's query for the same business
 * (listDashboardAppointments, today and upcoming), what the dashboard opened on before.
 * In process on in-memory PGlite. Target: schedule median < 100 ms.
 *
 *   NODE_ENV=production npx tsx --conditions=react-server bench/schedule.ts   (or `npm run bench -- schedule`;
 *   without NODE_ENV=production React renders its slower development build)
 */
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createElement } from "react";
import { openDb } from "@/db";
import { staffAvailability, staffServices } from "@/db/schema";
import { prepareDb } from "@/lib/app/runtime";
import { addDays, zonedDate, zonedDateTimeToInstant } from "@/lib/availability";
import { loadSchedule, scheduleDay } from "@/lib/booking/schedule";
import { listDashboardAppointments } from "@/lib/provider/appointments";
import { ScheduleAgenda, ScheduleGrid, type ScheduleLinks } from "@/components/dashboard/schedule-grid";
import { addStaffMember, createAppointment, createProviderFixture } from "@/test/fixtures";

export type ScheduleBenchResult = {
  members: number;
  appointments: number;
  runs: number;
  scheduleMedianMs: number;
  scheduleP95Ms: number;
  queryMedianMs: number;
  renderMedianMs: number;
  listBaselineMedianMs: number;
  ratioToList: number;
  payloadBytes: number;
};

const MEMBERS = 10;
const PER_MEMBER = 8;
const RUNS = 40;

// The React server renderer Next.js uses (no client components in the grid: no manifest needed).
const require = createRequire(import.meta.url);
const { renderToReadableStream } = require(path.resolve("node_modules/next/dist/compiled/react-server-dom-webpack/server.node.js")) as {
  renderToReadableStream: (el: unknown, manifest: object) => ReadableStream<Uint8Array>;
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))]!;

export async function run(): Promise<ScheduleBenchResult> {
  const handle = await prepareDb(await openDb({}));
  const db = handle.db;
  try {
    const tz = "Europe/Berlin";
    const f = await createProviderFixture(db, { plan: "pro", provider: { timezone: tz } });
    const date = addDays(zonedDate(new Date(), tz), 1);
    for (let m = 0; m < MEMBERS; m++) {
      const { staff } = await addStaffMember(db, f.provider.id, { name: `Member ${m}`, displayOrder: m });
      await db.insert(staffServices).values({ staffId: staff.id, serviceId: f.service.id });
      await db.insert(staffAvailability).values(Array.from({ length: 7 }, (_, i) => ({ staffId: staff.id, weekday: i + 1, startTime: "09:00", endTime: "17:00" })));
      for (let i = 0; i < PER_MEMBER; i++) {
        const minutes = 9 * 60 + i * 60;
        const time = `${String(Math.floor(minutes / 60)).padStart(2, "0")}:00`;
        await createAppointment(db, {
          providerId: f.provider.id,
          serviceId: f.service.id,
          staffId: staff.id,
          startsAt: zonedDateTimeToInstant(date, time, tz),
          minutes: 45,
          clientName: `Client ${m}-${i}`,
          clientEmail: `c${m}-${i}@example.test`,
          clientPhone: "+44 20 7946 0000",
        });
      }
    }
    const links: ScheduleLinks = { open: (id) => `/dashboard/schedule?date=${date}&open=${id}`, book: (s, m) => `/dashboard/appointments/new?staffId=${s}&time=${m}` };

    const schedule: number[] = [];
    const query: number[] = [];
    const render: number[] = [];
    const list: number[] = [];
    let bytes = 0;
    let count = 0;
    for (let r = 0; r < RUNS + 5; r++) {
      const t0 = performance.now();
      const data = await loadSchedule(db, f.provider.id, date, date, { busy: true }); // as the page loads it
      const t1 = performance.now();
      const day = scheduleDay(data!, date, new Date());
      const el = createElement("div", null, createElement(ScheduleGrid, { day, links }), createElement(ScheduleAgenda, { day, links }));
      const payload = await new Response(renderToReadableStream(el, {})).text();
      const t2 = performance.now();
      const l0 = performance.now();
      await listDashboardAppointments(db, { providerId: f.provider.id, timezone: tz, view: "upcoming", status: "all" });
      const l1 = performance.now();
      if (r < 5) continue; // warm-up: plans, JIT
      schedule.push(t2 - t0);
      query.push(t1 - t0);
      render.push(t2 - t1);
      list.push(l1 - l0);
      bytes = payload.length;
      count = data!.appointments.length;
    }
    return {
      members: MEMBERS,
      appointments: count,
      runs: RUNS,
      scheduleMedianMs: median(schedule),
      scheduleP95Ms: p95(schedule),
      queryMedianMs: median(query),
      renderMedianMs: median(render),
      listBaselineMedianMs: median(list),
      ratioToList: median(schedule) / median(list),
      payloadBytes: bytes,
    };
  } finally {
    await handle.close();
  }
}

export function print(r: ScheduleBenchResult): void {
  console.log(`Team schedule: ${r.members} members, ${r.appointments} appointments in one day, ${r.runs} runs (in-memory PGlite)`);
  console.log(`schedule server time  median ${r.scheduleMedianMs.toFixed(2)} ms   p95 ${r.scheduleP95Ms.toFixed(2)} ms   (target < 100 ms)`);
  console.log(`  of which query      median ${r.queryMedianMs.toFixed(2)} ms`);
  console.log(`  of which model+RSC  median ${r.renderMedianMs.toFixed(2)} ms   payload ${r.payloadBytes} bytes`);
  console.log(`baseline: list query  median ${r.listBaselineMedianMs.toFixed(2)} ms`);
  console.log(`ratio schedule / list: ${r.ratioToList.toFixed(2)}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  print(await run());
  process.exit(0);
}
