import { expect, type Locator, type Page } from "@playwright/test";
import { dayLabel } from "../dates";
import { clickWhenHydrated } from "./hydration";

/** The client portal: /account, one appointment's page, favourites, preferences, settings. */
export class AccountPage {
  constructor(readonly page: Page) {}

  async goto() {
    await this.page.goto("/account");
    await expect(this.page.getByRole("heading", { name: "My appointments", level: 1 })).toBeVisible();
  }

  upcoming(): Locator {
    return this.page.getByRole("list", { name: "Upcoming appointments" });
  }

  past(): Locator {
    return this.page.getByRole("list", { name: "Past appointments" });
  }

  flash(text: string | RegExp): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  /** No sideways scrolling: the page is no wider than the viewport. */
  async expectNoSidewaysScroll() {
    const { scroll, client } = await this.page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      client: document.documentElement.clientWidth,
    }));
    expect(scroll, "page width").toBeLessThanOrEqual(client);
  }

  async openAppointment(serviceName: string, businessName: string, label: "Manage" | "Details" = "Manage") {
    await clickWhenHydrated(this.page.getByRole("link", { name: `Details: ${serviceName} at ${businessName}` }));
    await expect(this.page.getByRole("heading", { level: 1, name: `${serviceName} at ${businessName}` })).toBeVisible();
    void label;
  }

  /** Reschedule → day → time → "Confirm new time", on an appointment's page. */
  async reschedule(date: string, time: string) {
    await this.page.getByRole("button", { name: "Reschedule", exact: true }).click();
    await this.pickAndConfirm(date, time, "Confirm new time");
  }

  async pickAndConfirm(date: string, time: string, confirm: string) {
    await expect(this.page.getByRole("heading", { name: "Choose a day" })).toBeVisible();
    const day = this.page.getByRole("button", { name: dayLabel(date), exact: true });
    await day.click();
    await expect(day).toHaveAttribute("aria-pressed", "true");
    await expect(this.page.getByRole("heading", { name: "Choose a time" })).toBeVisible();
    const slot = this.page.getByRole("button", { name: time, exact: true });
    await slot.click();
    await expect(slot).toHaveAttribute("aria-pressed", "true");
    await this.page.getByRole("button", { name: confirm }).click();
  }
}
