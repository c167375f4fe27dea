import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { assertLocalDatabase } from "./e2e/assert-local-database";

// Checked here as well as in globalSetup: Playwright starts the web server before globalSetup.
assertLocalDatabase();

const PORT = Number(process.env.E2E_PORT || 3100);
const baseURL = `http://localhost:${PORT}`;
// The fake Google (e2e/google-fake) the app's OAuth and Calendar calls go to.
const GOOGLE_FAKE_PORT = Number(process.env.E2E_GOOGLE_FAKE_PORT || PORT + 9);
const GOOGLE_FAKE_URL = `http://127.0.0.1:${GOOGLE_FAKE_PORT}`;
process.env.E2E_GOOGLE_FAKE_URL = GOOGLE_FAKE_URL;
const GOOGLE_CLIENT = { GOOGLE_CLIENT_ID: "slotbook-e2e.apps.googleusercontent.test", GOOGLE_CLIENT_SECRET: "slotbook-e2e-secret" };

// The config is evaluated again in every worker; values set on process.env here are inherited
// by them, so the whole run shares one id and one set of secrets.
process.env.E2E_RUN_ID ??= `${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`;
process.env.E2E_AUTH_SECRET ??= randomBytes(32).toString("base64");
process.env.E2E_TOKEN_ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
// Opens POST /api/test/fixtures on this run's server only (test/e2e-fixtures.ts).
process.env.E2E_FIXTURES_SECRET ??= randomBytes(32).toString("base64url");

// `npx playwright install` cannot download here: use the system Chromium when there is one.
const CHROMIUM = "/usr/bin/chromium";
const launchOptions = {
  executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ],
};

/*
 * Specs whose subject is the server's answers, not the device: HTTP and the JSON API, security
 * headers and sessions, hostile input, cache invalidation, two app instances, a database
 * restart. They run on the desktop project only; the phone project would repeat the same
 * requests in a narrower window
 * (about 40 s of a run). Journeys a phone user takes (booking, manage, portal, auth,
 * accessibility, keyboard) stay on both projects.
 */
const DEVICE_INDEPENDENT = ["abuse-limits.spec.ts", "api.spec.ts", "cache.spec.ts", "database-outage.spec.ts", "property.spec.ts", "security.spec.ts", "smoke.spec.ts", "two-instances.spec.ts"];

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  globalSetup: "./e2e/assert-local-database.ts",
  outputDir: "test-results",
  forbidOnly: !!process.env.CI,
  retries: 0,
  // Two cores: the server, the browser and two workers already fill them.
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions },
    },
    {
      name: "phone",
      testIgnore: DEVICE_INDEPENDENT,
      use: {
        browserName: "chromium",
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 3,
        isMobile: true,
        hasTouch: true,
        userAgent: devices["Pixel 7"].userAgent,
        launchOptions,
      },
    },
  ],
  webServer: [
  {
    command: "npx tsx e2e/google-fake/main.ts",
    url: `${GOOGLE_FAKE_URL}/_control/state`,
    timeout: 60_000,
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    stderr: "pipe",
    env: { GOOGLE_FAKE_PORT: String(GOOGLE_FAKE_PORT), ...GOOGLE_CLIENT },
  },
  {
    command: "npx tsx --conditions=react-server scripts/e2e-server.ts",
    url: `${baseURL}/api/health`,
    // Includes `next build`.
    timeout: 10 * 60_000,
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    env: {
      E2E_PORT: String(PORT),
      NODE_ENV: "production",
      NEXT_DIST_DIR: ".next-e2e",
      NEXT_TELEMETRY_DISABLED: "1",
      // Always a fresh PGlite directory, whatever DATABASE_URL the shell has.
      DATABASE_URL: "",
      PGLITE_DIR: `.data/e2e-${process.env.E2E_RUN_ID}`,
      APP_URL: baseURL,
      AUTH_SECRET: process.env.E2E_AUTH_SECRET,
      TOKEN_ENCRYPTION_KEY: process.env.E2E_TOKEN_ENCRYPTION_KEY,
      // Mail is captured and readable at /dev/mailbox (the mailbox fixture reads it).
      SMTP_URL: "",
      MAILBOX_UI: "1",
      RATE_LIMIT_PER_MINUTE: "0",
      E2E_FIXTURES: "1",
      E2E_FIXTURES_SECRET: process.env.E2E_FIXTURES_SECRET,
      ...GOOGLE_CLIENT,
      GOOGLE_OAUTH_AUTH_URL: `${GOOGLE_FAKE_URL}/o/oauth2/v2/auth`,
      GOOGLE_OAUTH_TOKEN_URL: `${GOOGLE_FAKE_URL}/token`,
      GOOGLE_OAUTH_REVOKE_URL: `${GOOGLE_FAKE_URL}/revoke`,
      GOOGLE_API_ROOT_URL: `${GOOGLE_FAKE_URL}/`,
    },
  },
  ],
});
