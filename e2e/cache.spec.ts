import type { APIRequestContext, Page } from "@playwright/test";
import { daysFromToday, isoWeekday, nextWeekday, timeInZone } from "./dates";
import { expect, test, uniqueEmail } from "./fixtures";
import { HoursPage } from "./pages/hours-page";
import { ProfilePage } from "./pages/profile-page";
import { apiSlots, bookViaApi, type TestProvider } from "./providers";

/*
 * The public pages are cached per business (Cache Components, lib/cache): these journeys hold
 * the invalidation to "the very next request shows the change". Each page is opened once
 * before the change, so a cached copy exists that the change must replace.
 */

test.describe.configure({ timeout: 60_000 });

const guest = () => ({ name: "Cai Cache", email: uniqueEmail("cache"), phone: "+44 7700 900456" });

function bookUrl(provider: TestProvider, date: string): string {
  return `/p/${provider.slug}/book?serviceId=${provider.service.id}&date=${date}`;
}

/** The time buttons the booking page offers for its chosen day, as a guest reads them. */
async function offeredTimes(page: Page, provider: TestProvider, date: string): Promise<string[]> {
  await page.goto(bookUrl(provider, date));
  const times = page.getByRole("region", { name: "Choose a time" }).getByRole("button");
  await expect(page.getByRole("heading", { name: "Choose a time" })).toBeVisible();
  return times.allTextContents();
}

async function apiTimes(request: APIRequestContext, provider: TestProvider, date: string): Promise<string[]> {
  return (await apiSlots(request, provider, date)).map((s) => timeInZone(s.start, provider.timezone));
}

test("a booked time is gone from the booking page and the slots API on the very next request", async ({
  page,
  newProvider,
  bookingFlow,
}) => {
  const provider = await newProvider();
  const date = daysFromToday(3, provider.timezone);
  expect(await offeredTimes(page, provider, date)).toEqual(expect.arrayContaining(["10:00", "11:00"]));
  expect(await apiTimes(page.request, provider, date)).toEqual(expect.arrayContaining(["10:00", "11:00"]));

  // Through the booking page's form (a server action)…
  await page.goto(bookUrl(provider, date));
  await bookingFlow.chooseTime("10:00");
  await bookingFlow.fillDetails(guest());
  await bookingFlow.confirm();
  await bookingFlow.expectBooked();
  expect(await offeredTimes(page, provider, date)).not.toContain("10:00");
  expect(await apiTimes(page.request, provider, date)).not.toContain("10:00");

  // …and through the JSON API (a route handler).
  await bookViaApi(page.request, provider, { date, time: "11:00" }, guest());
  const times = await offeredTimes(page, provider, date);
  expect(times).not.toContain("11:00");
  expect(times).toContain("11:30");
  expect(await apiTimes(page.request, provider, date)).not.toContain("11:00");
});

test("new opening hours show on the provider page and the booking page on the very next request", async ({ page, newProvider }) => {
  const provider = await newProvider();
  const monday = nextWeekday(daysFromToday(1, provider.timezone), 1);
  expect(isoWeekday(monday)).toBe(1);
  const mondayRow = page.getByRole("row", { name: /^Monday/ });

  await page.goto(`/p/${provider.slug}`);
  await expect(mondayRow).toContainText("09:00–17:00");
  expect(await offeredTimes(page, provider, monday)).toContain("09:00");

  const hours = new HoursPage(provider.page);
  await hours.goto();
  await hours.setDay("Monday", [{ from: "13:00", to: "15:00" }]);
  await hours.save();

  await page.goto(`/p/${provider.slug}`);
  await expect(mondayRow).toContainText("13:00–15:00");
  await expect(mondayRow).not.toContainText("09:00");
  expect(await offeredTimes(page, provider, monday)).toEqual(["13:00", "13:30", "14:00", "14:30"]);
  expect(await apiTimes(page.request, provider, monday)).toEqual(["13:00", "13:30", "14:00", "14:30"]);
});

test("a renamed business shows in the directory and on its page on the very next request", async ({ page, newProvider }) => {
  const provider = await newProvider();
  const search = `/?q=${encodeURIComponent(provider.businessName)}`;
  const cards = page.getByRole("main").getByRole("listitem");

  await page.goto(search);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(provider.businessName);
  await page.goto(`/p/${provider.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(provider.businessName);

  const renamed = `${provider.businessName} and Spa`;
  const profile = new ProfilePage(provider.page);
  await profile.goto();
  await profile.save({ businessName: renamed });

  await page.goto(search);
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText(renamed);
  await page.goto(`/p/${provider.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(renamed);
  await page.goto(`/p/${provider.slug}/book`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Book with ${renamed}`);
});
