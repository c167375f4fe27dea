/**
 * `npm run screenshots`: the README's pictures, made from the seeded demo so they never go stale.
 * Builds the app into .next-screenshots (SCREENSHOTS_REUSE_BUILD=1 reuses it), starts it on a
 * free loopback port against a fresh PGlite directory with the demo data and the fake Google,
 * signs in with the demo logins and saves PNGs into docs/screenshots/. Not part of `npm test`.
 */
import { existsSync } from "node:fs";
import { mkdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Locator, type Page } from "@playwright/test";
import { DEMO_LOGINS, DEMO_PASSWORD } from "@/scripts/lib/seed";
import { fakeGoogleEnv, startGoogleFake } from "@/e2e/google-fake/server";
import { buildApp, freePort, freshPgliteDir, hasBuild, runSecrets, startApp } from "./lib/app-server";
import { prepareDatabase } from "./lib/seed";

const DIST_DIR = ".next-screenshots";
const OUT_DIR = path.join("docs", "screenshots");
const LOG_FILE = path.join(".data", "screenshots.log");
const CHROMIUM = "/usr/bin/chromium";
const GOOGLE = { clientId: "slotbook-screenshots.apps.googleusercontent.test", clientSecret: "slotbook-screenshots-secret" };

const PHONE: BrowserContextOptions = { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 };

function demoEmail(role: (typeof DEMO_LOGINS)[number]["role"]): string {
  const login = DEMO_LOGINS.find((l) => l.role === role);
  if (!login) throw new Error(`No demo login for ${role}`);
  return login.email;
}

async function main() {
  await mkdir(".data", { recursive: true });
  await rm(LOG_FILE, { force: true });
  if (process.env.SCREENSHOTS_REUSE_BUILD === "1" && hasBuild(DIST_DIR)) {
    console.log(`[screenshots] reusing the build in ${DIST_DIR}`);
  } else {
    console.log(`[screenshots] next build into ${DIST_DIR} (log: ${LOG_FILE})…`);
    await buildApp(DIST_DIR, { logFile: LOG_FILE });
  }

  const dir = await freshPgliteDir(`screenshots-${Date.now().toString(36)}`);
  const cleanups: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true })];
  try {
    await prepareDatabase({ dir });
    const google = await startGoogleFake({ port: await freePort(), host: "127.0.0.1", ...GOOGLE });
    cleanups.unshift(() => google.close());
    const port = await freePort();
    const app = await startApp({
      distDir: DIST_DIR,
      port,
      host: "127.0.0.1",
      output: { logFile: LOG_FILE },
      env: {
        DATABASE_URL: "",
        PGLITE_DIR: dir,
        ...runSecrets(),
        APP_URL: `http://127.0.0.1:${port}`,
        RATE_LIMIT_PER_MINUTE: "0",
        SMTP_URL: "",
        MAILBOX_UI: "0",
        GOOGLE_CLIENT_ID: GOOGLE.clientId,
        GOOGLE_CLIENT_SECRET: GOOGLE.clientSecret,
        ...fakeGoogleEnv(google.url),
      },
    });
    cleanups.unshift(() => app.stop());
    console.log(`[screenshots] app on ${app.url}`);

    const browser = await chromium.launch({
      executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
      args: ["--no-sandbox", "--disable-gpu", "--hide-scrollbars"],
    });
    cleanups.unshift(() => browser.close());
    await mkdir(OUT_DIR, { recursive: true });
    await shootAll(browser, app.url);
  } finally {
    for (const c of cleanups) await c().catch((e) => console.error("[screenshots] cleanup failed:", e));
  }
}

