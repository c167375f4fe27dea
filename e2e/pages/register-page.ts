import { expect, type Locator, type Page } from "@playwright/test";

export type Registration = {
  name: string;
  email: string;
  password: string;
  role: "client" | "provider";
  /** Providers only. */
  businessName?: string;
  /** Providers only: an IANA zone offered in the time-zone select. */
  timezone?: string;
};

/** /register: found by label and role, as a user would. */
export class RegisterPage {
  readonly name: Locator;
  readonly email: Locator;
  readonly password: Locator;
  readonly businessName: Locator;
  readonly timezone: Locator;
  readonly submit: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel(/^(your )?name$/i);
    this.email = page.getByLabel("Email");
    this.password = page.getByLabel("Password");
    this.businessName = page.getByLabel("Business name");
    this.timezone = page.getByLabel("Time zone");
    this.submit = page.getByRole("button", { name: "Create account" });
  }

  async goto() {
    await this.page.goto("/register");
    await expect(this.submit).toBeVisible();
  }

  /** Fills the form and submits it; the caller asserts where it lands. */
  async register(r: Registration) {
    await this.name.fill(r.name);
    await this.email.fill(r.email);
    await this.password.fill(r.password);
    await this.chooseRole(r.role);
    if (r.role === "provider") {
      // The business fields appear once the provider role is chosen.
      await expect(this.businessName).toBeVisible();
      if (r.businessName !== undefined) await this.businessName.fill(r.businessName);
      if (r.timezone) await this.timezone.selectOption(r.timezone);
    }
    await this.submit.click();
  }

  /** The "I want to" radio group. */
  async chooseRole(role: Registration["role"]) {
    await this.page.getByRole("radio", { name: role === "provider" ? "Take bookings for my business" : "Book appointments" }).check();
  }
}
