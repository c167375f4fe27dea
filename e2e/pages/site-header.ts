import { expect, type Locator, type Page } from "@playwright/test";

/**
 * The site header. On phones its links and "Sign out" sit inside the "Menu" disclosure; on
 * wider screens they are in the bar. Methods open the menu when it is the way in.
 */
export class SiteHeader {
  readonly banner: Locator;
  private readonly menu: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole("banner");
    this.menu = this.banner.locator("details").filter({ has: page.locator("summary", { hasText: "Menu" }) });
  }

  /** Opens the phone menu if this viewport shows it (no-op on desktop). */
  async openMenuIfCollapsed() {
    if (!(await this.menu.isVisible())) return;
    if (await this.menu.evaluate((d) => (d as HTMLDetailsElement).open)) return;
    await this.menu.locator("summary").click();
    await expect(this.menu).toHaveAttribute("open", "");
  }

  async signOut() {
    await this.openMenuIfCollapsed();
    await this.banner.getByRole("button", { name: "Sign out" }).click();
    await expect(this.page).toHaveURL(/\/$/);
    await this.expectSignedOut();
  }

  async expectSignedOut() {
    await this.openMenuIfCollapsed();
    await expect(this.banner.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(this.banner.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  }
}
