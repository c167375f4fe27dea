import type { Locator, Page } from "@playwright/test";
import { expectAccessible } from "./a11y";
import { dayButtonName, daysFromToday, longDate } from "./dates";
import { expect, test, uniqueEmail } from "./fixtures";

test.describe.configure({ timeout: 90_000 });

/** The focused element's tag, name and whether a focus indicator is drawn (outline or box-shadow ring). */
function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0;
    const ring = s.boxShadow !== "none" && s.boxShadow !== "";
    const name = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("name") || "").trim().replace(/\s+/g, " ").slice(0, 40);
    return { what: `<${el.tagName.toLowerCase()}> ${name}`, visible: outline || ring };
  });
}

/** Whether React has hydrated `control` (a link activated earlier may be swallowed; see pages/hydration.ts). */
async function waitUntilHydrated(control: Locator) {
  await expect
    .poll(() => control.evaluate((el) => Object.keys(el).some((k) => k.startsWith("__reactProps$"))), { intervals: [50, 100, 250] })
    .toBe(true);
}

/**
 * Presses Tab (or Shift+Tab) until `target` has the focus, as a keyboard user would, checking on
 * every stop that the focused element shows a focus indicator. Fails if the target is not
 * reached within `max` presses.
 */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 60 } = {}) {
  await expect(target).toBeVisible();
  const path: string[] = [];
  for (let i = 0; i <= max; i++) {
    const state = await focusState(page);
    if (state) {
      path.push(state.what);
      expect(state.visible, `a visible focus indicator on ${state.what}`).toBe(true);
    }
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Not reached with ${backwards ? "Shift+Tab" : "Tab"} in ${max} presses; focus went: ${path.join(" → ")}`);
}

test("a guest books with the keyboard alone, and always sees where the focus is", async ({ page, newProvider }) => {
  const provider = await newProvider();
  const date = daysFromToday(2, provider.timezone);
  const guest = { name: "Kim Keys", email: uniqueEmail("keys"), phone: "+44 7700 900456" };

  await page.goto(`/p/${provider.slug}`);
  await expect(page.getByRole("heading", { level: 1, name: provider.businessName })).toBeVisible();

  // The skip link is the first stop, shows itself, and leads past the header.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport({ ratio: 1 });
  expect((await focusState(page))?.visible, "the skip link's focus indicator").toBe(true);
  await page.keyboard.press("Enter");
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => !!document.activeElement?.closest("#main")), "Tab after the skip link lands in the main content").toBe(true);

  const book = page.getByRole("link", { name: "Book an appointment" });
  await waitUntilHydrated(book);
  await tabTo(page, book);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Choose a service" })).toBeVisible();

  const service = page.getByRole("link", { name: `Choose ${provider.service.name}`, exact: true });
  await waitUntilHydrated(service);
  await tabTo(page, service);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Choose a day" })).toBeVisible();

  // Buttons answer Space as well as Enter.
  const day = page.getByRole("button", { name: dayButtonName(date) });
  await waitUntilHydrated(day);
  await tabTo(page, day);
  await page.keyboard.press("Space");
  await expect(day).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByRole("heading", { name: "Choose a time" })).toBeVisible();

  const time = page.getByRole("button", { name: "10:30", exact: true });
  await waitUntilHydrated(time);
  await tabTo(page, time);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Your details" })).toBeVisible();

  const name = page.getByLabel("Name", { exact: true });
  const email = page.getByLabel("Email", { exact: true });
  const phone = page.getByLabel("Phone", { exact: true });
  await waitUntilHydrated(name);
  await tabTo(page, name);
  await page.keyboard.type(guest.name);
  await page.keyboard.press("Tab");
  await expect(email).toBeFocused();
  await page.keyboard.type("kim@typo");
  await page.keyboard.press("Tab");
  await expect(phone).toBeFocused();
  await page.keyboard.type(guest.phone);
  // Back to fix the email: Shift+Tab, delete the typo, type it right.
  await tabTo(page, email, { backwards: true, max: 3 });
  for (let i = 0; i < "kim@typo".length; i++) await page.keyboard.press("Backspace");
  await expect(email).toHaveValue("");
  await page.keyboard.type(guest.email);
  await expect(email).toHaveValue(guest.email);

  const confirm = page.getByRole("button", { name: "Confirm booking" });
  await tabTo(page, confirm, { max: 10 });
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Your appointment" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "You're booked!" })).toBeVisible();
  const main = page.getByRole("main");
  await expect(main).toContainText(`${longDate(date)}, 10:30–11:00`);
  await expect(main).toContainText(guest.name);
  await expect(main).toContainText(guest.email);
});

test.describe("at 200 % zoom", () => {
  // 200 % zoom of a 1280×800 desktop window, emulated honestly as what the page gets: a
  // 640×400 CSS-pixel viewport at two device pixels per CSS pixel (WCAG 1.4.10 reflow).
  test.use({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });

  test("a guest books a slot without scrolling sideways, and the confirm button is reachable", async ({ page, newProvider, bookingFlow }, testInfo) => {
    test.skip(testInfo.project.name !== "desktop", "zoom is a desktop window's; the phone project is narrower still");
    const provider = await newProvider();
    const date = daysFromToday(3, provider.timezone);

    const noSidewaysScroll = async (where: string) => {
      const { scroll, client } = await page.evaluate(() => ({
        scroll: document.scrollingElement!.scrollWidth,
        client: document.scrollingElement!.clientWidth,
      }));
      expect(scroll, `no horizontal scroll on ${where} (content ${scroll}px in ${client}px)`).toBeLessThanOrEqual(client);
    };

    await bookingFlow.openProviderPage(provider.slug, provider.businessName);
    await noSidewaysScroll("the provider page");
    await bookingFlow.startBooking(provider.service.name);
    await noSidewaysScroll("choose a day");
    await bookingFlow.chooseDay(date);
    await noSidewaysScroll("choose a time");
    await bookingFlow.chooseTime("14:00");
    await noSidewaysScroll("your details");
    await bookingFlow.fillDetails({ name: "Zoe Zoom", email: uniqueEmail("zoom"), phone: "+44 7700 900789" });

    // Reachable: scrolled to and wholly inside the viewport (the click then checks nothing covers it).
    await bookingFlow.confirmButton.scrollIntoViewIfNeeded();
    await expect(bookingFlow.confirmButton).toBeInViewport({ ratio: 1 });
    await bookingFlow.confirm();
    await bookingFlow.expectBooked();
    await expect(page.getByRole("main")).toContainText(`${longDate(date)}, 14:00–14:30`);
    await noSidewaysScroll("the confirmation");
    await expectAccessible(page, "the confirmation at 200 %");
  });
});
