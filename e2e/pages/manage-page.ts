import { expect, type Locator, type Page } from "@playwright/test";
import { dayLabel } from "../dates";

/** The guest's manage page (/bookings/[token]), opened from the link in their mail. */
export class ManagePage {
  readonly heading: Locator;
  readonly rescheduleButton: Locator;
  readonly cancelButton: Locator;
  readonly reason: Locator;
  readonly addToCalendar: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Your appointment", level: 1 });
    this.rescheduleButton = page.getByRole("button", { name: "Reschedule", exact: true });
    this.cancelButton = page.getByRole("button", { name: "Cancel appointment" });
    this.reason = page.getByLabel("Reason (optional)");
    this.addToCalendar = page.getByRole("link", { name: "Add to calendar" });
  }

  async goto(manageUrl: string) {
    await this.page.goto(manageUrl);
    await expect(this.heading).toBeVisible();
  }

  /** A success message at the top of the page ("Your appointment has been cancelled." …). */
  flash(text: string | RegExp): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  /** Reschedule → day → time → "Confirm new time". */
  async reschedule(date: string, time: string) {
    await this.rescheduleButton.click();
    await expect(this.page.getByRole("heading", { name: "Choose a day" })).toBeVisible();
    const day = this.page.getByRole("button", { name: dayLabel(date), exact: true });
    await day.click();
    await expect(day).toHaveAttribute("aria-pressed", "true");
    await expect(this.page.getByRole("heading", { name: "Choose a time" })).toBeVisible();
    const slot = this.page.getByRole("button", { name: time, exact: true });
    await slot.click();
    await expect(slot).toHaveAttribute("aria-pressed", "true");
    await expect(this.page.getByRole("heading", { name: "Confirm the new time" })).toBeVisible();
    await this.page.getByRole("button", { name: "Confirm new time" }).click();
  }

  /** Types the reason, presses "Cancel appointment" and accepts the browser's confirmation. Returns the question asked. */
  async cancel(reason?: string): Promise<string> {
    if (reason !== undefined) await this.reason.fill(reason);
    const question = new Promise<string>((resolve) => {
      this.page.once("dialog", (dialog) => {
        resolve(dialog.message());
        void dialog.accept();
      });
    });
    await this.cancelButton.click();
    return question;
  }
}
