import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { count, eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKGROUND_DEADLINE_MS, openDb, type DbHandle } from "@/db";
import { migrateDb } from "@/db/migrate";
import { appointments, mailMessages } from "@/db/schema";
import { prepareDb } from "@/lib/app/runtime";
import { startWorkers } from "@/lib/app/workers";
import { bookingResponse, slotsResponse } from "@/lib/booking/api";
import { createBooking } from "@/lib/booking/create";
import type { AppError } from "@/lib/infra/errors";
import { errorResponse } from "@/lib/infra/http";
import { bossFor } from "@/lib/infra/jobs/boss";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { OPEN_EVERY_DAY, quarterHourStarts } from "@/test/booking-load";
import { createProviderFixture, guestContact, type ProviderFixture } from "@/test/fixtures";
import { pgbouncerUnavailable, startPgBouncer, type PgBouncer } from "@/test/pgbouncer";

/*
 * The app behind PgBouncer in transaction mode (each transaction may run on another server
 * connection), as DATABASE_PREPARE=false documents: migrations, the job queue, the booking race
 * and the booking storm all go through the pooler, against a fresh database on the test server.
 */

const baseUrl = process.env.TEST_DATABASE_URL;
const skipped = !baseUrl ? "needs a PostgreSQL server (TEST_DATABASE_URL)" : pgbouncerUnavailable();

describe.skipIf(!!skipped)(skipped ? `behind PgBouncer: skipped, ${skipped}` : "the app behind PgBouncer in transaction mode", () => {
  let pooler: PgBouncer;
  let admin: postgres.Sql;
  let directUrl: string;
  let pooledUrl: string;
  let app: DbHandle;
  let f: ProviderFixture;
  const name = `slotbook_pooler_${randomBytes(6).toString("hex")}`;
  const starts = quarterHourStarts(200);

  beforeAll(async () => {
    const server = new URL(baseUrl!);
    pooler = await startPgBouncer({ host: server.hostname, port: Number(server.port || 5432) });
    admin = postgres(baseUrl!, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    const u = new URL(baseUrl!);
    u.pathname = `/${name}`;
    directUrl = u.toString();
    pooledUrl = pooler.url(directUrl);
    // Two instances start at once on the empty database, through the pooler: both migrate.
    // (With a minute per operation: what is tested here is the pooler, not the deadlines, and a
    // busy machine must not turn the storm's slow transactions into 503s.)
    const pooled = () => openDb({ url: pooledUrl, prepare: false, deadlineMs: BACKGROUND_DEADLINE_MS });
    const [a, b] = await Promise.all([pooled(), pooled()]);
    try {
      await Promise.all([migrateDb(a), migrateDb(b)]);
    } finally {
      await b.close();
    }
    // Prepared as the app prepares it: the job queue creates its schema and starts through the
    // pooler too, and the write path's follow-ups are wired.
    app = await prepareDb(a);
    f = await createProviderFixture(app.db, { ...OPEN_EVERY_DAY, provider: { ...OPEN_EVERY_DAY.provider, slug: `pooled-${randomBytes(3).toString("hex")}` } });
  });
  afterAll(async () => {
    await app?.close();
    await pooler?.stop();
    await admin?.unsafe(`drop database if exists "${name}" with (force)`);
    await admin?.end({ timeout: 5 });
  });

  const mailIds = async () => (await app.db.select({ id: mailMessages.id }).from(mailMessages)).map((m) => m.id);

  it("two instances migrating an empty database through the pooler at once apply each migration once", async () => {
    const journal = JSON.parse(readFileSync(path.join("drizzle", "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    const direct = postgres(directUrl, { max: 1, onnotice: () => {} });
    const applied = await direct<{ hash: string }[]>`select hash from drizzle.__drizzle_migrations`.finally(() => direct.end());
    expect(applied).toHaveLength(journal.entries.length);
    expect(new Set(applied.map((r) => r.hash)).size).toBe(journal.entries.length);
  });

  it("of 50 concurrent bookings of one slot, exactly one succeeds and 49 get SLOT_TAKEN", async () => {
    const start = new Date(starts[0]!);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        createBooking(app.db, { providerId: f.provider.id, serviceId: f.service.id, start, ...guestContact, email: `racer${i}@example.com`, by: "guest", clientUserId: null }),
      ),
    );
    const codes = results.flatMap((r) => (r.status === "rejected" ? [(r.reason as AppError).code ?? String(r.reason)] : []));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(codes).toEqual(Array(49).fill("SLOT_TAKEN"));
    expect(await app.db.select({ id: appointments.id }).from(appointments).where(eq(appointments.startsAt, start))).toHaveLength(1);
  });

  it("the job workers deliver a booking's mails through the pooler", async () => {
    await startWorkers(app.db, { pollingIntervalSeconds: 0.5 });
    await bookingResponse(app.db, f.provider.slug, { serviceId: f.service.id, start: starts[100]!, name: "Mailed", email: "mailed@example.com", phone: "+44 20 7946 0001" });
    const mails = (await mailIds()).length;
    await expect
      .poll(async () => (await app.db.select({ n: count() }).from(mailMessages).where(eq(mailMessages.status, "captured")))[0]!.n, { timeout: 20_000, interval: 250 })
      .toBe(mails);
  });

  it("a storm of 200 bookings, 10 at each of 20 slots: exactly 20 booked, 180 refused, the 20 no longer offered", async () => {
    const targets = starts.slice(32, 52);
    const before = new Set(await mailIds());
    const answers = await Promise.all(
      targets.flatMap((start, i) =>
        Array.from({ length: 10 }, (_, j) =>
          bookingResponse(app.db, f.provider.slug, { serviceId: f.service.id, start, name: `Storm ${i}-${j}`, email: `storm-${i}-${j}@example.com`, phone: "+44 20 7946 0001" }).then(
            () => 201,
            (e: unknown) => errorResponse(e).status,
          ),
        ),
      ),
    );
    expect(answers.filter((s) => s === 201)).toHaveLength(20);
    expect(answers.filter((s) => s === 409)).toHaveLength(180);
    const day = targets[0]!.slice(0, 10);
    const offered = (await slotsResponse(app.db, f.provider.slug, { serviceId: f.service.id, from: day, to: day })).slots.map((s) => s.start);
    expect(offered.filter((s) => targets.includes(s))).toEqual([]);
    // The 20 bookings' mails (a confirmation and the business's notice each), each with one
    // delivery job: none lost, none twice.
    const mails = (await mailIds()).filter((id) => !before.has(id));
    expect(mails).toHaveLength(2 * 20);
    const jobs = (await bossFor(app.db).findJobs(QUEUES.mail, { limit: 1000 })).map((j) => (j.data as { messageId: string }).messageId);
    expect(jobs.filter((id) => mails.includes(id)).sort()).toEqual([...mails].sort());
  });

  it("without DATABASE_PREPARE=false the app cannot connect through it: the pooler refuses the startup's statement_timeout", async () => {
    // (Named statements fail too, but only when a statement lands on another server connection
    // than the one it was prepared on, so not on every run.)
    const direct = await openDb({ url: pooledUrl });
    try {
      await expect(direct.db.execute(sql`select 1`)).rejects.toMatchObject({ cause: { message: expect.stringMatching(/unsupported startup parameter: statement_timeout/) } });
    } finally {
      await direct.close();
    }
  });
});
