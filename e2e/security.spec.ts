import { expect, test, uniqueEmail } from "./fixtures";
import { PROVIDER_PASSWORD } from "./providers";
import { LoginPage } from "./pages/login-page";
import { SiteHeader } from "./pages/site-header";

/**
 * Issue 9's findings, each as a user (or an attacker) would meet them on a production build.
 */

test.describe("security", () => {
  test("a stranger's failed sign-ins never lock the owner out of the browser they used before", async ({ newProvider, browser, deviceOptions }) => {
    const owner = await newProvider();
    // A stranger, from rotating addresses (the header is ignored anyway), guesses the password.
    const strangerContext = await browser.newContext(deviceOptions);
    const stranger = new LoginPage(await strangerContext.newPage());
    await stranger.goto();
    for (let i = 0; i < 6; i++) {
      await strangerContext.setExtraHTTPHeaders({ "X-Forwarded-For": `203.0.113.${i + 1}` });
      await stranger.signIn(owner.email, `wrong-guess-${i}`);
      // The answer has arrived when the form clears the password (it is never echoed back);
      // typing before then would race the re-render.
      await expect(stranger.page.getByLabel("Password")).toHaveValue("");
      await expect(stranger.page.getByText(/Email or password is incorrect|Too many sign-in attempts/)).toBeVisible();
    }
    // Even the right password from a new browser now waits …
    await stranger.signIn(owner.email, PROVIDER_PASSWORD);
    await expect(stranger.page.getByText(/Too many sign-in attempts/)).toBeVisible();
    await strangerContext.close();

    // … but the owner signs out and back in from their own browser at once.
    await owner.page.goto("/dashboard");
    await new SiteHeader(owner.page).signOut();
    await new LoginPage(owner.page).signInAs(owner.email, PROVIDER_PASSWORD);
    await expect(owner.page).toHaveURL(/\/dashboard/);
  });

  test("signing out ends the session everywhere: a cookie copied before no longer opens the dashboard", async ({ newProvider, browser, deviceOptions }) => {
    const provider = await newProvider();
    const copied = await provider.context.storageState();
    await provider.page.goto("/dashboard");
    await new SiteHeader(provider.page).signOut();

    const thief = await browser.newContext({ ...deviceOptions, storageState: copied });
    const page = await thief.newPage();
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?next=%2Fdashboard/);
    await thief.close();
  });

  test("unknown query values and another provider's ids get clean answers: no crash, real 404s", async ({ newProvider }) => {
    const a = await newProvider();
    const b = await newProvider();
    for (const done of ["__proto__", "constructor", "toString"]) {
      const res = await a.page.goto(`/dashboard?done=${done}`);
      expect(res?.status()).toBe(200);
      await expect(a.page.getByRole("heading", { name: "Appointments", level: 1 })).toBeVisible();
    }
    const other = await a.page.goto(`/dashboard/services/${b.service.id}`);
    expect(other?.status()).toBe(404);
    const missing = await a.page.request.get("/p/no-such-provider-here");
    expect(missing.status()).toBe(404);
  });

  test("pages carry a nonce CSP that forbids framing, and headers that keep tokens out of referrers", async ({ page }) => {
    const res = await page.goto("/login");
    const headers = res!.headers();
    const csp = headers["content-security-policy"] ?? "";
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(headers["x-frame-options"]).toBe("DENY");
    expect(headers["referrer-policy"]).toBe("same-origin");
    expect(headers["x-content-type-options"]).toBe("nosniff");
    // Each response gets its own nonce, and the page's scripts carry it (so the app still works).
    const again = (await page.request.get("/login")).headers()["content-security-policy"];
    expect(again).not.toBe(csp);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const scripts = await page.locator("script[src]").evaluateAll((els) => els.map((e) => (e as HTMLScriptElement).nonce));
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.every((n) => n === nonce)).toBe(true);
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  });

  test("hostile input to the booking API gets 422, never a 500", async ({ request, newProvider }) => {
    const p = await newProvider();
    const base = { serviceId: p.service.id, start: "2030-01-07T10:00:00+05:30", name: "Bob", email: "bob@example.com", phone: "+44 20 7946 0000" };
    const bodies = [
      { ...base, name: "Bob\u0000" },
      { ...base, notes: "hi\u0000there" },
      { ...base, name: "Bob\u2028Bcc: x" },
      { ...base, name: "Bob\u202Egnp.exe" },
      { ...base, start: "0000-01-01T00:00:00Z" },
      { ...base, start: "9999-12-31T23:59:59Z" },
    ];
    for (const data of bodies) {
      const res = await request.post(`/api/providers/${p.slug}/bookings`, { data });
      expect(res.status(), JSON.stringify(data)).toBe(422);
    }
    for (const q of ["from=0000-01-01&to=0000-01-02", "from=9999-12-30&to=9999-12-31", "from=2030-01-01%00&to=2030-01-02"]) {
      const res = await request.get(`/api/providers/${p.slug}/slots?serviceId=${p.service.id}&${q}`);
      expect(res.status(), q).toBe(422);
    }
    const nul = await request.get("/p/bad%00slug");
    expect(nul.status()).toBe(404);
    const years = await request.get(`/p/${p.slug}/book?serviceId=${p.service.id}&date=9999-12-31&from=0000-01-01`);
    expect(years.status()).toBe(200);
  });

  test("forgot password: the same answer for anyone, a single-use link, and other sessions end", async ({ page, newProvider, mailbox }) => {
    const provider = await newProvider();
    await page.goto("/login");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    // The login page has an Email field too: wait for the new page before typing into "Email".
    await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    await page.getByLabel("Email").fill(uniqueEmail("nobody"));
    await page.getByRole("button", { name: "Send me a reset link" }).click();
    const answer = page.getByText(/If an account uses that email, we've sent it a link/);
    await expect(answer).toBeVisible();

    await page.goto("/forgot-password");
    await page.getByLabel("Email").fill(provider.email);
    await page.getByRole("button", { name: "Send me a reset link" }).click();
    await expect(answer).toBeVisible();

    const link = await mailbox.linkTo(provider.email, /\/reset-password\//, { subject: /Reset your Slotbook password/ });
    await page.goto(link);
    await page.getByLabel("New password", { exact: true }).fill("a-brand-new-password-2");
    await page.getByLabel("New password again").fill("a-brand-new-password-2");
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect(page.getByText("Your password is changed and you were signed out everywhere.")).toBeVisible();

    // The provider's other browser was signed out.
    await provider.page.goto("/dashboard");
    await expect(provider.page).toHaveURL(/\/login/);
    // The link works once; the new password works.
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
    await new LoginPage(page).signInAs(provider.email, "a-brand-new-password-2");
    await expect(page).toHaveURL(/\/dashboard/);
  });
});

