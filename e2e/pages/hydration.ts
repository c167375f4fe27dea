import { expect, type Locator } from "@playwright/test";

/**
 * Waits until React has hydrated `control` (it carries React's props on the element), then
 * clicks it. Since Next.js 16 a <Link> clicked while the page is still hydrating can swallow
 * the click and never navigate (a plain anchor's navigation is prevented, the router's is not
 * started yet); a user would click again, a test would wait forever. This waits for the
 * condition instead of sleeping or retrying the click.
 */
export async function clickWhenHydrated(control: Locator): Promise<void> {
  await expect(control).toBeVisible();
  await expect
    .poll(() => control.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), {
      message: "the control is hydrated",
      intervals: [50, 100, 250],
    })
    .toBe(true);
  await control.click();
}
