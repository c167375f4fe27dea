import { expectAccessible } from "./a11y";
import { daysFromToday } from "./dates";
import { expect, test, uniqueEmail } from "./fixtures";
import { PASSWORD, team, ZONE } from "./team";
import { createFixture, signInWithRequest } from "./test-api";

/*
 * The front desk's everyday actions on the provider's day: moving any appointment (with the
 * member, from real free times, the client told), undoing a no-show, recording a visit that
 * already happened, and what became of each message. Data comes from the fixtures route.
 */

test.describe.configure({ timeout: 180_000 });

test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name === "phone", "the journeys set their own phone viewport where it matters");
});

test("the provider moves an appointment from the schedule's panel to another member and time, and the client is told", async ({ page, mailbox }) => {
  const t = await team(page);
  // The list offers it too.
  await page.goto("/dashboard");
  await expect(page.getByRole("link", { name: "Reschedule Ann Client's appointment" })).toBeVisible();

  await page.goto(`/dashboard/schedule?date=${t.date}&open=${t.appointmentId}`);
  const panel = page.getByRole("complementary", { name: "Appointment details" });
  await panel.getByRole("link", { name: "Reschedule Ann Client's appointment" }).click();
  await expect(page.getByRole("heading", { name: "Reschedule appointment", level: 1 })).toBeVisible();
  await page.getByLabel("Move to").selectOption({ label: "Kim" });
  await page.getByRole("button", { name: "Show their times" }).click();
  await expect(page.getByRole("heading", { name: "New time with Kim" })).toBeVisible();
  await page.locator(`button[name="date"][value="${t.date}"]`).click();
  await page.getByRole("button", { name: "14:00", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Confirm the new time" })).toBeVisible();
  // Checked once the chosen time has finished its colour transition (mid-fade, contrast is in between).
  await page.mouse.move(0, 0);
  await page.locator(".pick-time[aria-pressed=true]").evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
  await expectAccessible(page, "the provider's reschedule page");
  // Usable on a phone: nothing wider than the screen.
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole("button", { name: "Move appointment" }).click();

  // Back on the day it came from, with the flash; the appointment is now Kim's at 14:00.
  await expect(page).toHaveURL(new RegExp(`/dashboard/schedule\\?date=${t.date}&open=${t.appointmentId}&done=reschedule$`));
  await expect(page.getByRole("status").filter({ hasText: "Appointment moved to its new time. The client has been told." })).toBeVisible();
  const grid = page.getByRole("region", { name: "Team schedule" });
  await expect(grid.getByRole("region", { name: "Kim" }).getByRole("link", { name: /^14:00–14:30 Physio session, Ann Client/ })).toBeVisible();
  await expect(grid.getByRole("region", { name: "Sam" }).getByRole("link", { name: /Ann Client/ })).toHaveCount(0);
  const mail = await mailbox.latestTo(t.client.email, { subject: /^Rescheduled: Physio session/ });
  expect(mail.text).toContain("14:00");

  // The panel says what became of each message: the change went out to the client by email.
  const log = page.getByRole("complementary", { name: "Appointment details" }).getByRole("list", { name: "Messages about this appointment" });
  await expect(async () => {
    await page.reload();
    await expect(log.getByRole("listitem").filter({ hasText: "Change of time email to client · sent" })).toHaveCount(1, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(log.getByRole("listitem").filter({ hasText: "Change of time email to you" })).toHaveCount(1);
});

test("a no-show marked by mistake is undone by the provider from the panel, and by the member from /staff", async ({ page, newGuestPage }) => {
  const login = { email: uniqueEmail("sam-undo"), password: PASSWORD };
  const t = await team(page, { samLogin: login });
  const yesterday = daysFromToday(-1, ZONE);
  const missed = (clientName: string, time: string) =>
    createFixture<{ id: string }>(page.request, {
      kind: "appointment",
      providerId: t.providerId,
      serviceId: t.serviceId,
      staffId: t.sam,
      date: yesterday,
      time,
      timezone: ZONE,
      minutes: 30,
      clientName,
      clientEmail: uniqueEmail("missed"),
      status: "no_show",
    });
  const byOwner = await missed("Nina Noshow", "11:00");
  await missed("Mo Missed", "12:00");

  // The provider: the panel of yesterday's no-show offers "Undo no-show".
  await page.goto(`/dashboard/schedule?date=${yesterday}&open=${byOwner.id}`);
  const panel = page.getByRole("complementary", { name: "Appointment details" });
  await panel.getByRole("button", { name: "Undo no-show" }).click();
  await expect(page.getByRole("status").filter({ hasText: "No-show undone: the appointment is confirmed again." })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Appointment details" }).getByText("Confirmed", { exact: true })).toBeVisible();

  // The member: their own no-show on the Past tab.
  const staff = await newGuestPage();
  await signInWithRequest(staff.request, login.email, login.password);
  await staff.goto("/staff?view=past");
  await staff.getByRole("button", { name: "Undo Mo Missed's no-show" }).click();
  await expect(staff).toHaveURL(/\/staff\?view=past&undone=1$/);
  await expect(staff.getByRole("status").filter({ hasText: "No-show undone" })).toBeVisible();
  await expect(staff.getByRole("button", { name: "Undo Mo Missed's no-show" })).toHaveCount(0);
  await expect(staff.getByRole("button", { name: "Mark Mo Missed completed" })).toBeVisible();
});

test("the walk-in form records a visit that already happened: completed, with the member, and no mail", async ({ page }) => {
  const t = await team(page);
  const yesterday = daysFromToday(-1, ZONE);
  const email = uniqueEmail("past-walkin");
  await page.goto(`/dashboard/appointments/new?date=${yesterday}&time=15:30&staffId=${t.kim}`);
  await page.getByLabel("This visit already happened").check();
  await expect(page.getByText("Open slots on this day")).toHaveCount(0);
  await page.getByLabel("Client name").fill("Paula Past");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Phone").fill("+44 20 7946 0004");
  await expectAccessible(page, "the walk-in form recording a past visit");
  await page.getByRole("button", { name: "Record visit" }).click();

  // It opens on its day's schedule, in Kim's column, completed.
  await expect(page.getByRole("status").filter({ hasText: "Visit recorded as completed. No mail was sent." })).toBeVisible();
  const kim = page.getByRole("region", { name: "Team schedule" }).getByRole("region", { name: "Kim" });
  await expect(kim.getByRole("link", { name: /^15:30–16:00 Physio session, Paula Past, Completed/ })).toBeVisible();
  const { mails } = await createFixture<{ mails: unknown[] }>(page.request, { kind: "mails", to: email });
  expect(mails).toEqual([]);

  // A time still ahead is refused beside the time field, and nothing is recorded.
  await page.goto(`/dashboard/appointments/new?date=${daysFromToday(2, ZONE)}&time=10:00`);
  await page.getByLabel("This visit already happened").check();
  await page.getByLabel("Client name").fill("Fiona Future");
  await page.getByLabel("Email").fill(uniqueEmail("future"));
  await page.getByLabel("Phone").fill("+44 20 7946 0005");
  await page.getByRole("button", { name: "Record visit" }).click();
  await expect(page.getByLabel("Time")).toHaveAccessibleDescription(/A visit that already happened must start before now\./);
  await expect(page.getByLabel("This visit already happened")).toBeChecked();
});

test("the provider keeps a private note on the client from the panel; staff never see it", async ({ page, newGuestPage }) => {
  const login = { email: uniqueEmail("sam-notes"), password: PASSWORD };
  const t = await team(page, { samLogin: login });
  await page.goto(`/dashboard/schedule?date=${t.date}&open=${t.appointmentId}`);
  const panel = page.getByRole("complementary", { name: "Appointment details" });
  await panel.getByLabel("Private note on Ann Client").fill("Knee surgery in 2024; prefers the window room.");
  await panel.getByRole("button", { name: "Save note" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Private note saved." })).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Appointment details" }).getByLabel("Private note on Ann Client")).toHaveValue(
    "Knee surgery in 2024; prefers the window room.",
  );
  await expectAccessible(page, "the details panel with a private note");

  // Sam has Ann's appointment on /staff, without the note.
  const staff = await newGuestPage();
  await signInWithRequest(staff.request, login.email, login.password);
  await staff.goto("/staff");
  await expect(staff.getByText("Ann Client")).toBeVisible();
  await expect(staff.getByText(/Knee surgery/)).toHaveCount(0);
});

test("closing a day with a booked appointment names it before saving, and saves only once confirmed", async ({ page }) => {
  const t = await team(page);
  await page.goto("/dashboard/hours");
  await page.getByLabel("Date").fill(t.date);
  await page.getByLabel("Reason (optional)").fill("Flooded");
  await page.getByRole("button", { name: "Add closed date" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "would fall outside working time" });
  await expect(alert).toContainText("Ann Client");
  await expect(alert).toContainText("with Sam");
  await expectAccessible(page, "the hours page naming conflicts before saving");
  // Nothing is saved yet: the schedule still shows a normal day.
  await page.goto(`/dashboard/schedule?date=${t.date}`);
  await expect(page.getByText("Closed: Flooded")).toHaveCount(0);

  await page.goto("/dashboard/hours");
  await page.getByLabel("Date").fill(t.date);
  await page.getByLabel("Reason (optional)").fill("Flooded");
  await page.getByRole("button", { name: "Add closed date" }).click();
  await page.getByLabel("Close anyway; I'll resolve these appointments").check();
  await page.getByRole("button", { name: "Add closed date" }).click();
  await expect(page).toHaveURL(/\/dashboard\/hours\?closed=1/);
  // Then the existing resolve choices: the appointment is a conflict on the schedule.
  await page.goto(`/dashboard/schedule?date=${t.date}`);
  await expect(page.getByRole("region", { name: "Team schedule" }).getByRole("link", { name: /Ann Client, Confirmed, conflict$/ })).toBeVisible();
});

test("a member requests time off from /staff; the provider approves it, confirming the appointment it leaves out; the member sees the answer", async ({ page, newGuestPage }) => {
  const login = { email: uniqueEmail("sam-timeoff"), password: PASSWORD };
  const t = await team(page, { samLogin: login });
  const staff = await newGuestPage();
  await signInWithRequest(staff.request, login.email, login.password);
  await staff.goto("/staff");
  const mine = staff.locator("#my-time-off");
  await mine.getByLabel("First day").fill(t.date);
  await mine.getByLabel("Reason (optional)").fill("Wedding");
  await mine.getByRole("button", { name: "Request time off" }).click();
  await expect(staff.getByRole("status").filter({ hasText: "Time off requested." })).toBeVisible();
  await expect(staff.getByRole("list", { name: "My requests" })).toContainText("Waiting for approval");
  await expectAccessible(staff, "the staff member's time off");
  await staff.setViewportSize({ width: 375, height: 800 });
  expect(await staff.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

  // The provider is told on the staff list, and answers on the member's availability page.
  await page.goto("/dashboard/staff");
  await page.getByRole("link", { name: "Sam (1)" }).click();
  const requests = page.getByRole("list", { name: "Time-off requests" });
  await expect(requests).toContainText("Wedding");
  await requests.getByRole("button", { name: /^Approve time off/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: "1 appointment is booked with them then: Ann Client" })).toBeVisible();
  await page.getByLabel("Approve anyway; I'll resolve these appointments").check();
  await requests.getByRole("button", { name: /^Approve time off/ }).click();
  await expect(page).toHaveURL(new RegExp(`/dashboard/staff/${t.sam}\\?timeOff=1`));
  await expect(page.getByRole("list", { name: "Upcoming appointments of Sam" }).getByText("Conflict", { exact: true })).toBeVisible();

  await staff.goto("/staff");
  await expect(staff.getByRole("list", { name: "My requests" })).toContainText("Approved");
  await expect(staff.getByRole("list", { name: "Planned time off" })).toContainText("Wedding");
});
