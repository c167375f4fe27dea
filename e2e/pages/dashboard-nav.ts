import type { Locator, Page } from "@playwright/test";
import { clickWhenHydrated } from "./hydration";

export type DashboardTab = "Appointments" | "Services" | "Hours" | "Profile";

/** The dashboard's own tab bar (the site header has links of the same names). */
export function dashboardNav(page: Page): Locator {
  return page.getByRole("navigation", { name: "Dashboard" });
}

export async function openDashboardTab(page: Page, tab: DashboardTab) {
  await clickWhenHydrated(dashboardNav(page).getByRole("link", { name: tab, exact: true }));
}

/** Accepts the next confirm() the page shows and resolves with its question. */
export function acceptNextDialog(page: Page): Promise<string> {
  return new Promise((resolve) => {
    page.once("dialog", (dialog) => {
      resolve(dialog.message());
      void dialog.accept();
    });
  });
}