async function shootAll(browser: Browser, baseURL: string) {
  // The booking flow on a phone, as a guest.
  const guest = await browser.newContext({ ...PHONE, baseURL });
  const phone = await guest.newPage();
  await phone.goto("/p/bloom-hair");
  await save(phone, "booking-1-provider-page.png");
  await clickHydrated(phone.getByRole("link", { name: /^Book (?!an appointment)/ }).first());
  await phone.getByRole("heading", { name: "Choose a day" }).waitFor();
  await clickHydrated(phone.locator("button[name=date]:enabled").first());
  await phone.getByRole("heading", { name: "Choose a time" }).waitFor();
  // The chosen day and the first of its times, on one screen.
  await phone.evaluate(() => document.getElementById("choose-day")?.scrollIntoView({ block: "start" }));
  await save(phone, "booking-2-day-chosen.png");
  await clickHydrated(phone.locator("button[name=start]").nth(2));
  await phone.getByRole("heading", { name: "Your details" }).waitFor();
  await phone.getByLabel("Name", { exact: true }).fill("Jamie Guest");
  await phone.getByLabel("Email", { exact: true }).fill("jamie@example.com");
  await phone.getByLabel("Phone", { exact: true }).fill("+44 7700 900123");
  await phone.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    window.scrollTo(0, 0);
  });
  await save(phone, "booking-3-time-chosen.png");
  await clickHydrated(phone.getByRole("button", { name: /^(Confirm booking|Send booking request)$/ }));
  await phone.getByRole("heading", { name: "Your appointment" }).waitFor();
  await save(phone, "booking-4-confirmation.png");
  await guest.close();

  // A few more bookings, so the dashboard has a day to show.
  const more = await browser.newContext({ ...DESKTOP, baseURL });
  for (const name of ["Alex Morgan", "Sam Lee"]) await bookAsGuest(await more.newPage(), name);
  // And the PRO clinic's team, so its schedule has columns with appointments.
  for (const name of ["Robin Reed", "Kai Moss", "Lee Park"]) await bookAsGuest(await more.newPage(), name, "northside-physio");
  await more.close();

  // The client portal, after the demo client books through the site.
  const client = await signedIn(browser, baseURL, demoEmail("client"));
  const portal = await client.newPage();
  await bookAsSignedIn(portal, "/p/northside-physio");
  await portal.goto("/account");
  await save(portal, "client-portal.png");
  await client.close();

  const provider = await signedIn(browser, baseURL, demoEmail("provider (FREE)"));
  const dashboard = await provider.newPage();
  await dashboard.goto("/dashboard");
  await save(dashboard, "provider-dashboard.png");
  await provider.close();

  // The PRO clinic's team schedule, on the first day with appointments.
  const pro = await signedIn(browser, baseURL, demoEmail("provider (PRO)"));
  const schedule = await pro.newPage();
  await schedule.goto("/dashboard/schedule");
  for (let i = 0; i < 14; i++) {
    const booked = schedule.getByRole("region", { name: "Team schedule" }).getByRole("link", { name: /, (Confirmed|Pending)/ });
    if ((await booked.count()) > 0) break;
    await schedule.getByRole("link", { name: /Next day/ }).click();
    await schedule.waitForURL(/date=/);
  }
  await save(schedule, "provider-schedule.png");
  await schedule.close();

  // Calendar settings of the PRO provider, connected to the fake Google.
  const calendar = await pro.newPage();
  await calendar.goto("/dashboard/calendar");
  await clickHydrated(calendar.getByRole("link", { name: "Connect Google Calendar" }));
  await calendar.getByLabel("Google account").fill("northside.physio@gmail.example");
  await calendar.getByRole("button", { name: "Allow" }).click();
  await calendar.waitForURL(/\/dashboard\/calendar\?connected=1$/);
  // Connecting backfills upcoming appointments through a job: show it done (or as far as it got).
  for (let i = 0; i < 20; i++) {
    await calendar.goto("/dashboard/calendar");
    if (!(await calendar.getByText(/\b[1-9]\d* waiting\b/).isVisible())) break;
    await calendar.waitForTimeout(500);
  }
  await save(calendar, "calendar-settings.png");
  await pro.close();
}

/**
 * Clicks once React has hydrated the control: a Next.js <Link> clicked while the page is still
 * hydrating can swallow the click (e2e/pages/hydration.ts).
 */
async function clickHydrated(control: Locator) {
  await control.waitFor();
  const deadline = Date.now() + 15_000;
  while (!(await control.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))))) {
    if (Date.now() > deadline) throw new Error("The page did not hydrate within 15 s");
    await new Promise((r) => setTimeout(r, 100));
  }
  await control.click();
}

/** Signs in through the login form, as a person would. */
async function signedIn(browser: Browser, baseURL: string, email: string): Promise<BrowserContext> {
  const context = await browser.newContext({ ...DESKTOP, baseURL });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await clickHydrated(page.getByRole("button", { name: "Sign in" }));
  await page.waitForURL((url) => url.pathname !== "/login");
  await page.close();
  return context;
}

/** Books the first free time of the first bookable day, from the provider page. */
async function pickFirstTime(page: Page, slug: string) {
  await page.goto(`/p/${slug}`);
  await clickHydrated(page.getByRole("link", { name: /^Book (?!an appointment)/ }).first());
  // A PRO business with staff asks whom first.
  await page.getByRole("heading", { name: /^(Choose a day|Choose who you'd like to see)$/ }).waitFor();
  const anyone = page.getByRole("link", { name: /^Any available/ });
  if (await anyone.isVisible()) await clickHydrated(anyone);
  await page.getByRole("heading", { name: "Choose a day" }).waitFor();
  await clickHydrated(page.locator("button[name=date]:enabled").first());
  await page.getByRole("heading", { name: "Choose a time" }).waitFor();
  await clickHydrated(page.locator("button[name=start]").first());
  await page.getByRole("heading", { name: "Your details" }).waitFor();
}

async function bookAsGuest(page: Page, name: string, slug = "bloom-hair") {
  await pickFirstTime(page, slug);
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Email", { exact: true }).fill(`${name.split(" ")[0]!.toLowerCase()}@example.com`);
  await page.getByLabel("Phone", { exact: true }).fill("+44 20 7946 0000");
  await clickHydrated(page.getByRole("button", { name: /^(Confirm booking|Send booking request)$/ }));
  await page.getByRole("heading", { name: "Your appointment" }).waitFor();
  await page.close();
}

async function bookAsSignedIn(page: Page, providerPath: string) {
  await pickFirstTime(page, providerPath.replace("/p/", ""));
  const phone = page.getByLabel("Phone", { exact: true });
  if (!(await phone.inputValue())) await phone.fill("+1 212 555 0100");
  await clickHydrated(page.getByRole("button", { name: /^(Confirm booking|Send booking request)$/ }));
  await page.waitForURL((url) => !url.pathname.endsWith("/book"));
}

/** The viewport as PNG (not the full page: the README shows what a screen shows). */
async function save(page: Page, file: string) {
  await page.waitForLoadState("networkidle");
  const target = path.join(OUT_DIR, file);
  await page.screenshot({ path: target, animations: "disabled", caret: "hide" });
  const kb = Math.round((await stat(target)).size / 1024);
  console.log(`[screenshots] ${target} (${kb} KB)`);
  if (kb > 250) console.warn(`[screenshots] ${file} is over 250 KB`);
}

await main();
