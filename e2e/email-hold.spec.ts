import { expectAccessible } from "./a11y";
import { daysFromToday } from "./dates";
import { expect, test, uniqueEmail } from "./fixtures";
import { AppointmentsPage } from "./pages/appointments-page";
import { ProfilePage } from "./pages/profile-page";

test.describe.configure({ timeout: 90_000 });

test("with 'Ask new guests to confirm their email' on, a guest's booking is held until they follow the mailed link, then confirmed and told", async ({
  page,
  newProvider,
  newGuestPage,
  bookingFlow,
  mailbox,
}) => {
  const provider = await newProvider();
  const service = provider.service.name;
  const date = daysFromToday(2, provider.timezone);
  const guest = { name: "Hana Hold", email: uniqueEmail("hana"), phone: "+44 7700 900789" };

  // The provider turns the setting on (off by default); the profile reads it back.
  const profile = new ProfilePage(provider.page);
  await profile.goto();
  await expect(profile.confirmGuestEmail).not.toBeChecked();
  await profile.save({ confirmGuestEmail: true });
  await provider.page.reload();
  await expect(profile.confirmGuestEmail).toBeChecked();

  // The guest books and is told honestly that the time is only held.
  await bookingFlow.openProviderPage(provider.slug, provider.businessName);
  await bookingFlow.startBooking(service);
  await bookingFlow.chooseDay(date);
  await bookingFlow.chooseTime("10:00");
  await bookingFlow.fillDetails(guest);
  await bookingFlow.confirm();
  await expect(page.getByRole("status").filter({ hasText: "confirm your email" })).toContainText(
    "Almost done: confirm your email. Check your email to confirm within 30 minutes, or the time is released.",
  );
  const header = page.getByRole("main").locator("header");
  await expect(header).toContainText("Awaiting email confirmation");
  await expectAccessible(page, "a held booking's page");
  await expect(page.getByTestId("hold-notice")).toContainText(`We sent a link to ${guest.email}.`);

  // The business sees the hold, which it cannot approve, and has not been told of it.
  const dashboard = new AppointmentsPage(provider.page);
  await dashboard.goto();
  const card = dashboard.card("10:00", service, guest.name);
  await expect(card).toContainText("Awaiting email confirmation");
  await expect(card.getByRole("button", { name: "Confirm", exact: true })).toHaveCount(0);

  // The guest opens the mail in the dev mailbox and follows its link.
  const inbox = await newGuestPage();
  const mail = inbox.getByRole("article").filter({ hasText: "Confirm your email to keep your booking" });
  await expect(async () => {
    await inbox.goto(`/dev/mailbox?to=${encodeURIComponent(guest.email)}`);
    await expect(mail).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  const link = mail.getByRole("link", { name: /\/bookings\/confirm-email\// });
  const confirmUrl = await link.getAttribute("href");
  await link.click();
  await expect(inbox.getByRole("heading", { name: "Confirm your booking" })).toBeVisible();
  await expectAccessible(inbox, "the hold's confirm page");
  // On a phone, nothing scrolls sideways.
  await inbox.setViewportSize({ width: 375, height: 740 });
  expect(await inbox.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await inbox.getByRole("button", { name: "Confirm my booking" }).click();

  // Confirmed: the booking page says so, and only now do the usual mails go out.
  await expect(inbox.getByRole("status").filter({ hasText: "Thanks, your email is confirmed." })).toContainText(
    `You're booked: a confirmation is on its way to ${guest.email}.`,
  );
  await expect(inbox.getByRole("main").locator("header")).toContainText("Confirmed");
  await mailbox.latestTo(guest.email, { subject: `Booking confirmed: ${service} at ${provider.businessName}` });
  await mailbox.latestTo(provider.email, { subject: /^New online booking: / });
  await provider.page.reload();
  await expect(card).toContainText("Confirmed");

  // The link again: already confirmed, nothing more to do.
  await inbox.goto(confirmUrl!);
  await expect(inbox.getByRole("heading", { name: "Your booking is confirmed" })).toBeVisible();
});
