import { addDays, longDate } from "./dates";
import { expect, newGuest, test } from "./fixtures";
import { AppointmentsPage } from "./pages/appointments-page";

test.describe.configure({ timeout: 60_000 });

test("from the mailed link a guest reschedules, then cancels with a reason; the provider sees each change and both get mail", async ({
  page,
  bookedProvider,
  managePage,
  mailbox,
}) => {
  const guest = newGuest("Mia Mover", "+1 415 555 0142");
  const { provider, service, date } = await bookedProvider({ daysOut: 3, time: "10:00", guest });

  const link = await mailbox.manageLink(guest.email);
  await managePage.goto(link);
  await expect(page.getByRole("main")).toContainText(`${longDate(date)}, 10:00–10:30`);

  // Reschedule to the next day, 14:30.
  const newDate = addDays(date, 1);
  await managePage.reschedule(newDate, "14:30");
  await expect(managePage.flash(`Your appointment has been moved to ${longDate(newDate)}, 14:30–15:00.`)).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText(`${longDate(date)}, 10:00–10:30`);

  const clientMoved = await mailbox.latestTo(guest.email, { subject: `Rescheduled: ${service} at ${provider.businessName}` });
  expect(clientMoved.text).toMatch(/Was: .*10:00–10:30/);
  expect(clientMoved.text).toMatch(/Now: .*14:30–15:00/);
  expect(clientMoved.links).toContain(link);
  const providerMoved = await mailbox.latestTo(provider.email, { subject: new RegExp(`^Rescheduled: ${service}, now`) });
  expect(providerMoved.text).toContain(`${guest.name} moved an appointment.`);

  const dashboard = new AppointmentsPage(provider.page);
  await dashboard.goto();
  await expect(dashboard.day(newDate).getByRole("listitem", { name: `14:30 ${service}, ${guest.name}` })).toBeVisible();
  await expect(dashboard.card("10:00", service, guest.name)).toHaveCount(0);
  await expect(dashboard.day(date)).toHaveCount(0);

  // Cancel, with a reason, after confirming the browser's question.
  await managePage.reason.fill("Feeling unwell");
  const asked = await managePage.cancel();
  expect(asked).toContain("Cancel this appointment?");
  await expect(managePage.flash("Your appointment has been cancelled.")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Cancelled");
  await expect(managePage.cancelButton).toHaveCount(0);
  await expect(managePage.rescheduleButton).toHaveCount(0);
  await expect(page.getByRole("link", { name: `Book again with ${provider.businessName}` })).toBeVisible();

  await mailbox.latestTo(guest.email, { subject: `Cancelled: ${service} at ${provider.businessName}` });
  const providerCancelled = await mailbox.latestTo(provider.email, { subject: new RegExp(`^Cancelled: ${service},`) });
  expect(providerCancelled.text).toContain(`${guest.name} cancelled an appointment.`);
  expect(providerCancelled.text).toContain("Reason: Feeling unwell");

  await dashboard.goto();
  await dashboard.showStatus("Confirmed");
  await expect(dashboard.card("14:30", service, guest.name)).toHaveCount(0);
  await dashboard.showStatus("Cancelled");
  const cancelled = dashboard.card("14:30", service, guest.name);
  await expect(cancelled).toBeVisible();
  await expect(cancelled).toContainText("Feeling unwell");
  await expect(cancelled.getByRole("button", { name: "Cancel appointment" })).toHaveCount(0);
});

test("inside the cancellation window the manage page explains why it can't be changed online", async ({
  page,
  bookedProvider,
  managePage,
  mailbox,
}) => {
  const guest = newGuest("Wes Window", "+44 7700 900456");
  // 720 hours = 30 days: an appointment two days out is well inside it.
  const profile = { cancellationWindowHours: 720, phone: "+91 22 5555 0100" };
  const { provider, date } = await bookedProvider({ daysOut: 2, time: "15:00", guest, provider: { profile } });

  await managePage.goto(await mailbox.manageLink(guest.email));
  await expect(page.getByRole("main")).toContainText(`${longDate(date)}, 15:00–15:30`);
  await expect(page.getByRole("heading", { name: "Need to change this appointment?" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(
    `Appointments can't be changed online less than 720 hours before they start. Please call ${provider.businessName} on +91 22 5555 0100.`,
  );
  await expect(page.getByRole("link", { name: "Call +91 22 5555 0100" })).toHaveAttribute("href", "tel:+912255550100");
  await expect(managePage.cancelButton).toHaveCount(0);
  await expect(managePage.rescheduleButton).toHaveCount(0);
  await expect(managePage.reason).toHaveCount(0);
  // Still theirs to keep in a calendar.
  await expect(managePage.addToCalendar).toBeVisible();
});
