import type { Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { expectAccessible } from "./a11y";
import { daysFromToday } from "./dates";
import { expect, test, uniqueEmail } from "./fixtures";
import { apiSlots } from "./providers";
import { createFixture, signInWithRequest } from "./test-api";

/*
 * Staff members' own Google calendars (issue 21, item 2) against the fake Google the web server
 * starts: a member of a PRO business connects their own calendar from /staff/calendar (a second
 * Google account, back through the one callback /dashboard/calendar/callback); a busy event
 * there refuses that member at once (409 from the JSON API), takes them out of that time's
 * staffIds once mirrored, and "any available" books a colleague. The provider sees the member's
 * connection on /dashboard/calendar and can disconnect it after confirming.
 */

const ZONE = "Europe/Berlin";
const PASSWORD = "staff-calendar-pw-1";
const EVERY_DAY = Object.fromEntries(
  ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"].map((d) => [d, [{ from: "09:00", to: "17:00" }]]),
);

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

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name === "phone", "one journey (the mirror's minute); /staff/calendar at 375 px is checked inside it");
});

test("a staff member connects their own calendar; a busy event there refuses that member (409), leaves that time's staffIds, and “any available” books a colleague", async ({
  page,
  request,
  newGuestPage,
}) => {
  // The mirror's sweep runs every minute: up to two polls of 150 s.
  test.setTimeout(6 * 60_000);
  const id = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
  const ownerEmail = uniqueEmail("team-owner");
  const p = await createFixture<{ provider: { id: string; slug: string }; service: { id: string } }>(page.request, {
    kind: "provider",
    email: ownerEmail,
    password: PASSWORD,
    ownerName: "Olga Owner",
    businessName: `Team ${id}`,
    slug: `team-${id}`,
    timezone: ZONE,
    plan: "pro",
    service: { name: "Massage", durationMinutes: 30, priceCents: 5000 },
  });
  const anaLogin = { email: uniqueEmail("ana"), password: PASSWORD };
  const member = (name: string, login?: { email: string; password: string }) =>
    createFixture<{ id: string }>(page.request, { kind: "staff", providerId: p.provider.id, name, login, serviceIds: [p.service.id], hours: EVERY_DAY });
  const ana = await member("Ana", anaLogin);
  const ben = await member("Ben");
  const business = { slug: p.provider.slug, service: { id: p.service.id, name: "Massage", durationMinutes: 30, price: "50" } };

  // Ana connects her own Google Calendar from her staff area.
  const staff = await newGuestPage();
  await signInWithRequest(staff.request, anaLogin.email, anaLogin.password);
  await staff.goto("/staff");
  await staff.getByRole("link", { name: "My Google Calendar" }).click();
  await expect(staff).toHaveURL(/\/staff\/calendar$/);
  await expectAccessible(staff, "/staff/calendar, not connected");
  const anaGoogle = uniqueEmail("ana-google");
  await staff.getByRole("link", { name: "Connect my Google Calendar" }).click();
  await staff.getByLabel("Google account").fill(anaGoogle);
  await staff.getByRole("button", { name: "Allow" }).click();
  await expect(staff).toHaveURL(/\/staff\/calendar\?connected=1$/);
  await expect(staff.getByText("Google Calendar connected.")).toBeVisible();
  await expect(staff.getByText(anaGoogle)).toBeVisible();
  await expect(staff.getByText(/Checked for conflicts/)).toBeVisible();
  await expectAccessible(staff, "/staff/calendar, connected");
  // A forged return to the one callback (a state nobody started for Ana) changes nothing.
  await staff.goto("/dashboard/calendar/callback?code=forged-code&state=forged-state");
  await expect(staff).toHaveURL(/\/staff\/calendar\?error=state$/);
  await expect(staff.getByRole("alert").filter({ hasText: "That connection attempt expired or was already used." })).toBeVisible();
  await expect(staff.getByText(anaGoogle)).toBeVisible();
  // At 375 px: no sideways scroll.
  await staff.setViewportSize({ width: 375, height: 800 });
  expect(await staff.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // A busy hour in Ana's Google, over two slots where both members are free.
  const date = daysFromToday(3, ZONE);
  const slots = await apiSlots(request, business, date);
  const first = slots.findIndex((s, i) => i >= 2 && s.staffIds.length === 2 && slots[i + 1]?.staffIds.length === 2);
  const [s1, s2] = [slots[first]!, slots[first + 1]!];
  expect(new Date(s2.start).getTime() - new Date(s1.start).getTime()).toBe(30 * 60_000);
  await googleEvent(staff, anaGoogle, { summary: "Ana's dentist", start: { dateTime: s1.start }, end: { dateTime: s2.end } });

  const guest = (n: string) => ({ name: `Guest ${n}`, email: uniqueEmail(n), phone: "+49 30 1234567" });
  const book = (start: string, staffId?: string) =>
    request.post(`/api/providers/${business.slug}/bookings`, { data: { serviceId: business.service.id, start, ...(staffId ? { staffId } : {}), ...guest("g") } });
  // At once (Google is asked at booking time): Ana is refused, with a 409.
  const refused = await book(s1.start, ana.id);
  expect(refused.status(), await refused.text()).toBe(409);
  // …with that day's other free times for Ana, so a widget can offer one.
  const offered = ((await refused.json()) as { alternatives: { start: string; staffIds: string[] }[] }).alternatives;
  expect(offered.length).toBeGreaterThan(0);
  expect(offered.map((a) => a.start)).not.toContain(s1.start);
  for (const a of offered) expect(a.staffIds).toEqual([ana.id]);
  // Once mirrored, Ana leaves that time's staffIds; Ben stays.
  await expect
    .poll(async () => (await apiSlots(request, business, date)).find((s) => s.start === s2.start)?.staffIds, { timeout: 150_000, intervals: [2_000] })
    .toEqual([ben.id]);
  // "Any available" books Ben.
  const booked = await book(s2.start);
  expect(booked.status(), await booked.text()).toBe(201);
  expect(((await booked.json()) as { staffId: string }).staffId).toBe(ben.id);

  // The provider sees Ana's calendar connected and healthy, and can disconnect it.
  await signInWithRequest(page.request, ownerEmail, PASSWORD);
  await page.goto("/dashboard/calendar");
  const list = page.getByRole("list", { name: "Staff calendars" });
  await expect(list.getByRole("listitem").filter({ hasText: "Ana" })).toContainText("Connected and healthy");
  await expect(list.getByRole("listitem").filter({ hasText: "Ben" })).toContainText("Not connected");
  await expectAccessible(page, "/dashboard/calendar with staff calendars");
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Disconnect Ana's Google Calendar" }).click();
  await expect(page.getByText("That staff member's Google Calendar was disconnected.")).toBeVisible();
  await expect(list.getByRole("listitem").filter({ hasText: "Ana" })).toContainText("Not connected");
  await staff.goto("/staff/calendar");
  await expect(staff.getByRole("link", { name: "Connect my Google Calendar" })).toBeVisible();
});
