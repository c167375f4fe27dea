import { expect, type Locator, type Page } from "@playwright/test";
import { AppPage } from "./app-page";

export type ProfileInput = {
  businessName?: string;
  timezone?: string;
  /** ISO 4217 code, or "" for plain amounts. */
  currency?: string;
  cancellationWindowHours?: number;
  minNoticeMinutes?: number;
  bookingHorizonDays?: number;
  phone?: string;
  /** "Approve online bookings before they are confirmed". */
  requireApproval?: boolean;
  /** "Ask new guests to confirm their email". */
  confirmGuestEmail?: boolean;
};

/** /dashboard/profile: the business's public details and booking rules. */
export class ProfilePage extends AppPage {
  readonly businessName: Locator;
  readonly slug: Locator;
  readonly timezone: Locator;
  readonly currency: Locator;
  readonly cancellationWindow: Locator;
  readonly minNotice: Locator;
  readonly horizon: Locator;
  readonly phone: Locator;
  readonly requireApproval: Locator;
  readonly confirmGuestEmail: Locator;

  constructor(page: Page) {
    super(page, "Business profile");
    this.businessName = page.getByLabel("Business name");
    this.slug = page.getByLabel("Booking page address (slug)");
    this.timezone = page.getByLabel("Time zone");
    this.currency = page.getByLabel("Currency");
    this.cancellationWindow = page.getByLabel("Cancellation window (hours)");
    this.minNotice = page.getByLabel("Minimum notice (minutes)");
    this.horizon = page.getByLabel("Booking horizon (days)");
    this.phone = page.getByLabel("Phone", { exact: true });
    this.requireApproval = page.getByRole("checkbox", { name: "Approve online bookings before they are confirmed" });
    this.confirmGuestEmail = page.getByRole("checkbox", { name: "Ask new guests to confirm their email" });
  }

  goto() {
    return this.open("/dashboard/profile");
  }

  async save(p: ProfileInput) {
    if (p.businessName !== undefined) await this.businessName.fill(p.businessName);
    if (p.timezone !== undefined) await this.timezone.selectOption(p.timezone);
    if (p.currency !== undefined) await this.currency.selectOption(p.currency);
    if (p.cancellationWindowHours !== undefined) await this.cancellationWindow.fill(String(p.cancellationWindowHours));
    if (p.minNoticeMinutes !== undefined) await this.minNotice.fill(String(p.minNoticeMinutes));
    if (p.bookingHorizonDays !== undefined) await this.horizon.fill(String(p.bookingHorizonDays));
    if (p.phone !== undefined) await this.phone.fill(p.phone);
    if (p.requireApproval !== undefined) await this.requireApproval.setChecked(p.requireApproval);
    if (p.confirmGuestEmail !== undefined) await this.confirmGuestEmail.setChecked(p.confirmGuestEmail);
    await this.page.getByRole("button", { name: "Save profile" }).click();
    await expect(this.page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();
  }
}
