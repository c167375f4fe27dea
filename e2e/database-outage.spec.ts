import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import postgres from "postgres";
import { eventIdFor } from "@/lib/calendar/event-id";
import { QUEUES } from "@/lib/infra/jobs/queues";
import { freePort, runSecrets, startApp, type RunningApp } from "@/scripts/lib/app-server";
import { bookInLoop, bookOverHttp, quarterHourStarts } from "@/test/booking-load";
import type { ConnectedBusiness } from "@/test/connected-business";
import { privateClusterUnavailable, startPrivateCluster, type PrivateCluster } from "@/test/private-postgres";
import { TEST_CLIENT, insertCalls, liveEvents } from "./google-fake/app-client";
import { fakeGoogleEnv, startGoogleFake, type GoogleFake } from "./google-fake/server";

/*
 * A PostgreSQL restart under concurrent bookings, as an operator does it: a fast shutdown (every
 * session ended), the server away for 2 s, started again. The server is a private cluster of
 * this machine's PostgreSQL binaries (the shared one is never restarted); the app is this run's
 * production build with its job workers, a PRO business synced to the fake Google. Six clients
 * book the whole time over HTTP. Every answer comes within 6 s of the request, with 201, 409 or
 * 503 only; every 201 is in the database; the workers, whose connections ended too, carry on;
 * no booking gets a second mail, mail job, calendar job or Google event.
 */

const skip = privateClusterUnavailable();
test.skip(!!skip, `needs a private PostgreSQL cluster: ${skip}`);

const PROMISED_MS = 6_000;
const EMAIL = "outage-studio@gmail.test";

