import { expect, type Locator, type Page } from "@playwright/test";
import { AppPage } from "./app-page";
import { clickWhenHydrated } from "./hydration";
import { acceptNextDialog } from "./dashboard-nav";

export type StatusFilter = "All" | "Pending" | "Confirmed" | "Completed" | "Cancelled" | "No-show";

/** /dashboard: the provider's appointments, grouped by day, with filters and per-card actions. */
export class AppointmentsPage extends AppPage {

  constructor(page: Page) {
    super(page, "Appointments");
  }

  goto() {
    return this.open("/dashboard");
  }

  /** One appointment card, named "<HH:MM> <service>, <client>". */
  card(time: string, service: string, client: string): Locator {
    return this.page.getByRole("listitem", { name: `${time} ${service}, ${client}`, exact: true });
  }

  /**
   * The section of one day ("YYYY-MM-DD"), found by its heading whatever order the dashboard
   * writes weekday, day and month in.
   */
  day(date: string): Locator {
    const p: Record<string, string> = {};
    for (const part of new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", timeZone: "UTC" }).formatToParts(
      new Date(`${date}T12:00:00Z`),
    )) {
      p[part.type] = part.value;
    }
    return this.page.getByRole("region", { name: new RegExp(`^(?=.*\\b${p.weekday}\\b)(?=.*\\b${p.month}\\b)(?=.*\\b${p.day}\\b)`) });
  }

  async showStatus(status: StatusFilter) {
    await clickWhenHydrated(this.page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: status, exact: true }));
    await expect(this.page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: status, exact: true })).toHaveAttribute(
      "aria-current",
      "true",
    );
  }

  /** Cancels from the card with a reason; accepts the confirmation and returns its question. */
  async cancel(card: Locator, reason: string): Promise<string> {
    await card.getByLabel("Reason for cancelling (the client sees this)").fill(reason);
    const question = acceptNextDialog(this.page);
    await card.getByRole("button", { name: "Cancel appointment" }).click();
    const asked = await question;
    await expect(this.flash("Appointment cancelled. The client has been emailed.")).toBeVisible();
    return asked;
  }
}
