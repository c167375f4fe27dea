import { expect, type Page } from "@playwright/test";
import { daysFromToday } from "./dates";
import { test, uniqueEmail } from "./fixtures";
import { apiSlots } from "./providers";

/*
 * Busy times from Google (issue 21) against the fake Google the web server starts: a PRO
 * provider without staff connects through the consent page; an event added "in Google" refuses
 * a booking at that time at once (409, the live check) and leaves the slot list within 2 minutes
 * (the mirror's sweep); a transparent event blocks nothing; deleting the busy event frees the time.
 */

const fakeUrl = () => {
  const url = process.env.E2E_GOOGLE_FAKE_URL;
  if (!url) throw new Error("E2E_GOOGLE_FAKE_URL is not set (playwright.config.ts sets it)");
  return url;
};

async function googleEvent(page: Page, email: string, event: object): Promise<string> {
  const res = await page.request.post(`${fakeUrl()}/_control/events`, { data: { email, event } });
  expect(res.ok(), await res.text()).toBe(true);
  return ((await res.json()) as { event: { id: string } }).event.id;
}

test("a busy event in Google refuses a booking at once and leaves the slot list; a free one blocks nothing", async ({ newProvider, request }) => {
  // The mirror's sweep runs every minute: up to two polls of 150 s.
  test.setTimeout(6 * 60_000);
  const provider = await newProvider({ plan: "pro" });
  const page = provider.page;
  const googleEmail = uniqueEmail("busy");

  await page.goto("/dashboard/calendar");
  await page.getByRole("link", { name: "Connect Google Calendar" }).click();
  await page.getByLabel("Google account").fill(googleEmail);
  await page.getByRole("button", { name: "Allow" }).click();
  await expect(page).toHaveURL(/\/dashboard\/calendar\?connected=1$/);
  await expect(page.getByText(/Checked for conflicts/)).toBeVisible();

  const date = daysFromToday(3, provider.timezone);
  const slots = await apiSlots(request, provider, date);
  const [busy, free] = [slots[2]!, slots[4]!];
  const busyId = await googleEvent(page, googleEmail, { summary: "Dentist", start: { dateTime: busy.start }, end: { dateTime: busy.end } });
  await googleEvent(page, googleEmail, { summary: "Focus time", transparency: "transparent", start: { dateTime: free.start }, end: { dateTime: free.end } });

  const guest = (n: string) => ({ name: `Guest ${n}`, email: uniqueEmail(n), phone: "+49 30 1234567" });
  // At once: Google is asked at booking time.
  const refused = await request.post(`/api/providers/${provider.slug}/bookings`, { data: { serviceId: provider.service.id, start: busy.start, ...guest("a") } });
  expect(refused.status()).toBe(409);
  // Within 2 minutes the mirror has it: the slot leaves the list (the free event's slot stays).
  await expect.poll(async () => (await apiSlots(request, provider, date)).map((s) => s.start), { timeout: 150_000, intervals: [2_000] }).not.toContain(busy.start);
  expect((await apiSlots(request, provider, date)).map((s) => s.start)).toContain(free.start);
  const booked = await request.post(`/api/providers/${provider.slug}/bookings`, { data: { serviceId: provider.service.id, start: free.start, ...guest("b") } });
  expect(booked.status(), await booked.text()).toBe(201);

  // Deleting the busy event frees the time again.
  const del = await page.request.post(`${fakeUrl()}/_control/events/delete`, { data: { email: googleEmail, eventId: busyId } });
  expect(del.ok()).toBe(true);
  await expect.poll(async () => (await apiSlots(request, provider, date)).map((s) => s.start), { timeout: 150_000, intervals: [2_000] }).toContain(busy.start);
  const rebooked = await request.post(`/api/providers/${provider.slug}/bookings`, { data: { serviceId: provider.service.id, start: busy.start, ...guest("c") } });
  expect(rebooked.status(), await rebooked.text()).toBe(201);
});
