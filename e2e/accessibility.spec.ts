import { axeViolations, expectAccessible } from "./a11y";
import { daysFromToday } from "./dates";
import { DEMO, expect, test, uniqueEmail } from "./fixtures";
import { AccountPage } from "./pages/account-page";
import { bookViaApi } from "./providers";
import { addStudioAppointment, createMassageStudio, signInWithRequest } from "./test-api";

/*
 * axe-core (WCAG 2.2 A/AA; e2e/a11y.ts) on every page the journeys visit, in the states they
 * visit them: one test per area, each walking its pages and checking each softly, so one run
 * lists every finding. A serious or critical violation anywhere fails the test. Both projects,
 * except the provider dashboard sweep (desktop only, to keep the suite's time modest).
 */

// Each test walks a dozen pages and runs axe on each, on a shared two-core machine.
test.describe.configure({ timeout: 120_000 });

const PASSWORD = "a11y-password-12";

test("the checker itself fails a page with an unnamed button and unreadable text", async ({ page }) => {
  // The control for every test below: an empty list from them means axe looked and found nothing.
  await page.setContent(`<!doctype html><html lang="en"><head><title>Control</title></head><body><main>
    <h1>Control</h1><button><svg width="10" height="10"></svg></button>
    <p style="color:#ddd;background:#fff">Hard to read</p></main></body></html>`);
  const found = await axeViolations(page);
  expect(found.some((f) => f.startsWith("button-name (critical)"))).toBe(true);
  expect(found.some((f) => f.startsWith("color-contrast (serious)"))).toBe(true);
});