test.describe("forms without JavaScript", () => {
  test.use({ javaScriptEnabled: false });
  // Each test's page (which runs no JavaScript) carries a fresh provider's session.
  test.beforeEach(async ({ page, newProvider }) => {
    const provider = await newProvider();
    await page.context().addCookies((await provider.context.storageState()).cookies);
  });

  test("a walk-in's details are posted, never put in the URL", async ({ page }) => {
    await page.goto("/dashboard/appointments/new");
    await page.getByLabel("Time", { exact: true }).fill("10:00");
    await page.getByLabel("Client name").fill("Walk In Wendy");
    await page.getByLabel("Email", { exact: true }).fill("wendy@example.com");
    await page.getByLabel("Phone", { exact: true }).fill("+44 20 7946 0001");
    await page.getByRole("button", { name: "Book appointment" }).click();
    await page.waitForLoadState();
    expect(page.url()).not.toContain("wendy");
    expect(page.url()).not.toContain("Wendy");
  });

  test("weekly hours save without JavaScript", async ({ page }) => {
    await page.goto("/dashboard/hours");
    await page.locator('input[name="h-1-0-start"]').fill("08:00");
    await page.getByRole("button", { name: "Save hours" }).click();
    await expect(page.getByText("Opening hours saved.")).toBeVisible();
    expect(page.url()).not.toContain("h-1-0-start");
  });
});
