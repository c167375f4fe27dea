import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { timeInZone } from "./dates";
import { createFixture, signInWithRequest } from "./test-api";
import type { Interval, WeekdayName } from "./pages/hours-page";
import type { ProfileInput } from "./pages/profile-page";
import type { ServiceInput } from "./pages/services-page";

export const PROVIDER_PASSWORD = "a-long-password-1";

export type ProviderOptions = {
  /** IANA zone chosen at registration. Default: Asia/Kolkata (a half-hour zone, unlike the browser's). */
  timezone?: string;
  service?: ServiceInput;
  /** Weekly hours per day; default 09:00–17:00 every day, so any date has times. */
  hours?: Partial<Record<WeekdayName, Interval[]>>;
  /** Booking rules and contact details of the business. */
  profile?: Omit<ProfileInput, "timezone" | "businessName">;
  /** Default "free". */
  plan?: "free" | "pro";
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

/**
 * A fresh provider for one test, built straight in the e2e server's database (owner, business,
 * one service, weekly hours, profile settings) and signed in on `page` in its own browser
 * context: both projects and both workers share one server, so a test owns every slot it
 * books. Journeys that test registration and setup screens use the UI instead
 * (auth.spec.ts, provider-setup.spec.ts).
 */
export async function setUpProvider(browser: Browser, contextOptions: BrowserContextOptions, opts: ProviderOptions = {}): Promise<TestProvider> {
  const id = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const timezone = opts.timezone ?? "Asia/Kolkata";
  const businessName = `Studio ${id}`;
  const email = `provider-${id}@example.com`;
  const ownerName = "Pat Provider";
  const service = opts.service ?? { name: "Haircut", durationMinutes: 30, price: "25" };

  const context = await browser.newContext(contextOptions);
  try {
    const made = await createFixture<{ provider: { slug: string }; service: { id: string } }>(context.request, {
      kind: "provider",
      email,
      password: PROVIDER_PASSWORD,
      ownerName,
      businessName,
      slug: `studio-${id}`,
      timezone,
      service: { name: service.name, durationMinutes: service.durationMinutes, priceCents: Math.round(Number(service.price) * 100) },
      hours: opts.hours,
      profile: opts.profile,
      plan: opts.plan,
    });
    await signInWithRequest(context.request, email, PROVIDER_PASSWORD);
    const page = await context.newPage();
    return { context, page, email, ownerName, businessName, slug: made.provider.slug, timezone, service: { ...service, id: made.service.id } };
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
