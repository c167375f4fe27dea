import type { APIRequestContext, Page } from "@playwright/test";
import { daysFromToday, isoWeekday, nextWeekday, timeInZone } from "./dates";
import { DEMO, expect, test, uniqueEmail } from "./fixtures";
import { HoursPage } from "./pages/hours-page";
import { ProfilePage } from "./pages/profile-page";
import { apiSlots, bookViaApi, type TestProvider } from "./providers";

/*
 * A guest's directory, business and booking pages are answered from the page cache
 * (lib/page-cache), checked on every hit against the version the database's triggers keep:
 * these journeys hold it to "the very next request shows the change". Each page is opened once
 * before the change, so a stored copy exists that the change must replace.
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

/** The nonce of an answer's CSP header, and the nonces its scripts carry. */
async function nonces(res: { headers(): Record<string, string>; text(): Promise<string> }): Promise<{ header: string; scripts: string[] }> {
  const header = /'nonce-([^']+)'/.exec(res.headers()["content-security-policy"] ?? "")?.[1] ?? "";
  const scripts = [...(await res.text()).matchAll(/<script[^>]* nonce="([^"]*)"/g)].map((m) => m[1]!);
  return { header, scripts };
}

test("a guest's page is stored once, every answer has a nonce of its own, and a signed-in visitor's page is theirs", async ({
  page,
  newProvider,
  signInAs,
}) => {
  const provider = await newProvider();
  const url = `/p/${provider.slug}`;
  const first = await page.request.get(url);
  const second = await page.request.get(url);
  expect([first.headers()["x-slotbook-cache"], second.headers()["x-slotbook-cache"]]).toEqual(["miss", "hit"]);
  const [a, b] = [await nonces(first), await nonces(second)];
  for (const n of [a, b]) {
    expect(n.scripts.length).toBeGreaterThan(0);
    expect(new Set(n.scripts)).toEqual(new Set([n.header]));
  }
  expect(a.header).not.toBe(b.header);

  // The stored page runs in a browser under its answer's policy: no script is refused, no error.
  const refused: string[] = [];
  page.on("console", (m) => {
    if (m.type() === "error") refused.push(`${m.text()} (${m.location().url})`);
  });
  page.on("pageerror", (e) => refused.push(e.message));
  const res = await page.goto(url);
  expect(res!.headers()["x-slotbook-cache"]).toBe("hit");
  await page.getByRole("link", { name: "Book an appointment" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Book with ${provider.businessName}`);
  expect(refused).toEqual([]);

  // Signed in: rendered for this visitor, never stored or served from the store.
  await signInAs("client");
  const mine = await page.request.get(url);
  expect(mine.headers()["x-slotbook-cache"]).toBeUndefined();
  expect(await mine.text()).toContain(DEMO.client.name);
});

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
