import { expectAccessible } from "./a11y";
import { daysFromToday } from "./dates";
import { expect, test, uniqueEmail } from "./fixtures";
import { PASSWORD, team, ZONE } from "./team";
import { createFixture, signInWithRequest } from "./test-api";

/*
 * The provider's day: the team schedule (a column per member, a free cell that prefills the
 * walk-in form, a phone agenda without sideways scroll), time off over a booked appointment
 * shown as a conflict and resolved by asking the client to reschedule, and a staff member
 * marking an appointment that has ended completed. Data comes from the fixtures route.
 */

test.describe.configure({ timeout: 180_000 });

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the journeys set their own phone viewport where it matters");
});

test("the schedule shows a column per member; a free cell books that member at that time; the phone gets an agenda without sideways scroll", async ({ page }) => {
  const t = await team(page);
  await page.goto(`/dashboard/schedule?date=${t.date}`);
  const grid = page.getByRole("region", { name: "Team schedule" });
  const sam = grid.getByRole("region", { name: "Sam" });
  const kim = grid.getByRole("region", { name: "Kim" });
  await expect(sam.getByRole("link", { name: /^10:00–10:30 Physio session, Ann Client, Confirmed$/ })).toBeVisible();
  await expect(kim.getByRole("link", { name: /Ann Client/ })).toHaveCount(0);
  await expectAccessible(page, "the team schedule");

  // The appointment opens in a panel with the existing actions.
  await sam.getByRole("link", { name: /Ann Client/ }).click();
  const panel = page.getByRole("complementary", { name: "Appointment details" });
  await expect(panel.getByText(t.client.email)).toBeVisible();
  await expect(panel.getByRole("button", { name: "Cancel appointment" })).toBeVisible();
  await expect(panel.getByRole("link", { name: "Reassign…" })).toBeVisible();
  await panel.getByRole("link", { name: "Close" }).click();
  await expect(panel).toHaveCount(0);

  // Kim is free at 10:00: the cell opens the walk-in form with Kim, the day and the time chosen.
  await kim.getByRole("link", { name: "+ 10:00 new appointment with Kim" }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/appointments/new\\?date=${t.date}&time=10%3A00&staffId=${t.kim}$`));
  await expect(page.getByLabel("Staff member")).toHaveValue(t.kim);
  await expect(page.getByLabel("Date")).toHaveValue(t.date);
  await expect(page.getByLabel("Time")).toHaveValue("10:00");
  await page.getByLabel("Client name").fill("Walk In");
  await page.getByLabel("Email").fill(uniqueEmail("walkin"));
  await page.getByLabel("Phone").fill("+44 20 7946 0002");
  await page.getByRole("button", { name: "Book appointment" }).click();
  await expect(page).toHaveURL(/\/dashboard\?done=created$/);
  await page.goto(`/dashboard/schedule?date=${t.date}`);
  await expect(kim.getByRole("link", { name: /^10:00–10:30 Physio session, Walk In, Confirmed$/ })).toBeVisible();

  // The week of that day: Ann's and the walk-in's appointments under their day, each opening its details.
  await page.getByRole("navigation", { name: "Day" }).getByRole("link", { name: "Week" }).click();
  await expect(page.getByRole("heading", { name: "Schedule: week", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: "10:00 Ann Client" }).click();
  await expect(page.getByRole("complementary", { name: "Appointment details" })).toContainText(t.client.email);

  // A 375 px phone: a day agenda per member with a switcher, nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(`/dashboard/schedule?date=${t.date}`);
  await expect(grid).toBeHidden();
  const switcher = page.getByRole("navigation", { name: "Staff member" });
  await switcher.getByRole("link", { name: "Sam" }).click();
  await expect(page).toHaveURL(new RegExp(`member=${t.sam}`));
  await expect(page.getByRole("heading", { name: "Sam", level: 2 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Kim", level: 2 })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Ann Client/ })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  // Every section of the dashboard stays in reach (the tab bar wraps instead of hiding Staff and Calendar).
  for (const tab of ["Schedule", "Appointments", "Staff", "Calendar"]) {
    await expect(page.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: tab, exact: true })).toBeInViewport();
  }
  await expectAccessible(page, "the team schedule at 375 px");
});

test("time off over a booked appointment is named before saving, marked as a conflict after, and 'ask to reschedule' mails the client a working link", async ({
  page,
  mailbox,
  newGuestPage,
}) => {
  const t = await team(page);
  await page.goto(`/dashboard/staff/${t.sam}/availability`);
  await page.getByLabel("First day").fill(t.date);
  await page.getByLabel("Reason (optional)").fill("Sick");
  await page.getByRole("button", { name: "Add time off" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Ann Client" })).toContainText("1 appointment is booked with them then");
  await page.getByLabel("Add the time off anyway; I'll resolve these appointments").check();
  await page.getByRole("button", { name: "Add time off" }).click();

  // The member's page: the appointment is a conflict, with the ways to resolve it.
  await expect(page).toHaveURL(new RegExp(`/dashboard/staff/${t.sam}\\?timeOff=1`));
  await expect(page.getByRole("status").filter({ hasText: "outside their working time" })).toContainText("Ann Client");
  const upcoming = page.getByRole("list", { name: "Upcoming appointments of Sam" });
  await expect(upcoming.getByText("Conflict", { exact: true })).toBeVisible();
  await expectAccessible(page, "a member's page with a conflict");

  // The schedule: Sam's day shaded as time off, the appointment marked.
  await page.goto(`/dashboard/schedule?date=${t.date}`);
  const sam = page.getByRole("region", { name: "Team schedule" }).getByRole("region", { name: "Sam" });
  await expect(sam.getByText("Time off: Sick")).toBeVisible();
  await sam.getByRole("link", { name: /Ann Client, Confirmed, conflict$/ }).click();
  const panel = page.getByRole("complementary", { name: "Appointment details" });
  await panel.getByRole("button", { name: "Ask to reschedule (Ann Client)" }).click();
  await expect(page.getByRole("status").filter({ hasText: "The client has been emailed a link to choose a new time." })).toBeVisible();

  // The mail's link is a manage link: the client sees the appointment and can reschedule it.
  const link = await mailbox.linkTo(t.client.email, /\/bookings\/[A-Za-z0-9_-]{43}$/, { subject: /^Please choose a new time/ });
  const guest = await newGuestPage();
  await guest.goto(link);
  await expect(guest.getByText("Physio session").first()).toBeVisible();
  await expect(guest.getByRole("button", { name: "Reschedule" })).toBeVisible();
});

test("a staff member marks an appointment that has ended completed from the Past tab of /staff", async ({ page, newGuestPage }) => {
  const login = { email: uniqueEmail("sam-staff"), password: PASSWORD };
  const t = await team(page, { samLogin: login });
  const yesterday = daysFromToday(-1, ZONE);
  await createFixture(page.request, {
    kind: "appointment",
    providerId: t.providerId,
    serviceId: t.serviceId,
    staffId: t.sam,
    date: yesterday,
    time: "11:00",
    timezone: ZONE,
    minutes: 30,
    clientName: "Pat Past",
    clientEmail: uniqueEmail("pat"),
    clientPhone: "+44 20 7946 0003",
  });
  const staff = await newGuestPage();
  await signInWithRequest(staff.request, login.email, login.password);
  await staff.goto("/staff");
  // Today's and coming days' agenda carries the client's phone.
  await expect(staff.getByText("Ann Client")).toBeVisible();
  await expect(staff.getByRole("link", { name: "+44 20 7946 0001" })).toBeVisible();
  await staff.getByRole("navigation", { name: "When" }).getByRole("link", { name: "Past" }).click();
  await staff.getByRole("button", { name: "Mark Pat Past completed" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "Marked as completed." })).toBeVisible();
  await expect(staff).toHaveURL(/\/staff\?view=past&completed=1$/);
  await expect(staff.getByRole("button", { name: "Mark Pat Past completed" })).toHaveCount(0);
  await expect(staff.getByText("Completed", { exact: true })).toBeVisible();
  await expectAccessible(staff, "the staff member's past tab");
});
