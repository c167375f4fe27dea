import { expect, type Page } from "@playwright/test";
import { AppPage } from "./app-page";
import { acceptNextDialog } from "./dashboard-nav";

export type ServiceInput = { name: string; durationMinutes: number; price: string; description?: string };

/** /dashboard/services: the list and the "Add a service" form. */
export class ServicesPage extends AppPage {

  constructor(page: Page) {
    super(page, "Services");
  }

  goto() {
    return this.open("/dashboard/services");
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
