import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

/** WCAG 2.0, 2.1 and 2.2, levels A and AA: what the app promises (README, "Accessibility"). */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Impacts that fail a check; minor and moderate findings are printed by no one and fixed by choice. */
const FAILING = new Set(["serious", "critical"]);

/**
 * Runs axe-core on the page as it is now (rendered, hydrated if it hydrates) and returns the
 * serious and critical WCAG A/AA violations, one line per affected element: rule id, impact,
 * help text and the element's selector. Empty when the page passes.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState("load");
  // After a client-side navigation Next.js may set <title> a moment after the new content shows
  // (seen once, on the guest's reschedule step). Give it that moment; axe still fails a page
  // whose title never comes.
  await page.waitForFunction(() => document.title.trim() !== "", null, { timeout: 3_000 }).catch(() => {});
  // resultTypes: axe works out every node only for violations (one each for passes and the
  // rest), which is all this reads: the same findings, in a fraction of the time.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).options({ resultTypes: ["violations"] }).analyze();
  return results.violations
    .filter((v) => FAILING.has(v.impact ?? ""))
    .flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} — ${n.target.map(String).join(" ")}${n.failureSummary ? `\n    ${n.failureSummary.replace(/\n/g, "\n    ")}` : ""}`),
    );
}

/**
 * Checks the current page with axe (WCAG 2.2 A/AA) and fails — softly, so one run lists every
 * page's findings — on any serious or critical violation, naming the page, the rule, its help
 * and the elements.
 */
export async function expectAccessible(page: Page, what?: string): Promise<void> {
  const name = what ?? new URL(page.url()).pathname;
  const found = await axeViolations(page);
  expect.soft(found, `axe (WCAG 2.2 A/AA) on ${name}:\n  ${found.join("\n  ")}`).toEqual([]);
}
