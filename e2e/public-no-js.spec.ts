import { daysFromToday, longDate } from "./dates";
import { expect, test, uniqueEmail } from "./fixtures";
import { BookingFlow } from "./pages/booking-flow";

/*
 * The public pages without JavaScript: the directory, a business's page and every booking
 * step are plain links, GET forms and one POST form, so a guest books with scripts off.
 */

test.use({ javaScriptEnabled: false });
test.describe.configure({ timeout: 60_000 });

test("a guest finds a business and books it with JavaScript off", async ({ page, newProvider }) => {
  const provider = await newProvider();
  const date = daysFromToday(2, provider.timezone);
  const flow = new BookingFlow(page);

  await page.goto(`/?q=${encodeURIComponent(provider.businessName)}`);
  await page.getByRole("link", { name: provider.businessName }).click();
  await expect(page.getByRole("heading", { level: 1, name: provider.businessName })).toBeVisible();
  await page.getByRole("link", { name: `Book ${provider.service.name}`, exact: true }).click();
  await expect(page.getByRole("heading", { name: "Choose a day" })).toBeVisible();

  await flow.dayButton(date).click();
  await expect(flow.dayButton(date)).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByText(longDate(date), { exact: true })).toBeVisible();
  await flow.timeButton("10:30").click();
  await expect(page.getByRole("heading", { name: "Your details" })).toBeVisible();
  await flow.fillDetails({ name: "Nora Noscript", email: uniqueEmail("nojs"), phone: "+44 7700 900789" });
  await flow.confirm();
  await flow.expectBooked();
  await expect(page.getByRole("main")).toContainText(`${longDate(date)}, 10:30–11:00`);

  // The next request no longer offers that time.
  await page.goto(`/p/${provider.slug}/book?serviceId=${provider.service.id}&date=${date}`);
  await expect(page.getByRole("heading", { name: "Choose a time" })).toBeVisible();
  await expect(flow.timeButton("10:00")).toBeVisible();
  await expect(flow.timeButton("10:30")).toHaveCount(0);
});
