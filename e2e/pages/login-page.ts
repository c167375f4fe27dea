import { expect, type Locator, type Page } from "@playwright/test";

/** /login: found by label and role, as a user would. */
export class LoginPage {
  readonly email: Locator;
  readonly password: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.email = page.getByLabel("Email");
    this.password = page.getByLabel("Password");
    this.submit = page.getByRole("button", { name: "Sign in" });
  }

  async goto(next?: string) {
    await this.page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
    await expect(this.submit).toBeVisible();
  }

  async signIn(email: string, password: string) {
    await this.email.fill(email);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** Signs in from /login and waits until the app has navigated away from it. */
  async signInAs(email: string, password: string, next?: string) {
    await this.goto(next);
    await this.signIn(email, password);
    await expect(this.page).not.toHaveURL(/\/login(\?|$)/);
  }
}
