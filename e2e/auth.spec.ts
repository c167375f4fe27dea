import { DEMO, expect, test, uniqueEmail } from "./fixtures";

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

  test("a new client registers and verifies their email from the mailed link", async ({ page, registerPage, mailbox }) => {
    const email = uniqueEmail("client");
    await registerPage.goto();
    await registerPage.register({ name: "Robin Register", email, password: "a-long-password-1", role: "client" });
    await expect(page).toHaveURL(/\/account/);

    const link = await mailbox.linkTo(email, /\/verify-email\//, { subject: /verify/i });
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "Your email is verified" })).toBeVisible();

    // The link works once.
    await page.goto(link);
    await expect(page.getByRole("heading", { name: "This link has already been used" })).toBeVisible();
  });
});
