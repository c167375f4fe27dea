import { expect, type Locator, type Page } from "@playwright/test";
import { acceptNextDialog } from "./dashboard-nav";

export type ServiceInput = { name: string; durationMinutes: number; price: string; description?: string };

/** /dashboard/services: the list and the "Add a service" form. */
export class ServicesPage {
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole("heading", { name: "Services", level: 1 });
  }

  async goto() {
    await this.page.goto("/dashboard/services");
    await expect(this.heading).toBeVisible();
  }

  flash(text: string | RegExp): Locator {
    return this.page.getByRole("status").filter({ hasText: text });
  }

  /** Adds a service and returns its id (from its Edit link). */
  async add(s: ServiceInput): Promise<string> {
    const form = this.page.locator("#add-service");
    await form.getByLabel("Service name").fill(s.name);
    if (s.description !== undefined) await form.getByLabel("Description").fill(s.description);
    await form.getByLabel("Duration (minutes)").fill(String(s.durationMinutes));
    await form.getByLabel("Price").fill(s.price);
    await expect(form.getByLabel("Active (clients can book it)")).toBeChecked();
    await form.getByRole("button", { name: "Add service" }).click();
    await expect(this.flash("Service added.")).toBeVisible();
    return this.serviceId(s.name);
  }

  async serviceId(name: string): Promise<string> {
    const href = await this.page.getByRole("link", { name: `Edit ${name}`, exact: true }).getAttribute("href");
    const id = href?.match(/\/dashboard\/services\/([0-9a-f-]{36})$/)?.[1];
    if (!id) throw new Error(`No Edit link for service "${name}" (href: ${href})`);
    return id;
  }

  /** Presses "Delete <name>" and accepts the confirmation; returns the question asked. */
  async delete(name: string): Promise<string> {
    const question = acceptNextDialog(this.page);
    await this.page.getByRole("button", { name: `Delete ${name}`, exact: true }).click();
    return question;
  }
}
