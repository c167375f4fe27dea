import { readFile } from "node:fs/promises";
import { daysFromToday, instantOf, longDate } from "./dates";
import { expect, test, uniqueEmail } from "./fixtures";
import { AppointmentsPage } from "./pages/appointments-page";
import { BookingFlow } from "./pages/booking-flow";
import { clickWhenHydrated } from "./pages/hydration";

// The guest's browser runs on a clock far from the business (Asia/Kolkata): every time shown
// must be the business's.
test.use({ timezoneId: "America/Los_Angeles" });
test.describe.configure({ timeout: 60_000 });

const guestDetails = () => ({ name: "Gina Guest", email: uniqueEmail("guest"), phone: "+44 7700 900123", notes: "First visit, long hair." });

test("a guest books through every step, gets a confirmation, a calendar file and a mail, and the provider sees it", async ({
  page,
  newProvider,
  bookingFlow,
  managePage,
  mailbox,
}) => {
  const provider = await newProvider();
  const date = daysFromToday(2, provider.timezone);
  const guest = guestDetails();

  await bookingFlow.openProviderPage(provider.slug, provider.businessName);
  await clickWhenHydrated(page.getByRole("link", { name: "Book an appointment" }));
  await expect(page.getByRole("heading", { name: "Choose a service" })).toBeVisible();
  await clickWhenHydrated(page.getByRole("link", { name: `Choose ${provider.service.name}`, exact: true }));
  await expect(page.getByRole("heading", { name: "Choose a day" })).toBeVisible();
  await bookingFlow.chooseDay(date);
  await expect(page.getByText(`Times are in ${provider.timezone}`)).toBeVisible();
  await bookingFlow.chooseTime("10:30");
  await expect(page.getByRole("main")).toContainText(`${longDate(date)}, 10:30–11:00 (${provider.timezone})`);
  await bookingFlow.fillDetails(guest);
  await expect(bookingFlow.confirmButton).toHaveText("Confirm booking");
  await bookingFlow.confirm();

  await bookingFlow.expectBooked();
  await expect(page.getByRole("status").filter({ hasText: "You're booked!" })).toContainText(
    `A confirmation is on its way to ${guest.email}`,
  );
  const main = page.getByRole("main");
  await expect(main).toContainText(`${longDate(date)}, 10:30–11:00`);
  await expect(main).toContainText(`Times are in ${provider.timezone}`);
  await expect(main).toContainText(provider.service.name);
  await expect(main).toContainText(guest.notes);

  // "Add to calendar" downloads the appointment as an iCalendar file, at the right instant.
  const downloading = page.waitForEvent("download");
  await managePage.addToCalendar.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("appointment.ics");
  const ics = await readFile(await download.path(), "utf8");
  const start = instantOf(date, "10:30", provider.timezone);
  expect(ics).toContain("BEGIN:VCALENDAR");
  expect(ics).toContain(`DTSTART:${start.toISOString().replace(/\.\d{3}Z$/, "Z").replace(/[-:]/g, "")}`);
  const icsResponse = await page.request.get((await managePage.addToCalendar.getAttribute("href"))!);
  expect(icsResponse.headers()["content-type"]).toMatch(/^text\/calendar/);

  // The confirmation mail carries the manage link of this very page.
  const mail = await mailbox.latestTo(guest.email, { subject: `Booking confirmed: ${provider.service.name} at ${provider.businessName}` });
  expect(mail.text).toContain(`10:30–11:00 (${provider.timezone})`);
  const manageLink = mail.links.find((l) => /\/bookings\/[^/?#]+$/.test(l));
  expect(manageLink, mail.links.join(", ")).toBeDefined();
  await expect(page.getByLabel("Your manage link")).toHaveValue(manageLink!);
  expect(new URL(page.url()).pathname).toBe(new URL(manageLink!).pathname);

  // The provider's dashboard lists it, on its day, with the guest's details.
  const dashboard = new AppointmentsPage(provider.page);
  await dashboard.goto();
  const card = dashboard.card("10:30", provider.service.name, guest.name);
  await expect(card).toBeVisible();
  await expect(card).toContainText(guest.email);
  await expect(card).toContainText(guest.phone);
  await expect(card).toContainText(guest.notes);
  await expect(card).toContainText("Confirmed");
});

test("two guests pick the same time: the second is told it was just taken, keeps their details and books another", async ({
  page,
  newProvider,
  newGuestPage,
  bookingFlow,
}) => {
  const provider = await newProvider();
  const date = daysFromToday(3, provider.timezone);
  const first = guestDetails();
  const second = { name: "Sam Second", email: uniqueEmail("second"), phone: "020 7946 0999", notes: "Wheelchair access please." };
  const other = new BookingFlow(await newGuestPage());

  // Both reach the details step for 11:00 before either confirms.
  for (const [flow, guest] of [
    [bookingFlow, first],
    [other, second],
  ] as const) {
    await flow.openProviderPage(provider.slug);
    await flow.startBooking(provider.service.name);
    await flow.chooseDay(date);
    await flow.chooseTime("11:00");
    await flow.fillDetails(guest);
  }

  await bookingFlow.confirm();
  await bookingFlow.expectBooked();

  await other.confirm();
  await expect(other.page.getByRole("alert").filter({ hasText: "Sorry, that time was just taken." })).toBeVisible();
  await expect(other.page).toHaveURL(/\/book\?/);
  await expect(other.name).toHaveValue(second.name);
  await expect(other.email).toHaveValue(second.email);
  await expect(other.phone).toHaveValue(second.phone);
  await expect(other.notes).toHaveValue(second.notes);

  // The times still free that day are offered in place; 11:00 is not among them.
  const stillFree = other.page.getByRole("group", { name: /Times still free on/ });
  await expect(stillFree).toBeVisible();
  await expect(stillFree.getByRole("radio", { name: "11:00", exact: true })).toHaveCount(0);
  await stillFree.getByText("11:30", { exact: true }).click();
  await expect(stillFree.getByRole("radio", { name: "11:30", exact: true })).toBeChecked();
  await other.confirm();
  await other.expectBooked();
  await expect(other.page.getByRole("main")).toContainText(`${longDate(date)}, 11:30–12:00`);
  await expect(other.page.getByRole("main")).toContainText(second.name);

  // Each holds their own time.
  await expect(page.getByRole("main")).toContainText(`${longDate(date)}, 11:00–11:30`);
});

test("a bad email is shown beside the field and nothing else typed is lost", async ({ page, newProvider, bookingFlow }) => {
  const provider = await newProvider();
  const date = daysFromToday(2, provider.timezone);
  const guest = guestDetails();

  await bookingFlow.openProviderPage(provider.slug);
  await bookingFlow.startBooking(provider.service.name);
  await bookingFlow.chooseDay(date);
  await bookingFlow.chooseTime("09:00");
  await bookingFlow.fillDetails({ ...guest, email: "gina.example.com" });
  await bookingFlow.confirm();

  await expect(bookingFlow.email).toHaveAccessibleDescription("Enter a valid email address");
  await expect(bookingFlow.email).toHaveAttribute("aria-invalid", "true");
  await expect(bookingFlow.email).toHaveValue("gina.example.com");
  await expect(bookingFlow.name).toHaveValue(guest.name);
  await expect(bookingFlow.phone).toHaveValue(guest.phone);
  await expect(bookingFlow.notes).toHaveValue(guest.notes);
  await expect(bookingFlow.name).not.toHaveAttribute("aria-invalid", "true");
  await expect(page).toHaveURL(/\/book\?/);

  // Corrected, the same time books.
  await bookingFlow.email.fill(guest.email);
  await bookingFlow.confirm();
  await bookingFlow.expectBooked();
  await expect(page.getByRole("main")).toContainText(`${longDate(date)}, 09:00–09:30`);
});
