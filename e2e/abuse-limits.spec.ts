import { rm } from "node:fs/promises";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { freePort, freshPgliteDir, runSecrets, startApp, type RunningApp } from "@/scripts/lib/app-server";
import { RegisterPage } from "./pages/register-page";
import type { ApiSlot } from "./providers";
import { createFixture } from "./test-api";

/*
 * Issue 20's per-address limits on a production build with the default limits. The suite's
 * server runs with RATE_LIMIT_PER_MINUTE=0 (which turns them off), so this file starts a server
 * of its own from the same build, as `npm start` does (scripts/serve.ts on 0.0.0.0), with no
 * limit variable set, on a fresh PGlite directory, and talks to it from this one address.
 */

const LIMIT_VARS = ["RATE_LIMIT_PER_MINUTE", "BOOKINGS_PER_ADDRESS_PER_HOUR", "REGISTRATIONS_PER_ADDRESS_PER_HOUR"];

test.describe.configure({ mode: "serial" });

let app: RunningApp;
let api: APIRequestContext;
let pgliteDir: string;

test.beforeAll(async ({ playwright }) => {
  test.setTimeout(120_000);
  for (const name of LIMIT_VARS) delete process.env[name];
  pgliteDir = await freshPgliteDir(`e2e-limits-${process.env.E2E_RUN_ID}`);
  const port = await freePort();
  app = await startApp({
    distDir: process.env.NEXT_DIST_DIR || ".next-e2e",
    port,
    env: {
      ...runSecrets(),
      // Listening on every address, as `npm start` does by default.
      HOSTNAME: "0.0.0.0",
      DATABASE_URL: "",
      PGLITE_DIR: pgliteDir,
      APP_URL: `http://localhost:${port}`,
      SMTP_URL: "",
      E2E_FIXTURES: "1",
      E2E_FIXTURES_SECRET: process.env.E2E_FIXTURES_SECRET!,
      GOOGLE_CLIENT_ID: "",
      GOOGLE_CLIENT_SECRET: "",
      LOG_LEVEL: "warn",
    },
    output: { logFile: test.info().outputPath("app.log") },
    readyTimeoutMs: 90_000,
  });
  api = await playwright.request.newContext({ baseURL: app.url });
});

test.afterAll(async () => {
  await api?.dispose();
  await app?.stop();
  if (pgliteDir) await rm(pgliteDir, { recursive: true, force: true });
});

const mailsTo = async (to: string) => (await createFixture<{ mails: unknown[] }>(api, { kind: "mails", to })).mails.length;

test("37 bookings with rotating emails from one address make 10; the rest are a 429 that writes and mails nothing", async () => {
  const id = Date.now().toString(36);
  const studio = await createFixture<{ provider: { slug: string }; service: { id: string } }>(api, {
    kind: "provider",
    email: `limits-owner-${id}@example.com`,
    password: "limits-password-1",
    ownerName: "Lim Its",
    businessName: `Limits Studio ${id}`,
    slug: `limits-${id}`,
    timezone: "Europe/London",
    service: { name: "Trim", durationMinutes: 30, priceCents: 2000 },
  });
  const day = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10);
  const slotsRes = await api.get(`/api/providers/${studio.provider.slug}/slots`, {
    params: { serviceId: studio.service.id, from: day(2), to: day(12) },
  });
  expect(slotsRes.status()).toBe(200);
  const slots = ((await slotsRes.json()) as { slots: ApiSlot[] }).slots;
  expect(slots.length).toBeGreaterThanOrEqual(37);

  const statuses: number[] = [];
  const refused: string[] = [];
  for (const [i, slot] of slots.slice(0, 37).entries()) {
    const email = `rotating-${id}-${i}@example.com`;
    const r = await api.post(`/api/providers/${studio.provider.slug}/bookings`, {
      data: { serviceId: studio.service.id, start: slot.start, name: `Guest ${i}`, email, phone: "+44 20 7946 0001" },
    });
    statuses.push(r.status());
    if (r.status() === 429) {
      refused.push(email);
      expect(Number(r.headers()["retry-after"])).toBeGreaterThan(0);
      expect(((await r.json()) as { error: string }).error).toMatch(/Too many bookings have been made from your connection in the last hour/);
    }
  }
  expect(statuses).toEqual([...Array(10).fill(201), ...Array(27).fill(429)]);
  // Nothing was booked for the refused: their slots are still offered, and no mail went to them.
  const after = ((await (await api.get(`/api/providers/${studio.provider.slug}/slots`, { params: { serviceId: studio.service.id, from: day(2), to: day(12) } })).json()) as { slots: ApiSlot[] }).slots;
  const starts = new Set(after.map((s) => s.start));
  expect(slots.slice(0, 10).filter((s) => starts.has(s.start))).toEqual([]);
  expect(slots.slice(10, 37).filter((s) => !starts.has(s.start))).toEqual([]);
  expect(await mailsTo(refused[0]!)).toBe(0);
  expect(await mailsTo(`rotating-${id}-0@example.com`)).toBeGreaterThan(0);
});

test("12 registrations from one address make at most 5 accounts; the rest are refused with a message and mail nothing", async ({ browser }) => {
  test.setTimeout(120_000);
  const id = Date.now().toString(36);
  const context = await browser.newContext({ baseURL: app.url });
  const page = await context.newPage();
  const register = new RegisterPage(page);
  const made: string[] = [];
  const refused: string[] = [];
  for (let i = 0; i < 12; i++) {
    const email = `signup-${id}-${i}@example.com`;
    await context.clearCookies();
    await register.goto();
    await register.register({ name: `Sign Up ${i}`, email, password: "signup-password-1", role: "client" });
    const outcome = await Promise.race([
      page.waitForURL(/\/(account\?welcome=1|login\?registered=1)$/).then(() => "made" as const),
      page.getByText(/Too many accounts have been created from here recently/).waitFor().then(() => "refused" as const),
    ]);
    (outcome === "made" ? made : refused).push(email);
  }
  expect(made).toHaveLength(5);
  expect(refused).toHaveLength(7);
  // Each account made was mailed its verification link; the refused got nothing.
  for (const email of made) expect(await mailsTo(email)).toBeGreaterThan(0);
  for (const email of refused) expect(await mailsTo(email)).toBe(0);
  await context.close();
});

test("Auth.js redirects to the address the client used, never to the listening 0.0.0.0", async () => {
  for (const [method, path] of [
    ["GET", "/api/auth/signin"],
    ["GET", "/api/auth/signin/credentials"],
    ["POST", "/api/auth/signout"],
  ] as const) {
    const r = await api.fetch(path, { method, maxRedirects: 0 });
    const location = r.headers()["location"] ?? "";
    expect(location, `${method} ${path}`).not.toBe("");
    expect(location, `${method} ${path}`).not.toContain("0.0.0.0");
    const absolute = new URL(location, app.url);
    expect(absolute.origin, `${method} ${path}`).toBe(new URL(app.url).origin);
    const callback = absolute.searchParams.get("callbackUrl");
    if (callback) expect(new URL(callback).origin).toBe(new URL(app.url).origin);
  }
});
