import { expect, type Page } from "@playwright/test";
import { daysFromToday } from "./dates";
import { test, uniqueEmail } from "./fixtures";
import { AppointmentsPage } from "./pages/appointments-page";
import { ManagePage } from "./pages/manage-page";
import { bookViaApi } from "./providers";

/*
 * Google Calendar sync against the fake Google the web server starts (playwright.config.ts):
 * a PRO provider connects through the consent page, and bookings, moves and cancellations
 * show up at the fake.
 */

const fakeUrl = () => {
  const url = process.env.E2E_GOOGLE_FAKE_URL;
  if (!url) throw new Error("E2E_GOOGLE_FAKE_URL is not set (playwright.config.ts sets it)");
  return url;
};

type FakeSnapshot = {
  events: { id: string; status: string; summary?: string; start?: { dateTime: string } }[];
  grants: { email: string; revoked: boolean }[];
};

async function fakeState(page: Page, email: string): Promise<FakeSnapshot> {
  const res = await page.request.get(`${fakeUrl()}/_control/state`, { params: { email } });
  return (await res.json()) as FakeSnapshot;
}
const liveEvents = async (page: Page, email: string) => (await fakeState(page, email)).events.filter((e) => e.status !== "cancelled");

async function consent(page: Page, googleEmail: string, decision: "Allow" | "Deny") {
  await page.goto("/dashboard/calendar");
  await page.getByRole("link", { name: "Connect Google Calendar" }).click();
  await expect(page.getByRole("heading", { name: "Slotbook wants access to your Google Account" })).toBeVisible();
  await page.getByLabel("Google account").fill(googleEmail);
  await page.getByRole("button", { name: decision }).click();
}

test("a PRO provider connects Google Calendar; bookings, moves and cancellations follow; disconnect revokes", async ({
  newProvider,
  newGuestPage,
  request,
}) => {
  test.slow();
  const provider = await newProvider({ plan: "pro" });
  const page = provider.page;
  const googleEmail = uniqueEmail("gcal");

  let callbackUrl = "";
  page.on("request", (r) => {
    if (r.url().includes("/dashboard/calendar/callback")) callbackUrl = r.url();
  });
  await consent(page, googleEmail, "Allow");
  await expect(page).toHaveURL(/\/dashboard\/calendar\?connected=1$/);
  await expect(page.getByRole("status").filter({ hasText: "Google Calendar connected" })).toBeVisible();
  await expect(page.getByText(googleEmail)).toBeVisible();

  // The same callback again (a replayed state) changes nothing and says why.
  await page.goto(callbackUrl);
  await expect(page.getByRole("alert").filter({ hasText: "expired or was already used" })).toBeVisible();
  await expect(page.getByText(googleEmail)).toBeVisible();

  const date = daysFromToday(3, provider.timezone);
  const booking = await bookViaApi(request, provider, { date, time: "10:00" }, { name: "Gail Guest", email: uniqueEmail("guest"), phone: "+91 98765 43210" });
  await expect.poll(async () => (await liveEvents(page, googleEmail)).map((e) => e.summary), { timeout: 30_000 }).toEqual(["Haircut – Gail Guest"]);

  // The guest moves the booking from their manage link: the event moves.
  const guest = await newGuestPage();
  const manage = new ManagePage(guest);
  await manage.goto(booking.manageUrl);
  await manage.reschedule(date, "11:00");
  await expect(manage.flash(/moved|rescheduled/i)).toBeVisible();
  await expect
    .poll(async () => (await liveEvents(page, googleEmail))[0]?.start?.dateTime, { timeout: 30_000 })
    .not.toBe(booking.start);
  const moved = (await liveEvents(page, googleEmail))[0]!;
  expect(new Date(moved.start!.dateTime).getTime()).toBe(new Date(booking.start).getTime() + 3600_000);

  // The dashboard shows the sync state; the provider cancels: the event is deleted.
  const appointments = new AppointmentsPage(page);
  await appointments.goto();
  const card = appointments.card("11:00", "Haircut", "Gail Guest");
  await expect(card.getByText("In Google Calendar")).toBeVisible({ timeout: 15_000 });
  await appointments.cancel(card, "Closed for a training day");
  await expect.poll(async () => (await liveEvents(page, googleEmail)).length, { timeout: 30_000 }).toBe(0);

  // Disconnect asks first, then revokes the grant at Google.
  await page.goto("/dashboard/calendar");
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Disconnect Google Calendar" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Google Calendar disconnected" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Connect Google Calendar" })).toBeVisible();
  const grants = (await fakeState(page, googleEmail)).grants;
  expect(grants.length).toBeGreaterThan(0);
  expect(grants.every((g) => g.revoked)).toBe(true);
});

test("denying consent ends on the calendar page with a message and nothing connected", async ({ newProvider }) => {
  const provider = await newProvider({ plan: "pro" });
  await consent(provider.page, uniqueEmail("deny"), "Deny");
  await expect(provider.page).toHaveURL(/\/dashboard\/calendar\?error=denied$/);
  await expect(provider.page.getByRole("alert").filter({ hasText: "chose not to give Slotbook access" })).toBeVisible();
  await expect(provider.page.getByRole("link", { name: "Connect Google Calendar" })).toBeVisible();
});

test("a FREE provider sees what sync does and the upgrade link", async ({ newProvider }) => {
  const provider = await newProvider();
  await provider.page.goto("/dashboard/calendar");
  await expect(provider.page.getByText("New bookings appear in your Google Calendar")).toBeVisible();
  await expect(provider.page.getByRole("link", { name: "Upgrade to PRO" })).toBeVisible();
  await expect(provider.page.getByRole("link", { name: "Connect Google Calendar" })).toHaveCount(0);
});
