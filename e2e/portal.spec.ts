import { addDays, daysFromToday, longDate } from "./dates";
import { expect, newGuest, test, uniqueEmail, type Mailbox } from "./fixtures";
import { AccountPage } from "./pages/account-page";
import { LoginPage } from "./pages/login-page";
import { RegisterPage } from "./pages/register-page";
import { SiteHeader } from "./pages/site-header";
import { addStudioAppointment, createMassageStudio, signInWithRequest } from "./test-api";
import type { Page } from "@playwright/test";

test.describe.configure({ timeout: 90_000 });

const PASSWORD = "portal-password-1";

/** Registers a client with `email` on `page`, then verifies it through the link mailed to it. */
async function registerAndVerify(page: Page, mailbox: Mailbox, name: string, email: string) {
  const register = new RegisterPage(page);
  await register.goto();
  await register.register({ name, email, password: PASSWORD, role: "client" });
  await expect(page).toHaveURL(/\/account\?welcome=1$/);
  const link = await mailbox.linkTo(email, /\/verify-email\/[^/?#]+$/, { subject: /^Verify your email/ });
  await page.goto(link);
  // Opening the link spends nothing: the token is spent by the button's POST.
  await page.getByRole("button", { name: "Verify my email" }).click();
  await expect(page.getByRole("heading", { name: "Your email is verified" })).toBeVisible();
}

test("a guest books, registers with the same email, verifies, finds the booking in the portal and reschedules it", async ({
  page,
  bookedProvider,
  mailbox,
}) => {
  const guest = newGuest("Jo Joiner", "+44 20 7946 0101");
  const { email } = guest;
  const { provider, service, date, booking } = await bookedProvider({ daysOut: 3, time: "10:00", guest });
  const manageLink = await mailbox.manageLink(email);

  // Before verification the booking is not in the account.
  const register = new RegisterPage(page);
  await register.goto();
  await register.register({ name: "Jo Joiner", email, password: PASSWORD, role: "client" });
  await expect(page).toHaveURL(/\/account\?welcome=1$/);
  await expect(page.getByText("No upcoming appointments")).toBeVisible();

  const verify = await mailbox.linkTo(email, /\/verify-email\/[^/?#]+$/, { subject: /^Verify your email/ });
  await page.goto(verify);
  await page.getByRole("button", { name: "Verify my email" }).click();
  await expect(page.getByRole("heading", { name: "Your email is verified" })).toBeVisible();
  const account = new AccountPage(page);
  await account.goto();
  await expect(account.upcoming()).toContainText(`${longDate(date)}, 10:00–10:30`);
  await expect(account.upcoming()).toContainText(provider.businessName);
  await expect(account.upcoming()).toContainText(`(${provider.timezone})`);
  await account.expectNoSidewaysScroll();

  await account.openAppointment(service, provider.businessName);
  await expect(page).toHaveURL(new RegExp(`/account/appointments/${booking.id}$`));
  await account.expectNoSidewaysScroll();

  const newDate = addDays(date, 1);
  await account.reschedule(newDate, "14:30");
  await expect(account.flash(`Your appointment has been moved to ${longDate(newDate)}, 14:30–15:00.`)).toBeVisible();
  const moved = await mailbox.latestTo(email, { subject: `Rescheduled: ${service} at ${provider.businessName}` });
  expect(moved.text).toMatch(/Was: .*10:00–10:30/);
  expect(moved.text).toMatch(/Now: .*14:30–15:00/);
  const providerMail = await mailbox.latestTo(provider.email, { subject: new RegExp(`^Rescheduled: ${service}, now`) });
  expect(providerMail.text).toMatch(/10:00–10:30/);

  // The guest's manage link keeps working and shows the new time.
  await page.goto(manageLink);
  await expect(page.getByRole("heading", { name: "Your appointment", level: 1 })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`${longDate(newDate)}, 14:30–15:00`);
});

test("registering with someone else's email reveals none of their bookings; their appointment answers 404", async ({
  page,
  bookedProvider,
  newGuestPage,
  mailbox,
}) => {
  const guest = newGuest("Vic Tim", "+44 20 7946 0102");
  const victim = guest.email;
  const { booking } = await bookedProvider({ daysOut: 4, time: "11:00", guest });
  // Someone else registers with the victim's address but cannot read the victim's mailbox.
  const register = new RegisterPage(page);
  await register.goto();
  await register.register({ name: "Mallory", email: victim, password: PASSWORD, role: "client" });
  await expect(page).toHaveURL(/\/account\?welcome=1$/);
  await expect(page.getByText("No upcoming appointments")).toBeVisible();
  const res = await page.goto(`/account/appointments/${booking.id}`);
  expect(res?.status()).toBe(404);

  // Another verified client gets a 404 as well, and so does the ics.
  const other = await newGuestPage();
  await registerAndVerify(other, mailbox, "Olly Other", uniqueEmail("other"));
  expect((await other.goto(`/account/appointments/${booking.id}`))?.status()).toBe(404);
  expect((await other.request.get(`/account/appointments/${booking.id}/ics`)).status()).toBe(404);
});

test("a past appointment is rebooked in one tap: same business and service, a new time", async ({ page, mailbox, context }) => {
  const made = await createMassageStudio(context.request, { name: "Rebook", tag: "rebook", ownerName: "Rita Owner", password: PASSWORD });
  const email = uniqueEmail("rebooker");
  const pastDate = daysFromToday(-10, "Europe/London");
  await addStudioAppointment(context.request, made, { date: pastDate, status: "completed", clientName: "Rae Booker", clientEmail: email, clientPhone: "+44 20 7946 0105" });
  await registerAndVerify(page, mailbox, "Rae Booker", email);

  const account = new AccountPage(page);
  await account.goto();
  await expect(account.past()).toContainText(`${longDate(pastDate)}, 10:00–11:00`);
  await account.past().getByRole("link", { name: `Book again: Massage at ${made.provider.businessName}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Book again: Massage at ${made.provider.businessName}` })).toBeVisible();

  const date = daysFromToday(5, "Europe/London");
  await account.pickAndConfirm(date, "13:00", "Book this time");
  await expect(account.flash("You're booked!")).toBeVisible();
  await expect(page.getByRole("main")).toContainText(`${longDate(date)}, 13:00–14:00`);
  await account.goto();
  await expect(account.upcoming()).toContainText(`${longDate(date)}, 13:00–14:00`);
  await mailbox.latestTo(email, { subject: `Booking confirmed: Massage at ${made.provider.businessName}` });
});

test("a cancellation inside the business's window is refused, with why and how to reach them", async ({
  page,
  bookedProvider,
  mailbox,
}) => {
  const guest = newGuest("Lee Late", "+44 20 7946 0103");
  const { email } = guest;
  const profile = { cancellationWindowHours: 96, phone: "+44 20 7946 0999" };
  const { provider } = await bookedProvider({ daysOut: 2, time: "09:30", guest, provider: { profile } });
  await registerAndVerify(page, mailbox, "Lee Late", email);
  const account = new AccountPage(page);
  await account.goto();
  await account.openAppointment(provider.service.name, provider.businessName);
  await expect(page.getByRole("heading", { name: "Need to change this appointment?" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("can't be changed online less than 96 hours before they start");
  await expect(page.getByRole("link", { name: "Call +44 20 7946 0999" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Cancel appointment" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Reschedule", exact: true })).toHaveCount(0);
});

test("favourites and preferences persist across sign-out and sign-in; removing works without JavaScript", async ({
  page,
  browser,
  newProvider,
  deviceOptions,
}) => {
  // Several sign-ins and a second browser: slower than the rest on a loaded machine.
  test.setTimeout(180_000);
  const provider = await newProvider();
  const email = uniqueEmail("fan");

  // Signed out, the provider page asks to sign in and comes back.
  await page.goto(`/p/${provider.slug}`);
  await page.getByRole("link", { name: "Sign in to save to favourites" }).click();
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.goto("/register");
  const register = new RegisterPage(page);
  await register.register({ name: "Fran Fan", email, password: PASSWORD, role: "client" });
  await expect(page).toHaveURL(/\/account\?welcome=1$/);

  await page.goto(`/p/${provider.slug}`);
  await page.getByRole("button", { name: `Save ${provider.businessName} to favourites` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved to your favourites." })).toBeVisible();
  await expect(page.getByRole("button", { name: `Remove ${provider.businessName} from favourites` })).toBeVisible();

  await page.goto("/account/preferences");
  await page.getByLabel("Reminders by email").uncheck();
  await page.getByLabel("Promotional email").check();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your preferences have been saved." })).toBeVisible();

  await new SiteHeader(page).signOut();
  await new LoginPage(page).signInAs(email, PASSWORD, "/account/favorites");
  await expect(page).toHaveURL(/\/account\/favorites$/);
  const favourite = page.getByRole("list", { name: "Favourite businesses" }).getByRole("listitem");
  await expect(favourite).toHaveCount(1);
  await expect(favourite).toContainText(provider.businessName);
  await expect(favourite).toContainText(`Next free for ${provider.service.name}:`);
  await expect(favourite.getByRole("link", { name: `Book again at ${provider.businessName}` })).toBeVisible();
  await new AccountPage(page).expectNoSidewaysScroll();

  await page.goto("/account/preferences");
  await expect(page.getByLabel("Reminders by email")).not.toBeChecked();
  await expect(page.getByLabel("Reminders by text")).toBeChecked();
  await expect(page.getByLabel("Promotional email")).toBeChecked();
  await expect(page.getByLabel("Booking confirmations by email")).toBeChecked();
  await expect(page.getByLabel("Text messages (SMS)")).not.toBeChecked();

  // Without JavaScript: remove the favourite with the plain form.
  const noJs = await browser.newContext({ ...deviceOptions, javaScriptEnabled: false });
  try {
    await signInWithRequest(noJs.request, email, PASSWORD);
    const plain = await noJs.newPage();
    await plain.goto("/account/favorites");
    await plain.getByRole("button", { name: `Remove ${provider.businessName} from favourites` }).click();
    await expect(plain.getByRole("status").filter({ hasText: "Removed from your favourites." })).toBeVisible();
    await expect(plain.getByText("No favourites yet")).toBeVisible();
  } finally {
    await noJs.close();
  }
});

test("turning off booking confirmations stops the next confirmation mail", async ({ page, newProvider, bookingFlow, mailbox }) => {
  const provider = await newProvider();
  const email = uniqueEmail("quiet");
  const register = new RegisterPage(page);
  await register.goto();
  await register.register({ name: "Quinn Quiet", email, password: PASSWORD, role: "client" });
  await expect(page).toHaveURL(/\/account\?welcome=1$/);

  await page.goto("/account/preferences");
  await page.getByLabel("Booking confirmations by email").uncheck();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your preferences have been saved." })).toBeVisible();

  const date = daysFromToday(3, provider.timezone);
  await bookingFlow.openProviderPage(provider.slug, provider.businessName);
  await bookingFlow.startBooking(provider.service.name);
  await bookingFlow.chooseDay(date);
  await bookingFlow.chooseTime("11:00");
  await bookingFlow.phone.fill("+44 20 7946 0104");
  await bookingFlow.confirm();
  await expect(page.getByRole("status").filter({ hasText: "You're booked!" })).toBeVisible();

  // The business's notice of the same booking arrives; the client's confirmation does not.
  await mailbox.latestTo(provider.email, { subject: new RegExp(`^New online booking: ${provider.service.name}`) });
  const mails = await page.request.get(`/dev/mailbox?to=${encodeURIComponent(email)}`);
  expect(await mails.text()).not.toContain("Booking confirmed");
});
