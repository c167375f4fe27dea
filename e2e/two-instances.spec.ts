import { execFile } from "node:child_process";
import { promisify } from "node:util";
import postgres from "postgres";
import { expect, test } from "@playwright/test";
import { createScratchDatabase, freePort, runSecrets, startApp, type RunningApp } from "@/scripts/lib/app-server";
import { DEMO } from "./fixtures";
import { signInWithRequest } from "./test-api";

/*
 * Two app instances on one PostgreSQL server, as behind a load balancer: both started from
 * this run's production build with the same secrets. A session made on one works on the other,
 * a sign-out on one ends it on both (nothing about sessions lives in a process), a booking on
 * one is off the other's stored booking page at once, and a job enqueued by a booking on one is
 * done exactly once while both run workers.
 * Needs the server (TEST_DATABASE_URL, set by .ci/run); PGlite is one process by design.
 */

const baseUrl = process.env.TEST_DATABASE_URL;
test.skip(!baseUrl, "needs a PostgreSQL server (TEST_DATABASE_URL)");

test("two instances share sessions, each other's bookings and do each job once", async ({ playwright, browser }) => {
  test.setTimeout(240_000);
  const db = await createScratchDatabase(baseUrl!, "slotbook_two_instances");
  const sql = postgres(db.url, { max: 1, onnotice: () => {} });
  const apps: RunningApp[] = [];
  try {
    // Migrated and seeded by the operator command itself: the database code is server-only and
    // loads in its own process (npm scripts run with the react-server condition), not in this one.
    await promisify(execFile)("npm", ["run", "--silent", "db:seed"], { env: { ...process.env, ...runSecrets(), DATABASE_URL: db.url }, timeout: 120_000 });
    const [portA, portB] = [await freePort(), await freePort()];
    const env = {
      ...runSecrets(),
      DATABASE_URL: db.url,
      APP_URL: `http://localhost:${portA}`,
      SMTP_URL: "",
      RATE_LIMIT_PER_MINUTE: "0",
      E2E_FIXTURES: "",
      LOG_LEVEL: "warn",
    };
    for (const port of [portA, portB]) apps.push(await startApp({ distDir: process.env.NEXT_DIST_DIR || ".next-e2e", port, env, output: { logFile: test.info().outputPath(`instance-${port}.log`) } }));
    const [a, b] = apps as [RunningApp, RunningApp];

    // Signed in on A; the same cookie opens the portal on B.
    const onA = await playwright.request.newContext({ baseURL: a.url });
    await signInWithRequest(onA, DEMO.client.email, DEMO.password);
    const cookies = (await onA.storageState()).cookies;
    const onB = await browser.newContext({ baseURL: b.url });
    await onB.addCookies(cookies);
    const page = await onB.newPage();
    await page.goto("/account");
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    // Signed out on B: the copy of the cookie A still holds is refused by A.
    const before = await onA.get("/account", { maxRedirects: 0 });
    expect(before.status()).toBe(200);
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await expect(page).not.toHaveURL(/\/account/);
    const after = await onA.get("/account", { maxRedirects: 0 });
    expect(after.status()).toBeGreaterThanOrEqual(300);
    expect(after.headers()["location"] ?? "").toContain("/login");

    // A guest books on A; both instances run workers; every mail it queued is delivered once.
    const [haircut] = await sql<{ id: string }[]>`select s.id from services s join providers p on p.id = s.provider_id where p.slug = 'bloom-hair' and s.name = 'Haircut'`;
    const serviceId = haircut!.id;
    const from = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const slots = await (await onA.get(`/api/providers/bloom-hair/slots?serviceId=${serviceId}&from=${from}&to=${from}`)).json();
    const start = (slots as { slots: { start: string }[] }).slots[0]!.start;
    // A guest's booking page for that day, stored by B's page cache…
    const bookPage = `/p/bloom-hair/book?serviceId=${serviceId}&date=${from}`;
    const guestOnB = await playwright.request.newContext({ baseURL: b.url });
    await guestOnB.get(bookPage);
    const stored = await guestOnB.get(bookPage);
    expect(stored.headers()["x-slotbook-cache"]).toBe("hit");
    expect(await stored.text()).toContain(start);
    const booked = await onA.post("/api/providers/bloom-hair/bookings", {
      data: { serviceId, start, name: "Two Instances", email: "two.instances@example.com", phone: "+44 20 7946 0000" },
    });
    expect(booked.status()).toBe(201);
    // …is not served again once A has booked the time: B reads the version A's write bumped.
    const next = await guestOnB.get(bookPage);
    expect(next.headers()["x-slotbook-cache"]).toBe("miss");
    expect(await next.text()).not.toContain(start);
    await guestOnB.dispose();
    const mails = () => sql<{ status: string; attempts: number }[]>`select status, attempts from mail_messages where "to" in ('two.instances@example.com') or subject like ${"%Two Instances%"}`;
    await expect.poll(async () => (await mails()).length, { timeout: 30_000 }).toBeGreaterThan(0);
    await expect.poll(async () => (await mails()).every((m) => m.status === "captured"), { timeout: 60_000 }).toBe(true);
    expect((await mails()).map((m) => m.attempts)).toEqual((await mails()).map(() => 1));
    await onA.dispose();
    await onB.close();
  } finally {
    await Promise.all(apps.map((app) => app.stop()));
    await sql.end({ timeout: 5 });
    await db.drop();
  }
});
