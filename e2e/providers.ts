import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { timeInZone } from "./dates";
import { HoursPage, WEEKDAY_NAMES, type Interval, type WeekdayName } from "./pages/hours-page";
import { ProfilePage, type ProfileInput } from "./pages/profile-page";
import { RegisterPage } from "./pages/register-page";
import { ServicesPage, type ServiceInput } from "./pages/services-page";

export const PROVIDER_PASSWORD = "a-long-password-1";

export type ProviderOptions = {
  /** IANA zone chosen at registration. Default: Asia/Kolkata (a half-hour zone, unlike the browser's). */
  timezone?: string;
  service?: ServiceInput;
  /** Weekly hours per day; default 09:00–17:00 every day, so any date has times. */
  hours?: Partial<Record<WeekdayName, Interval[]>>;
  /** Saved on /dashboard/profile after registering (only when given). */
  profile?: Omit<ProfileInput, "timezone">;
};

/** A provider made for one test: signed in on `page` in its own browser context. */
export type TestProvider = {
  context: BrowserContext;
  page: Page;
  email: string;
  ownerName: string;
  businessName: string;
  slug: string;
  timezone: string;
  service: ServiceInput & { id: string };
};

const allWeek = (interval: Interval) => Object.fromEntries(WEEKDAY_NAMES.map((d) => [d, [interval]])) as Record<WeekdayName, Interval[]>;

/**
 * Registers a fresh provider through the UI, adds one service and saves weekly hours, so a
 * test owns every slot it books (both projects and both workers share one server).
 */
export async function setUpProvider(browser: Browser, contextOptions: BrowserContextOptions, opts: ProviderOptions = {}): Promise<TestProvider> {
  const id = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const timezone = opts.timezone ?? "Asia/Kolkata";
  const businessName = `Studio ${id}`;
  const email = `provider-${id}@example.com`;
  const ownerName = "Pat Provider";
  const service = opts.service ?? { name: "Haircut", durationMinutes: 30, price: "25" };

  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  try {
    const register = new RegisterPage(page);
    await register.goto();
    await register.register({ name: ownerName, email, password: PROVIDER_PASSWORD, role: "provider", businessName, timezone });
    await expect(page).toHaveURL(/\/dashboard\?welcome=1$/);
    const href = await page.getByRole("link", { name: "View your booking page" }).getAttribute("href");
    const slug = href?.match(/^\/p\/([a-z0-9-]+)$/)?.[1];
    if (!slug) throw new Error(`No booking page link on the dashboard (href: ${href})`);

    if (opts.profile) {
      const profile = new ProfilePage(page);
      await profile.goto();
      await profile.save(opts.profile);
    }

    const services = new ServicesPage(page);
    await services.goto();
    const serviceId = await services.add(service);

    const hours = new HoursPage(page);
    await hours.goto();
    for (const [day, intervals] of Object.entries(opts.hours ?? allWeek({ from: "09:00", to: "17:00" }))) {
      await hours.setDay(day as WeekdayName, intervals);
    }
    await hours.save();

    return { context, page, email, ownerName, businessName, slug, timezone, service: { ...service, id: serviceId } };
  } catch (e) {
    await context.close();
    throw e;
  }
}

export type ApiSlot = { start: string; end: string; staffIds: string[] };
export type ApiBooking = { id: string; start: string; end: string; staffId: string | null; status: string; manageUrl: string };
export type Guest = { name: string; email: string; phone: string; notes?: string };

/** The free slots of one day through the public API. */
export async function apiSlots(request: APIRequestContext, provider: Pick<TestProvider, "slug" | "service">, date: string): Promise<ApiSlot[]> {
  const res = await request.get(`/api/providers/${provider.slug}/slots`, {
    params: { serviceId: provider.service.id, from: date, to: date },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ((await res.json()) as { slots: ApiSlot[] }).slots;
}

/** Books `time` (on the provider's clock) on `date` through the public JSON API, as a booking widget would. */
export async function bookViaApi(
  request: APIRequestContext,
  provider: Pick<TestProvider, "slug" | "service" | "timezone">,
  at: { date: string; time: string },
  guest: Guest,
): Promise<ApiBooking> {
  const slot = (await apiSlots(request, provider, at.date)).find((s) => timeInZone(s.start, provider.timezone) === at.time);
  if (!slot) throw new Error(`No free slot at ${at.time} on ${at.date} for ${provider.slug}`);
  const res = await request.post(`/api/providers/${provider.slug}/bookings`, {
    data: { serviceId: provider.service.id, start: slot.start, ...guest },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as ApiBooking;
}