test("public pages and the guest's booking flow", async ({ page, newProvider, bookingFlow, mailbox }) => {
  await page.goto("/");
  await expectAccessible(page, "/ (directory)");

  await page.goto(`/p/${DEMO.provider.slug}`);
  await expectAccessible(page, "provider page");
  await page.goto(`/p/${DEMO.pro.slug}`);
  await expectAccessible(page, "provider page with staff");
  await page.getByRole("link", { name: "Book Follow-up session", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Choose who you'd like to see" })).toBeVisible();
  await expectAccessible(page, "booking: choose a staff member");
  await page.getByRole("link", { name: /^Any available/ }).click();
  await expect(page.getByRole("heading", { name: "Choose a day" })).toBeVisible();
  await expectAccessible(page, "booking: any available, choose a day");

  const provider = await newProvider();
  const date = daysFromToday(2, provider.timezone);
  await bookingFlow.openProviderPage(provider.slug, provider.businessName);
  await page.getByRole("link", { name: "Book an appointment" }).click();
  await expect(page.getByRole("heading", { name: "Choose a service" })).toBeVisible();
  await expectAccessible(page, "booking: choose a service");
  await page.getByRole("link", { name: `Choose ${provider.service.name}`, exact: true }).click();
  await expect(page.getByRole("heading", { name: "Choose a day" })).toBeVisible();
  await expectAccessible(page, "booking: choose a day");
  await bookingFlow.chooseDay(date);
  await expectAccessible(page, "booking: day chosen");
  await bookingFlow.chooseTime("10:00");
  await expectAccessible(page, "booking: your details");

  // A refused form: errors beside the fields.
  const guestEmail = uniqueEmail("a11y-guest");
  await bookingFlow.fillDetails({ name: "Ada Access", email: "not-an-email", phone: "+44 7700 900123" });
  await bookingFlow.confirm();
  await expect(bookingFlow.email).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "booking: details refused");

  await bookingFlow.email.fill(guestEmail);
  await bookingFlow.confirm();
  await bookingFlow.expectBooked();
  await expectAccessible(page, "booking confirmation");

  // The guest's manage page, from the mailed link, and its reschedule step.
  await page.goto(await mailbox.manageLink(guestEmail));
  await expect(page.getByRole("heading", { name: "Your appointment", level: 1 })).toBeVisible();
  await expectAccessible(page, "guest manage page");
  await page.getByRole("button", { name: "Reschedule", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Choose a day" })).toBeVisible();
  await expectAccessible(page, "guest manage page: reschedule");

  // Signing in, registering and a password reset.
  await page.context().clearCookies();
  await page.goto("/login");
  await expectAccessible(page, "/login");
  await page.getByLabel("Email").fill(provider.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Email or password is incorrect." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  await expectAccessible(page, "/login refused");
  await page.goto("/register");
  await expectAccessible(page, "/register");
  await page.getByRole("radio", { name: "Take bookings for my business" }).check();
  await expect(page.getByLabel("Business name")).toBeVisible();
  await expectAccessible(page, "/register as a provider");
  await page.goto("/forgot-password");
  await expectAccessible(page, "/forgot-password");
  await page.getByLabel("Email").fill(provider.email);
  await page.getByRole("button", { name: "Send me a reset link" }).click();
  await expect(page.getByText(/If an account uses that email, we've sent it a link/)).toBeVisible();
  await expectAccessible(page, "/forgot-password sent");
  await page.goto(await mailbox.linkTo(provider.email, /\/reset-password\//, { subject: /Reset your Slotbook password/ }));
  await expect(page.getByLabel("New password", { exact: true })).toBeVisible();
  await expectAccessible(page, "/reset-password/[token]");

  await page.goto("/dev/mailbox");
  await expectAccessible(page, "/dev/mailbox");
});

test("the provider dashboard, FREE and PRO, and the staff member's pages", async ({ request, newProvider, newGuestPage, mailbox }, testInfo) => {
  // About 35 s per project: desktop only, where providers run their business; the phone
  // project checks the pages guests, clients and staff use.
  test.skip(testInfo.project.name === "phone", "the dashboard sweep runs on desktop");
  // Bookings wait for approval: the appointments list shows cards with every action.
  const provider = await newProvider({ profile: { requireApproval: true } });
  const { page } = provider;
  const date = daysFromToday(3, provider.timezone);
  for (const time of ["10:00", "11:00"]) {
    await bookViaApi(request, provider, { date, time }, { name: `Guest ${time}`, email: uniqueEmail("a11y-booker"), phone: "+44 20 7946 0300" });
  }
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { name: "Appointments", level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Confirm", exact: true }).first()).toBeVisible();
  await expectAccessible(page, "/dashboard (appointments to approve)");

  for (const path of ["/dashboard/schedule", "/dashboard/services", "/dashboard/hours", "/dashboard/profile", "/dashboard/appointments/new", "/dashboard/calendar", "/dashboard/upgrade"]) {
    await page.goto(path);
    await expectAccessible(page, `${path} (FREE)`);
  }
  await page.goto("/dashboard/services");
  await page.getByRole("link", { name: provider.service.name }).first().click();
  await expect(page).toHaveURL(/\/dashboard\/services\/[0-9a-f-]{36}$/);
  await expectAccessible(page, "/dashboard/services/[id]");

  // PRO: staff pages and calendar settings.
  const pro = await newProvider({ plan: "pro" });
  await pro.page.goto("/dashboard/calendar");
  await expectAccessible(pro.page, "/dashboard/calendar (PRO)");
  // Connected through the fake Google's consent page (Google's page, not ours: not checked).
  await pro.page.getByRole("link", { name: "Connect Google Calendar" }).click();
  await pro.page.getByLabel("Google account").fill(uniqueEmail("a11y-gcal"));
  await pro.page.getByRole("button", { name: "Allow" }).click();
  await expect(pro.page.getByRole("status").filter({ hasText: "Google Calendar connected" })).toBeVisible();
  await expectAccessible(pro.page, "/dashboard/calendar (PRO, connected)");
  await pro.page.goto("/dashboard/upgrade");
  await expectAccessible(pro.page, "/dashboard/upgrade (PRO)");
  await pro.page.goto("/dashboard/staff");
  await expectAccessible(pro.page, "/dashboard/staff (empty)");
  await pro.page.goto("/dashboard/staff/new");
  await expectAccessible(pro.page, "/dashboard/staff/new");
  const memberEmail = uniqueEmail("a11y-member");
  await pro.page.getByLabel("Name", { exact: true }).fill("Alex Access");
  await pro.page.getByLabel("Email", { exact: true }).fill(memberEmail);
  await pro.page.getByRole("checkbox", { name: pro.service.name, exact: true }).check();
  await pro.page.getByRole("button", { name: "Add staff member" }).click();
  await expect(pro.page.getByRole("heading", { name: "Alex Access", level: 1 })).toBeVisible();
  await expectAccessible(pro.page, "/dashboard/staff/[id]");
  const memberPath = new URL(pro.page.url()).pathname;
  await pro.page.goto(`${memberPath}/edit`);
  await expectAccessible(pro.page, "/dashboard/staff/[id]/edit");
  await pro.page.goto(`${memberPath}/availability`);
  await expectAccessible(pro.page, "/dashboard/staff/[id]/availability");
  await pro.page.goto("/dashboard/staff");
  await expectAccessible(pro.page, "/dashboard/staff (one member)");

  // The demo clinic's staff pages (read only): members with appointments to reassign.
  const demoPro = await newGuestPage();
  await signInWithRequest(demoPro.request, DEMO.pro.email, DEMO.password);
  await demoPro.goto("/dashboard/staff");
  await demoPro.getByRole("link", { name: "Priya Shah", exact: true }).click();
  await expect(demoPro.getByRole("heading", { name: "Priya Shah", level: 1 })).toBeVisible();
  await expectAccessible(demoPro, "/dashboard/staff/[id] (demo member)");

  // The invitation page the member opens.
  await pro.page.goto(memberPath);
  await pro.page.getByRole("button", { name: "Send invitation" }).click();
  await expect(pro.page.getByText(`Invitation sent to ${memberEmail}`)).toBeVisible();
  const invite = await mailbox.linkTo(memberEmail, /\/invite\//, { subject: /invited you/ });
  await page.context().clearCookies();
  await page.goto(invite);
  await expect(page.getByRole("heading", { name: `Join ${pro.businessName}` })).toBeVisible();
  await expectAccessible(page, "/invite/[token]");
});

test("the client portal", async ({ page, request, mailbox, header }, testInfo) => {
  const made = await createMassageStudio(request, { name: "Access", tag: "a11y", ownerName: "Olive Owner", password: PASSWORD });
  const email = uniqueEmail("a11y-client");
  for (const [days, status] of [
    [-10, "completed"],
    [6, "confirmed"],
  ] as const) {
    const date = daysFromToday(days, "Europe/London");
    await addStudioAppointment(request, made, { date, status, clientName: "Cleo Client", clientEmail: email, clientPhone: "+44 20 7946 0410" });
  }

  await page.goto("/register");
  await page.getByLabel(/^(your )?name$/i).fill("Cleo Client");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("radio", { name: "Book appointments" }).check();
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/account\?welcome=1$/);
  await expectAccessible(page, "/account (welcome, unverified)");
  await page.goto(await mailbox.linkTo(email, /\/verify-email\/[^/?#]+$/, { subject: /^Verify your email/ }));
  await expectAccessible(page, "/verify-email/[token]");
  await page.getByRole("button", { name: "Verify my email" }).click();
  await expect(page.getByRole("heading", { name: "Your email is verified" })).toBeVisible();
  await expectAccessible(page, "/verify-email/[token] done");

  await page.goto("/account");
  await expect(page.getByRole("list", { name: "Upcoming appointments" })).toBeVisible();
  await expectAccessible(page, "/account");
  if (testInfo.project.name === "phone") {
    await header.openMenuIfCollapsed();
    await expectAccessible(page, "/account with the phone menu open");
  }
  await page.getByRole("list", { name: "Upcoming appointments" }).getByRole("link", { name: /^Details:/ }).click();
  await expect(page).toHaveURL(/\/account\/appointments\/[0-9a-f-]{36}$/);
  await expectAccessible(page, "/account/appointments/[id]");
  await page.getByRole("button", { name: "Reschedule", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Choose a day" })).toBeVisible();
  await expectAccessible(page, "/account/appointments/[id] reschedule");

  await page.goto("/account");
  await page.getByRole("list", { name: "Past appointments" }).getByRole("link", { name: /^Book again:/ }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Book again:/ })).toBeVisible();
  await expectAccessible(page, "/account/appointments/[id]/rebook");
  await new AccountPage(page).pickAndConfirm(daysFromToday(5, "Europe/London"), "13:00", "Book this time");
  await expect(page.getByRole("status").filter({ hasText: "You're booked!" })).toBeVisible();
  await expectAccessible(page, "/account/appointments/[id] booked");

  // Favourites: saved from the business's page.
  await page.goto(`/p/${made.provider.slug}`);
  await expectAccessible(page, "provider page, signed in as a client");
  await page.getByRole("button", { name: `Save ${made.provider.businessName} to favourites` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved to your favourites." })).toBeVisible();
  await page.goto("/account/favorites");
  await expect(page.getByRole("main")).toContainText(made.provider.businessName);
  await expectAccessible(page, "/account/favorites");
  await page.goto("/account/preferences");
  await expectAccessible(page, "/account/preferences");
  await page.goto("/account/settings");
  await expectAccessible(page, "/account/settings");

  // Where a client may not go: the no-access page, and another's appointment (a 404).
  expect((await page.goto("/dashboard"))?.status()).toBe(403);
  await expectAccessible(page, "403 no-access page");
  expect((await page.goto("/account/appointments/00000000-0000-4000-8000-000000000000"))?.status()).toBe(404);
  await expectAccessible(page, "404 page");

  // The one-click unsubscribe page from a mail to the account.
  const link = await mailbox.linkTo(email, /\/unsubscribe\//, { subject: /^Booking confirmed/ });
  await page.goto(link);
  await expectAccessible(page, "/unsubscribe/[token]");
});

test("the staff schedule", async ({ page }) => {
  await signInWithRequest(page.request, "staff@northside.example", DEMO.password);
  await page.goto("/staff");
  await expect(page.getByRole("heading", { name: "My schedule" })).toBeVisible();
  await expectAccessible(page, "/staff");
});
