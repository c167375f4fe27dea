import { expect, type Locator, type Page } from "@playwright/test";
import { AppPage } from "./app-page";

/** The guest's manage page (/bookings/[token]), opened from the link in their mail. */
export class ManagePage extends AppPage {
  readonly rescheduleButton: Locator;
  readonly cancelButton: Locator;
  readonly reason: Locator;
  readonly addToCalendar: Locator;

  constructor(page: Page) {
    super(page, "Your appointment");
    this.rescheduleButton = page.getByRole("button", { name: "Reschedule", exact: true });
    this.cancelButton = page.getByRole("button", { name: "Cancel appointment" });
    this.reason = page.getByLabel("Reason (optional)");
    this.addToCalendar = page.getByRole("link", { name: "Add to calendar" });
  }

  goto(manageUrl: string) {
    return this.open(manageUrl);
  }

  /** Reschedule → day → time → "Confirm new time". */
  async reschedule(date: string, time: string) {
    await this.rescheduleButton.click();
    await this.pickDayAndTime(date, time);
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
