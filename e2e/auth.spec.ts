import { DEMO, expect, test, uniqueEmail } from "./fixtures";

const PASSWORD = "a-long-password-1";

test.describe("accounts", () => {
  test("the demo client signs in and lands on their appointments", async ({ page, loginPage }) => {
    await loginPage.signInAs(DEMO.client.email, DEMO.password);
    await expect(page).toHaveURL(/\/account$/);
  });

  test("a wrong password is refused without saying whether the email exists", async ({ page, loginPage }) => {
    await loginPage.goto();
    await loginPage.signIn(DEMO.client.email, "not-the-password");
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
    // What the user typed is kept; the password is not echoed back.
    await expect(loginPage.email).toHaveValue(DEMO.client.email);
    await expect(loginPage.password).toHaveValue("");
  });

  test("a new client registers, verifies their email from the mailed link, signs out and back in", async ({
    page,
    registerPage,
    loginPage,
    header,
    mailbox,
  }) => {
    const email = uniqueEmail("client");
    await registerPage.goto();
    await registerPage.register({ name: "Robin Register", email, password: PASSWORD, role: "client" });
    await expect(page).toHaveURL(/\/account\?welcome=1$/);
    await expect(page.getByRole("status").filter({ hasText: "Welcome to Slotbook, Robin Register!" })).toBeVisible();
    await expect(page.getByText("Please verify your email.")).toBeVisible();

    const link = await mailbox.linkTo(email, /\/verify-email\//, { subject: /verify/i });
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Your email is verified" })).toBeVisible();

    // The link works once.
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This link has already been used" })).toBeVisible();

    await header.signOut();
    await loginPage.signInAs(email, PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { name: "My appointments" })).toBeVisible();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    // Verified: the reminder is gone.
    await expect(page.getByText("Please verify your email.")).toHaveCount(0);
  });

  test("a new provider registers with a business and a time zone, and gets a public booking page", async ({ page, registerPage }) => {
    const email = uniqueEmail("provider");
    const businessName = `Fern Studio ${email.split("@")[0]!.slice(-6)}`;
    await registerPage.goto();
    await registerPage.register({
      name: "Fern Owner",
      email,
      password: PASSWORD,
      role: "provider",
      businessName,
      timezone: "America/Chicago",
    });
    await expect(page).toHaveURL(/\/dashboard\?welcome=1$/);
    await expect(page.getByRole("navigation", { name: "Dashboard" })).toBeVisible();
    await expect(page.getByText(businessName)).toBeVisible();
    await expect(page.getByText(/Times are shown in America\/Chicago/)).toBeVisible();

    const bookingPage = page.getByRole("link", { name: "View your booking page" });
    const href = await bookingPage.getAttribute("href");
    expect(href).toMatch(/^\/p\/fern-studio-[a-z0-9-]+$/);
    await bookingPage.click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    await expect(page.getByRole("heading", { level: 1, name: businessName })).toBeVisible();
    await expect(page.getByText("No services to book yet")).toBeVisible();
    await expect(page.getByText("Times are in America/Chicago")).toBeVisible();
  });

  test("a bad registration shows each problem beside its field, keeps what was typed and creates nothing", async ({
    page,
    registerPage,
    loginPage,
  }) => {
    const email = uniqueEmail("nobody");
    await registerPage.goto();
    // A valid email, but a short password and no business name.
    await registerPage.register({ name: "Nadia Nobody", email, password: "short", role: "provider", businessName: "" });
    await expect(page.getByRole("alert").filter({ hasText: "Please check the highlighted fields." })).toBeVisible();
    await expect(registerPage.password).toHaveAccessibleDescription("Use at least 10 characters.");
    await expect(registerPage.businessName).toHaveAccessibleDescription("Enter your business name.");
    await expect(registerPage.email).not.toHaveAttribute("aria-invalid", "true");
    await expect(registerPage.name).toHaveValue("Nadia Nobody");
    await expect(registerPage.email).toHaveValue(email);
    await expect(registerPage.password).toHaveValue("");
    await expect(page.getByRole("radio", { name: "Take bookings for my business" })).toBeChecked();
    await expect(page).toHaveURL(/\/register$/);

    // Now a malformed email as well: all three are reported, each beside its own field.
    await registerPage.email.fill("nadia@@example");
    await registerPage.password.fill("short");
    await registerPage.submit.click();
    await expect(registerPage.email).toHaveAccessibleDescription("Enter a valid email address");
    await expect(registerPage.email).toHaveAttribute("aria-invalid", "true");
    await expect(registerPage.password).toHaveAccessibleDescription("Use at least 10 characters.");
    await expect(registerPage.businessName).toHaveAccessibleDescription("Enter your business name.");
    await expect(registerPage.email).toHaveValue("nadia@@example");
    await expect(registerPage.name).toHaveValue("Nadia Nobody");

    // No account was made with the valid email from the first try.
    await loginPage.goto();
    await loginPage.signIn(email, "short");
    await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
    await expect(page).toHaveURL(/\/login/);
  });

  test("a signed-out visit to the dashboard asks to sign in, then returns there", async ({ page, loginPage }) => {
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?next=%2Fdashboard$/);
    await expect(page.getByRole("status").filter({ hasText: "Please sign in to continue." })).toBeVisible();
    await loginPage.signIn(DEMO.provider.email, DEMO.password);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("heading", { name: "Appointments", level: 1 })).toBeVisible();
    await expect(page.getByText(DEMO.provider.name)).toBeVisible();
  });

  test("a client who opens the dashboard gets the no-access page", async ({ page, signInAs }) => {
    await signInAs("client");
    const response = await page.goto("/dashboard");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Dashboard" })).toHaveCount(0);
  });
});
