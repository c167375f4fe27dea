import { expect, type Locator, type Page } from "@playwright/test";
import { AppPage } from "./app-page";

export type WalkIn = { date: string; time: string; name: string; email: string; phone: string; notes?: string; bookedBy?: "Walk-in" | "Phone" };

/** /dashboard/appointments/new: a walk-in or phone booking entered by the provider. */
export class NewAppointmentPage extends AppPage {
  readonly date: Locator;
  readonly time: Locator;
  readonly openSlots: Locator;

  constructor(page: Page) {
    super(page, "New appointment");
    this.date = page.getByLabel("Date", { exact: true });
    this.time = page.getByLabel("Time", { exact: true });
    this.openSlots = page.getByRole("list", { name: "Open slots on this day" });
  }

  async book(w: WalkIn) {
    await this.date.fill(w.date);
    // Changing the date reloads that day's open slots; pick the time from them, as a provider would.
    await expect(this.page).toHaveURL(new RegExp(`[?&]date=${w.date}`));
    await this.openSlots.getByRole("button", { name: w.time, exact: true }).click();
    await expect(this.time).toHaveValue(w.time);
    await this.page.getByLabel("Booked by").selectOption({ label: w.bookedBy ?? "Walk-in" });
    await this.page.getByLabel("Client name").fill(w.name);
    await this.page.getByLabel("Email", { exact: true }).fill(w.email);
    await this.page.getByLabel("Phone", { exact: true }).fill(w.phone);
    if (w.notes !== undefined) await this.page.getByLabel("Notes", { exact: true }).fill(w.notes);
    await this.page.getByRole("button", { name: "Book appointment" }).click();
  }
}
