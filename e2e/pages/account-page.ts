import { expect, type Locator, type Page } from "@playwright/test";
import { AppPage } from "./app-page";
import { clickWhenHydrated } from "./hydration";

/** The client portal: /account, one appointment's page, favourites, preferences, settings. */
export class AccountPage extends AppPage {
  constructor(page: Page) {
    super(page, "My appointments");
  }

  goto() {
    return this.open("/account");
  }

  upcoming(): Locator {
    return this.page.getByRole("list", { name: "Upcoming appointments" });
  }

  past(): Locator {
    return this.page.getByRole("list", { name: "Past appointments" });
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
    await this.pickDayAndTime(date, time);
    await this.page.getByRole("button", { name: confirm }).click();
  }
}
