import { expect, type Locator, type Page } from "@playwright/test";
import { dayButtonName, longDate } from "../dates";
import { clickWhenHydrated } from "./hydration";

export type GuestDetails = { name: string; email: string; phone: string; notes?: string };

/**
 * The public provider page and the booking flow (/p/[slug]/book): service → day → time →
 * details, found by role and label as a guest would.
 */
export class BookingFlow {
  readonly name: Locator;
  readonly email: Locator;
  readonly phone: Locator;
  readonly notes: Locator;
  readonly confirmButton: Locator;

  constructor(readonly page: Page) {
    this.name = page.getByLabel("Name", { exact: true });
    this.email = page.getByLabel("Email", { exact: true });
    this.phone = page.getByLabel("Phone", { exact: true });
    this.notes = page.getByLabel("Notes (optional)");
    // "Send booking request" where the provider approves bookings by hand.
    this.confirmButton = page.getByRole("button", { name: /^(Confirm booking|Send booking request)$/ });
  }

  async openProviderPage(slug: string, businessName?: string) {
    await this.page.goto(`/p/${slug}`);
    if (businessName) await expect(this.page.getByRole("heading", { level: 1, name: businessName })).toBeVisible();
  }

  /** From the provider page: "Book <service>". */
  async startBooking(serviceName: string) {
    await clickWhenHydrated(this.page.getByRole("link", { name: `Book ${serviceName}`, exact: true }));
    await expect(this.page.getByRole("heading", { name: "Choose a day" })).toBeVisible();
  }

  dayButton(date: string): Locator {
    return this.page.getByRole("button", { name: dayButtonName(date) });
  }

  timeButton(time: string): Locator {
    return this.page.getByRole("button", { name: time, exact: true });
  }

  /** "Later days →": the next window of days (the choice travels in the URL as `from`). */
  async showLaterDays() {
    await clickWhenHydrated(this.page.getByRole("link", { name: "Later days →" }));
    await expect(this.page).toHaveURL(/[?&]from=\d{4}-\d{2}-\d{2}/);
  }

  async chooseDay(date: string) {
    await this.dayButton(date).click();
    await expect(this.dayButton(date)).toHaveAttribute("aria-pressed", "true");
    await expect(this.page.getByRole("heading", { name: "Choose a time" })).toBeVisible();
    await expect(this.page.getByText(longDate(date), { exact: true })).toBeVisible();
  }

  async chooseTime(time: string) {
    await this.timeButton(time).click();
    await expect(this.page.getByRole("heading", { name: "Your details" })).toBeVisible();
  }

  async fillDetails(d: GuestDetails) {
    await this.name.fill(d.name);
    await this.email.fill(d.email);
    await this.phone.fill(d.phone);
    if (d.notes !== undefined) await this.notes.fill(d.notes);
  }

  async confirm() {
    await this.confirmButton.click();
  }

  async expectBooked() {
    await expect(this.page.getByRole("heading", { name: "Your appointment" })).toBeVisible();
    await expect(this.page.getByRole("status").filter({ hasText: "You're booked!" })).toBeVisible();
  }

  /** For a provider who approves online bookings by hand: the booking is a request. */
  async expectRequested(businessName: string) {
    await expect(this.page.getByRole("heading", { name: "Your appointment" })).toBeVisible();
    await expect(this.page.getByRole("status").filter({ hasText: "Request sent!" })).toContainText(
      `Request sent! ${businessName} will confirm your appointment.`,
    );
  }
}
