import { expect, newGuest, test, uniqueEmail } from "./fixtures";
import { AppointmentsPage } from "./pages/appointments-page";
import { acceptNextDialog } from "./pages/dashboard-nav";
import { bookViaApi, type ApiSlot } from "./providers";
import { daysFromToday } from "./dates";
import { createFixture } from "./test-api";

/**
 * Issue 20's "Done when" on the production build (the e2e server runs with
 * RATE_LIMIT_PER_MINUTE=0, so the per-address limits are off here; lib/booking/limits.test.ts
 * and lib/portal/account-limits.test.ts hold those on the database).
 */

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

test.describe("abuse limits", () => {
  test("12 API bookings by one guest email make 3; the other 9 are a 422 naming the email field", async ({ newProvider }) => {
    const provider = await newProvider();
    const from = new Date(Date.now() + 2 * 86_400_000);
    const to = new Date(Date.now() + 20 * 86_400_000);
    const res = await provider.page.request.get(`/api/providers/${provider.slug}/slots`, {
      params: { serviceId: provider.service.id, from: isoDate(from), to: isoDate(to) },
    });
    const slots = ((await res.json()) as { slots: ApiSlot[] }).slots;
    expect(slots.length).toBeGreaterThanOrEqual(12);
    const email = uniqueEmail("filler");
    const statuses: number[] = [];
    for (const slot of slots.slice(0, 12)) {
      const r = await provider.page.request.post(`/api/providers/${provider.slug}/bookings`, {
        data: { serviceId: provider.service.id, start: slot.start, name: "Filler", email, phone: "+44 20 7946 0001" },
      });
      statuses.push(r.status());
      if (r.status() !== 201) {
        const body = (await r.json()) as { error: string; fieldErrors: Record<string, string[]> };
        expect(body.fieldErrors.email?.[0]).toMatch(/already has 3 upcoming bookings here/);
      }
    }
    expect(statuses).toEqual([...Array(3).fill(201), ...Array(9).fill(422)]);
  });

  test("a cross-origin server-action post answers 403 and a 4 MB one 413, not 500", async ({ request }) => {
    const crossOrigin = await request.post("/login", {
      headers: { Origin: "https://evil.example", "Next-Action": "0".repeat(40), "Content-Type": "text/plain" },
      data: "[]",
    });
    expect(crossOrigin.status()).toBe(403);
    expect(await crossOrigin.text()).toContain("was not accepted");
    const large = await request.post("/login", {
      headers: { "Next-Action": "0".repeat(40), "Content-Type": "text/plain" },
      data: "x".repeat(4 * 1024 * 1024),
    });
    expect(large.status()).toBe(413);
  });

  test("a chunked server-action body over 3 MB answers 413 too; a small one still reaches Next.js", async ({ baseURL }) => {
    const { request } = await import("node:http");
    const postChunked = (bytes: number) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = request(`${baseURL}/login`, { method: "POST", headers: { "Next-Action": "0".repeat(40), "Content-Type": "text/plain", "Transfer-Encoding": "chunked" } }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve({ status: res.statusCode!, body }));
        });
        req.on("error", reject);
        const chunk = Buffer.alloc(64 * 1024, 120);
        let sent = 0;
        const pump = () => {
          while (sent < bytes) {
            const part = chunk.subarray(0, Math.min(chunk.length, bytes - sent));
            sent += part.length;
            if (!req.write(part)) return void req.once("drain", pump);
          }
          req.end();
        };
        pump();
      });
    const large = await postChunked(4 * 1024 * 1024);
    expect(large.status).toBe(413);
    expect(large.body).toContain("larger than 3 MB");
    // Within the limit, Next.js answers it (here: an unknown action is its own 400), not the 413.
    expect((await postChunked(1024)).status).toBe(400);
  });

  test("HTML at file-like paths carries the page CSP", async ({ request }) => {
    for (const path of ["/invite/abc.js", "/verify-email/x.map", "/reset-password/x.css"]) {
      const r = await request.get(path);
      expect(r.headers()["content-type"] ?? "").toContain("text/html");
      expect(r.headers()["content-security-policy"] ?? "", path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    }
  });
});

test("a password change signs the other session out and keeps this one signed in", async ({ page, browser, deviceOptions }) => {
  const { RegisterPage } = await import("./pages/register-page");
  const email = uniqueEmail("changer");
  const register = new RegisterPage(page);
  await register.goto();
  await register.register({ name: "Cam Changer", email, password: "first-password-1", role: "client" });
  await expect(page).toHaveURL(/\/account\?welcome=1$/);
  // Session B: the same cookie in another browser (a stolen or second device).
  const other = await browser.newContext({ ...deviceOptions, storageState: await page.context().storageState() });
  const otherPage = await other.newPage();
  await otherPage.goto("/account/settings");
  await expect(otherPage).toHaveURL(/\/account\/settings/);

  await page.goto("/account/settings");
  await page.getByLabel("Current password").fill("first-password-1");
  await page.getByLabel("New password", { exact: true }).fill("second-password-2");
  await page.getByLabel("Repeat new password").fill("second-password-2");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("You have been signed out everywhere else.")).toBeVisible();
  await expect(page).toHaveURL(/\/account\/settings\?passwordChanged=1$/);

  await otherPage.goto("/account/settings");
  await expect(otherPage).toHaveURL(/\/login/);
  await page.goto("/account/settings");
  await expect(page).toHaveURL(/\/account\/settings/);
  await other.close();
});

test("the provider cancels every upcoming booking of one email at once; the guest gets one mail listing them", async ({ request, newProvider, mailbox }) => {
  const provider = await newProvider();
  const guest = newGuest("Fay Filler", "+44 7700 900321");
  const other = newGuest("Reg Regular", "+44 7700 900322");
  const date = daysFromToday(3, provider.timezone);
  for (const time of ["10:00", "11:00", "12:00"]) await bookViaApi(request, provider, { date, time }, guest);
  await bookViaApi(request, provider, { date, time: "14:00" }, other);

  const dashboard = new AppointmentsPage(provider.page);
  await dashboard.goto();
  const card = dashboard.card("11:00", provider.service.name, guest.name);
  const question = acceptNextDialog(provider.page);
  await card.getByRole("button", { name: "Cancel all upcoming from this email" }).click();
  expect(await question).toContain(`Cancel every upcoming booking made with ${guest.email}?`);
  await expect(dashboard.flash("Every upcoming booking made with that email has been cancelled.")).toBeVisible();
  for (const time of ["10:00", "11:00", "12:00"]) await expect(dashboard.card(time, provider.service.name, guest.name)).toContainText("Cancelled");
  await expect(dashboard.card("14:00", provider.service.name, other.name)).toContainText("Confirmed");

  const summary = await mailbox.latestTo(guest.email, { subject: `Cancelled: 3 appointments at ${provider.businessName}` });
  expect(summary.text).toContain(`${provider.businessName} has cancelled your 3 upcoming appointments.`);
  const { mails } = await createFixture<{ mails: { subject: string }[] }>(request, { kind: "mails", to: guest.email });
  expect(mails.filter((m) => m.subject.startsWith("Cancelled"))).toHaveLength(1);
});
