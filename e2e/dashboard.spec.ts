import { daysFromToday, instantOf } from "./dates";
import { expect, newGuest, test, uniqueEmail } from "./fixtures";
import { AppointmentsPage } from "./pages/appointments-page";
import { NewAppointmentPage } from "./pages/new-appointment-page";
import { ServicesPage } from "./pages/services-page";
import { apiSlots } from "./providers";

test.describe.configure({ timeout: 60_000 });

test("the provider cancels an appointment with a reason, and the guest's manage page shows it", async ({
  page,
  bookedProvider,
  managePage,
  mailbox,
}) => {
  const guest = newGuest("Cora Client", "+44 7700 900789");
  const { provider, service } = await bookedProvider({ daysOut: 2, time: "10:00", guest });

  const dashboard = new AppointmentsPage(provider.page);
  await dashboard.goto();
  const card = dashboard.card("10:00", service, guest.name);
  // Online bookings are confirmed at once: nothing to confirm by hand.
  await expect(card).toContainText("Confirmed");
  await expect(card.getByRole("button", { name: "Confirm", exact: true })).toHaveCount(0);

  const asked = await dashboard.cancel(card, "The stylist is ill, sorry!");
  expect(asked).toContain(`Cancel ${guest.name}'s appointment?`);
  await expect(card).toContainText("Cancelled");
  await expect(card).toContainText("The stylist is ill, sorry!");
  await expect(card.getByRole("button", { name: "Cancel appointment" })).toHaveCount(0);

  const mail = await mailbox.latestTo(guest.email, { subject: `Cancelled: ${service} at ${provider.businessName}` });
  expect(mail.text).toContain(`${provider.businessName} has cancelled your appointment.`);
  expect(mail.text).toContain("Reason: The stylist is ill, sorry!");

  await managePage.goto(await mailbox.manageLink(guest.email));
  const main = page.getByRole("main");
  await expect(main).toContainText("Cancelled");
  await expect(main).toContainText(`By ${provider.businessName}`);
  await expect(main).toContainText("Reason: The stylist is ill, sorry!");
  await expect(managePage.cancelButton).toHaveCount(0);
  await expect(managePage.rescheduleButton).toHaveCount(0);
});

test("a walk-in booked from “New appointment” appears in the list and takes the slot", async ({ request, newProvider }) => {
  const provider = await newProvider();
  const service = provider.service.name;
  const date = daysFromToday(2, provider.timezone);
  const dashboard = new AppointmentsPage(provider.page);
  await dashboard.goto();
  await expect(provider.page.getByText("Nothing booked yet")).toBeVisible();

  await provider.page.getByRole("link", { name: "New appointment" }).click();
  const form = new NewAppointmentPage(provider.page);
  await expect(form.heading).toBeVisible();
  await form.book({ date, time: "11:00", name: "Walter Walkin", email: uniqueEmail("walkin"), phone: "07700 900111", notes: "Paid cash" });

  await expect(provider.page).toHaveURL(/\/dashboard\?done=created$/);
  await expect(dashboard.flash("Appointment booked.")).toBeVisible();
  const card = dashboard.card("11:00", service, "Walter Walkin");
  await expect(card).toBeVisible();
  await expect(card).toContainText("Walk-in");
  await expect(card).toContainText("Paid cash");
  await expect(dashboard.day(date)).toContainText("Walter Walkin");

  // Guests can no longer book that time.
  const taken = instantOf(date, "11:00", provider.timezone).toISOString();
  const starts = (await apiSlots(request, provider, date)).map((s) => new Date(s.start).toISOString());
  expect(starts).not.toContain(taken);
  expect(starts).toContain(instantOf(date, "11:30", provider.timezone).toISOString());
});

test("deleting a service with an upcoming appointment is refused with the reason, and deactivating is offered", async ({
  page,
  bookedProvider,
}) => {
  const { provider, service } = await bookedProvider({ daysOut: 4, time: "16:00", guest: newGuest("Uma Upcoming", "+1 212 555 0199") });

  const services = new ServicesPage(provider.page);
  await services.goto();
  const asked = await services.delete(service);
  expect(asked).toBe(`Delete “${service}”? This can't be undone.`);
  const refusal = provider.page.getByRole("alert").filter({ hasText: "can't be deleted" });
  await expect(refusal).toContainText(`“${service}” can't be deleted.`);
  await expect(refusal).toContainText("This service has 1 upcoming appointment. Deactivate it instead so no new bookings can be made.");
  await expect(provider.page.getByRole("link", { name: `Edit ${service}` })).toBeVisible();

  await refusal.getByRole("button", { name: `Deactivate “${service}”` }).click();
  await expect(services.flash("Service deactivated: it no longer appears on your booking page.")).toBeVisible();
  await expect(provider.page.getByRole("button", { name: `Activate ${service}` })).toBeVisible();

  await page.goto(`/p/${provider.slug}`);
  await expect(page.getByText("No services to book yet")).toBeVisible();
});
