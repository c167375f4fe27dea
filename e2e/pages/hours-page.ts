import { expect, type Locator, type Page } from "@playwright/test";
import { AppPage } from "./app-page";

export type Interval = { from: string; to: string };
export const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];

/** /dashboard/hours: weekly intervals per day (a group per weekday) and closed dates. */
export class HoursPage extends AppPage {

  constructor(page: Page) {
    super(page, "Opening hours");
  }

  goto() {
    return this.open("/dashboard/hours");
  }

  day(name: WeekdayName): Locator {
    return this.page.getByRole("group", { name, exact: true });
  }

  /** Replaces one day's rows on screen with `intervals` (not saved yet). */
  async setDay(name: WeekdayName, intervals: Interval[]) {
    const day = this.day(name);
    const removes = day.getByRole("button", { name: new RegExp(`^Remove ${name} interval`) });
    while ((await removes.count()) > intervals.length) await removes.last().click();
    for (let i = await removes.count(); i < intervals.length; i++) {
      await day.getByRole("button", { name: "Add interval" }).click();
      await expect(removes).toHaveCount(i + 1);
    }
    for (const [i, interval] of intervals.entries()) {
      const n = i === 0 ? "" : ` ${i + 1}`;
      await day.getByLabel(`${name} from${n}`, { exact: true }).fill(interval.from);
      await day.getByLabel(`${name} to${n}`, { exact: true }).fill(interval.to);
    }
  }

  async save() {
    await this.page.getByRole("button", { name: "Save hours" }).click();
    await expect(this.flash("Opening hours saved.")).toBeVisible();
  }

  async addClosedDate(date: string, reason?: string) {
    const card = this.page.locator("#closed-dates");
    await card.getByLabel("Date", { exact: true }).fill(date);
    if (reason !== undefined) await card.getByLabel("Reason (optional)").fill(reason);
    await card.getByRole("button", { name: "Add closed date" }).click();
    await expect(this.flash("Closed date added: no bookings can be made that day.")).toBeVisible();
  }
}
