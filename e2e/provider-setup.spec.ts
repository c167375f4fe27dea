import { addDays, daysFromToday, longDate, nextWeekday } from "./dates";
import { expect, test, uniqueEmail } from "./fixtures";
import { BookingFlow } from "./pages/booking-flow";
import { dashboardNav, openDashboardTab } from "./pages/dashboard-nav";
import { HoursPage } from "./pages/hours-page";
import { ProfilePage } from "./pages/profile-page";
import { ServicesPage } from "./pages/services-page";

const ZONE = "Asia/Kolkata";

test.describe.configure({ timeout: 60_000 });

test("a new provider sets up profile, a service, weekly hours and a closed date, and the public page shows them", async ({
  page,
  registerPage,
  header,
}) => {
  const email = uniqueEmail("setup");
  const businessName = `Lotus Spa ${email.split("@")[0]!.slice(-6)}`;
  await registerPage.goto();
  await registerPage.register({ name: "Lee Lotus", email, password: "a-long-password-1", role: "provider", businessName, timezone: "Europe/London" });
  await expect(page).toHaveURL(/\/dashboard\?welcome=1$/);
  await expect(page.getByText("Nothing booked yet")).toBeVisible();
  const slug = (await page.getByRole("link", { name: "View your booking page" }).getAttribute("href"))!.replace("/p/", "");

  // Profile: move the business to another zone, show prices in rupees, allow bookings at any notice.
  await openDashboardTab(page, "Profile");
  const profile = new ProfilePage(page);
  await expect(profile.heading).toBeVisible();
  await expect(profile.timezone).toHaveValue("Europe/London");
  await expect(profile.currency).toHaveValue("");
  await profile.save({ timezone: ZONE, currency: "INR", minNoticeMinutes: 0 });
  await page.reload();
  await expect(profile.timezone).toHaveValue(ZONE);
  await expect(profile.currency).toHaveValue("INR");
  await expect(profile.minNotice).toHaveValue("0");

  // Services: the empty state first, then one service.
  await openDashboardTab(page, "Services");
  const services = new ServicesPage(page);
  await expect(services.heading).toBeVisible();
  await expect(page.getByRole("link", { name: "Add your first service" })).toBeVisible();
  await expect(page.getByText("For example 25 or 25.50, in INR. Use 0 for free.")).toBeVisible();
  await services.add({ name: "Deep tissue massage", durationMinutes: 45, price: "40", description: "Firm pressure, full body." });
  await expect(page.getByRole("list", { name: "Your services" }).getByRole("listitem")).toHaveCount(1);
  await expect(dashboardNav(page).getByRole("link", { name: "Services" })).toHaveAttribute("aria-current", "page");

  // Hours: a lunch break on Mondays, a shorter Tuesday, every other day closed; in the new zone.
  await openDashboardTab(page, "Hours");
  const hours = new HoursPage(page);
  await expect(hours.heading).toBeVisible();
  await expect(page.getByText(new RegExp(`All times are in ${ZONE}`))).toBeVisible();
  await hours.setDay("Monday", [
    { from: "09:00", to: "12:00" },
    { from: "13:00", to: "17:00" },
  ]);
  await hours.setDay("Tuesday", [{ from: "10:00", to: "16:00" }]);
  await hours.save();
  // What was stored comes back in the form.
  await expect(hours.day("Monday").getByLabel("Monday from 2", { exact: true })).toHaveValue("13:00");
  await expect(hours.day("Monday").getByLabel("Monday to 2", { exact: true })).toHaveValue("17:00");
  await expect(hours.day("Wednesday").getByText("Closed")).toBeVisible();

  // The next Monday is a holiday.
  const closedMonday = nextWeekday(daysFromToday(0, ZONE), 1);
  await hours.addClosedDate(closedMonday, "Bank holiday");
  const closedList = page.getByRole("list", { name: "Upcoming closed dates" });
  await expect(closedList.getByRole("listitem")).toHaveCount(1);
  await expect(closedList).toContainText("Bank holiday");

  // What a guest sees.
  await header.signOut();
  await page.goto(`/p/${slug}`);
  await expect(page.getByRole("heading", { level: 1, name: businessName })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Deep tissue massage" })).toBeVisible();
  await expect(page.getByText("45 min · ₹40.00")).toBeVisible();
  await expect(page.getByText("Firm pressure, full body.")).toBeVisible();
  await expect(page.getByRole("row", { name: /^Monday/ })).toContainText("09:00–12:00, 13:00–17:00");
  await expect(page.getByRole("row", { name: /^Tuesday/ })).toContainText("10:00–16:00");
  await expect(page.getByRole("row", { name: /^Wednesday/ })).toContainText("Closed");
  await expect(page.getByText(`Times are in ${ZONE}`)).toBeVisible();

  // Booking: the closed Monday has no times, the Tuesday after it has; the Monday after that
  // offers both intervals on the 45-minute grid and nothing over lunch.
  const flow = new BookingFlow(page);
  await flow.startBooking("Deep tissue massage");
  await expect(flow.dayButton(closedMonday)).toBeDisabled();
  await expect(flow.dayButton(addDays(closedMonday, 1))).toBeEnabled();
  await expect(flow.dayButton(addDays(closedMonday, 2))).toBeDisabled();
  await flow.showLaterDays();
  const openMonday = addDays(closedMonday, 7);
  await flow.chooseDay(openMonday);
  await expect(page.getByText(`Times are in ${ZONE}`)).toBeVisible();
  for (const time of ["09:00", "11:15", "13:00", "16:00"]) await expect(flow.timeButton(time)).toBeVisible();
  for (const time of ["12:00", "12:15", "16:45"]) await expect(flow.timeButton(time)).toHaveCount(0);
  await expect(page.getByText(longDate(openMonday))).toBeVisible();
});