test("a database restart under concurrent bookings: answers within 6 s, nothing committed lost, nothing sent twice", async () => {
  test.setTimeout(180_000);
  let cluster: PrivateCluster | undefined;
  let app: RunningApp | undefined;
  let fake: GoogleFake | undefined;
  let sql: postgres.Sql | undefined;
  try {
    cluster = await startPrivateCluster();
    const url = await cluster.createDatabase("slotbook");

    // A PRO business connected to the fake Google, set up through the app's own code: migrated,
    // the business made, the OAuth flow run against the fake (which queues the backfill). In a
    // process of its own: the database code is server-only and does not load in this one.
    fake = await startGoogleFake(TEST_CLIENT);
    // The connection's tokens are sealed with TOKEN_ENCRYPTION_KEY: the app gets the same.
    const secrets = runSecrets();
    const out = test.info().outputPath("business.json");
    await promisify(execFile)("npx", ["tsx", "--conditions=react-server", "test/connected-business.ts", fake.url, "outage-studio", EMAIL, out], {
      env: { ...process.env, ...secrets, DATABASE_URL: url, LOG_LEVEL: "warn" },
      timeout: 120_000,
    });
    const f = JSON.parse(await readFile(out, "utf8")) as ConnectedBusiness;

    const port = await freePort();
    app = await startApp({
      distDir: process.env.NEXT_DIST_DIR || ".next-e2e",
      port,
      env: {
        ...secrets,
        DATABASE_URL: url,
        APP_URL: `http://localhost:${port}`,
        SMTP_URL: "",
        RATE_LIMIT_PER_MINUTE: "0",
        E2E_FIXTURES: "",
        LOG_LEVEL: "warn",
        GOOGLE_CLIENT_ID: TEST_CLIENT.clientId,
        GOOGLE_CLIENT_SECRET: TEST_CLIENT.clientSecret,
        ...fakeGoogleEnv(fake.url),
      },
      output: { logFile: test.info().outputPath("app.log") },
    });

    let stoppedAt = 0;
    let startedAt = 0;
    const t0 = performance.now();
    const answers = await bookInLoop({
      clients: 6,
      durationMs: 12_000,
      pauseAfterErrorMs: 100,
      book: bookOverHttp(app.url, "outage-studio", f.serviceId, quarterHourStarts(600)),
      async during() {
        await new Promise((r) => setTimeout(r, 3_000));
        stoppedAt = performance.now() - t0;
        await cluster!.stop("fast");
        await new Promise((r) => setTimeout(r, 2_000));
        await cluster!.start();
        startedAt = performance.now() - t0;
      },
    });

    const slowest = Math.max(...answers.map((a) => a.ms));
    expect(slowest, `slowest answer ${slowest.toFixed(0)} ms`).toBeLessThan(PROMISED_MS);
    expect(answers.filter((a) => ![201, 409, 503].includes(a.status))).toEqual([]);
    expect(answers.some((a) => a.status === 503), "the restart was felt").toBe(true);
    expect(answers.some((a) => a.at < stoppedAt && a.status === 201)).toBe(true);
    expect(answers.some((a) => a.at > startedAt && a.status === 201), "bookings again after the restart").toBe(true);

    sql = postgres(url, { max: 1, onnotice: () => {} });
    const booked = answers.filter((a) => a.status === 201).map((a) => a.id!);
    const stored = await sql<{ id: string }[]>`select id from appointments where id = any(${booked}::uuid[])`;
    expect(stored.map((r) => r.id).sort()).toEqual([...booked].sort());

    // Each appointment's two mails (the guest's confirmation, the business's notice) once,
    // each with one delivery job.
    const confirmations = await sql<{ n: number }[]>`
      select count(m.id)::int as n from appointments a left join mail_messages m on m."to" = a.client_email group by a.id`;
    expect(confirmations.filter((c) => c.n !== 1)).toEqual([]);
    const mailCount = (await sql<{ n: number }[]>`select count(*)::int as n from mail_messages`)[0]!.n;
    expect(mailCount).toBe(2 * confirmations.length);
    const mailJobs = await sql<{ message_id: string; n: number }[]>`
      select data->>'messageId' as message_id, count(*)::int as n from pgboss.job where name = ${QUEUES.mail} group by 1`;
    const mailIds = await sql<{ id: string }[]>`select id from mail_messages`;
    expect(mailJobs.filter((j) => j.n !== 1)).toEqual([]);
    expect(mailJobs.map((j) => j.message_id).sort()).toEqual(mailIds.map((m) => m.id).sort());
    // One calendar sync per appointment (the backfill at connect had none to do).
    const syncJobs = await sql<{ appointment_id: string; n: number }[]>`
      select data->>'appointmentId' as appointment_id, count(*)::int as n from pgboss.job where name = ${QUEUES.calendarSync} group by 1`;
    const appointments = await sql<{ id: string }[]>`select id from appointments`;
    expect(syncJobs.filter((j) => j.n !== 1)).toEqual([]);
    expect(syncJobs.map((j) => j.appointment_id).sort()).toEqual(appointments.map((a) => a.id).sort());

    // The workers lost their connections too and carry on: mail goes out and events reach
    // Google after the restart, and no event is inserted twice.
    const captured = async () => (await sql!<{ n: number }[]>`select count(*)::int as n from mail_messages where status = 'captured'`)[0]!.n;
    const before = await captured();
    await expect.poll(captured, { timeout: 20_000 }).toBeGreaterThan(before + 2);
    await expect.poll(() => liveEvents(fake!, EMAIL).length, { timeout: 20_000 }).toBeGreaterThan(5);
    const inserted = insertCalls(fake, EMAIL).map((c) => c.eventId);
    expect(inserted.length).toBe(new Set(inserted).size);
    const ours = new Set(appointments.map((a) => eventIdFor(a.id)));
    expect(liveEvents(fake, EMAIL).filter((e) => !ours.has(e.id))).toEqual([]);

    // A booking slowed at every step (its business read waits 3 s on a lock, then its
    // transaction on another) is answered within 6 s in all: the request's deadline reaches the
    // route from scripts/serve.ts, each statement does not get a fresh budget of its own.
    const lockedRows = await sql.reserve();
    const lockedBusiness = postgres(url, { max: 1, onnotice: () => {} });
    try {
      await lockedRows`begin`;
      await lockedRows`lock table appointments in access exclusive mode`;
      const heldBusiness = lockedBusiness.begin(async (tx) => {
        await tx`lock table providers in access exclusive mode`;
        await new Promise((r) => setTimeout(r, 3_000));
      });
      await new Promise((r) => setTimeout(r, 200));
      const asked = performance.now();
      const slowed = await bookOverHttp(app.url, "outage-studio", f.serviceId, quarterHourStarts(700).slice(650))(0);
      const took = performance.now() - asked;
      await heldBusiness;
      expect(slowed.status).toBe(503);
      expect(took, `the slowed booking took ${took.toFixed(0)} ms`).toBeLessThan(PROMISED_MS);
    } finally {
      await lockedRows`rollback`;
      lockedRows.release();
      await lockedBusiness.end();
    }
  } finally {
    await app?.stop();
    await sql?.end({ timeout: 5 });
    await fake?.close();
    await cluster?.destroy();
  }
});
