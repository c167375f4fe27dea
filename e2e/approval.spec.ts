import { daysFromToday, longDate } from "./dates";
import { expect, test, uniqueEmail } from "./fixtures";
import { AppointmentsPage } from "./pages/appointments-page";
import { ProfilePage } from "./pages/profile-page";

test.describe.configure({ timeout: 60_000 });

test("a provider who approves bookings by hand gets a request, confirms it, and the guest is told", async ({
  page,
  newProvider,
  bookingFlow,
  managePage,
  mailbox,
}) => {
  const provider = await newProvider();
  const service = provider.service.name;
  const date = daysFromToday(2, provider.timezone);
  const guest = { name: "Rita Request", email: uniqueEmail("rita"), phone: "+44 7700 900456" };

  // The provider turns approval on; the profile reads it back.
  const profile = new ProfilePage(provider.page);
  await profile.goto();
  await expect(profile.requireApproval).not.toBeChecked();
  await expect(profile.requireApproval).toHaveAccessibleDescription(
    "New online bookings wait as pending until you confirm them; the time is held meanwhile.",
  );
  await profile.save({ requireApproval: true });
  await provider.page.reload();
  await expect(profile.requireApproval).toBeChecked();

  // A guest books: a request, not a confirmation.
  await bookingFlow.openProviderPage(provider.slug, provider.businessName);
  await bookingFlow.startBooking(service);
  await bookingFlow.chooseDay(date);
  await bookingFlow.chooseTime("10:00");
  await bookingFlow.fillDetails(guest);
  // The guest is told before submitting that this is a request.
  await expect(bookingFlow.confirmButton).toHaveText("Send booking request");
  await bookingFlow.confirm();
  await bookingFlow.expectRequested(provider.businessName);
  const header = page.getByRole("main").locator("header");
  await expect(header).toContainText("Pending confirmation");
  await expect(page.getByRole("main")).toContainText(`${longDate(date)}, 10:00–10:30`);
  // No calendar entry for a request that may still be turned down; it can be cancelled as usual.
  await expect(managePage.addToCalendar).toHaveCount(0);
  await expect(managePage.cancelButton).toBeVisible();
  const manageUrl = page.url().replace(/\?.*$/, "");

  const receipt = await mailbox.latestTo(guest.email, { subject: `Booking request received: ${service} at ${provider.businessName}` });
  expect(receipt.text).toContain(`${provider.businessName} will confirm your appointment`);
  expect(receipt.links).toContain(manageUrl);

  // The provider is asked to confirm, with a link to the pending requests.
  const pendingLink = await mailbox.linkTo(provider.email, /\/dashboard\?status=pending$/, {
    subject: /^New booking request — please confirm: /,
  });
  await provider.page.goto(pendingLink);
  const dashboard = new AppointmentsPage(provider.page);
  await expect(dashboard.heading).toBeVisible();
  await expect(provider.page.getByRole("navigation", { name: "Status" }).getByRole("link", { name: "Pending", exact: true })).toHaveAttribute(
    "aria-current",
    "true",
  );
  const card = dashboard.card("10:00", service, guest.name);
  await expect(card).toContainText("Pending confirmation");
  await card.getByRole("button", { name: "Confirm", exact: true }).click();
  await expect(dashboard.flash("Appointment confirmed. The client has been emailed.")).toBeVisible();
  await dashboard.showStatus("Confirmed");
  await expect(card).toContainText("Confirmed");
  await expect(card.getByRole("button", { name: "Confirm", exact: true })).toHaveCount(0);

  await mailbox.latestTo(guest.email, { subject: `Confirmed: ${service} at ${provider.businessName}` });

  // The guest's manage link now shows a confirmed appointment, ready for the calendar.
  await managePage.goto(manageUrl);
  await expect(header).toContainText("Confirmed");
  await expect(header).not.toContainText("Pending");
  await expect(managePage.addToCalendar).toBeVisible();
});
