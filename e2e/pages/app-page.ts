import { expect, type Locator, type Page } from "@playwright/test";
import { dayButtonName } from "../dates";

/**
 * What the page objects share: a page known by its level-1 heading, the flash message at its
 * top, and the day-then-time picker that booking, rescheduling and rebooking all use.
 */
export abstract class AppPage {
  readonly heading: Locator;

  constructor(
    readonly page: Page,
    heading: string,
  ) {
    this.heading = page.getByRole("heading", { name: heading, level: 1 });
  }

  /** A success message at the top of the page ("Opening hours saved." …). */
  flash(text: string | RegExp): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  /** Opens `path` and waits until the page's heading shows. */
  protected async open(path: string) {
    await this.page.goto(path);
    await expect(this.heading).toBeVisible();
  }

  /** Choose a day → that day's button, Choose a time → that time's button; each shown as picked. */
  protected async pickDayAndTime(date: string, time: string) {
    await expect(this.page.getByRole("heading", { name: "Choose a day" })).toBeVisible();
    const day = this.page.getByRole("button", { name: dayButtonName(date) });
    await day.click();
    await expect(day).toHaveAttribute("aria-pressed", "true");
    await expect(this.page.getByRole("heading", { name: "Choose a time" })).toBeVisible();
    const slot = this.page.getByRole("button", { name: time, exact: true });
    await slot.click();
    await expect(slot).toHaveAttribute("aria-pressed", "true");
  }
}
