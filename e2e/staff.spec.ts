import { daysFromToday, nextWeekday } from "./dates";
import { DEMO, expect, test, uniqueEmail } from "./fixtures";
import { dashboardNav } from "./pages/dashboard-nav";
import { LoginPage } from "./pages/login-page";
import { makePng, StaffPages } from "./pages/staff-pages";
import { bookViaApi } from "./providers";
import { expectAccessible } from "./a11y";

const STAFF_PASSWORD = "staff-password-1";

// Each journey registers providers through the UI and walks several pages: on a shared two-core
// machine that takes well over the default 30 s.
test.describe.configure({ timeout: 300_000 });

test("a FREE provider meets the upgrade prompt, starts the trial once, and adds staff with services, photo, availability and time off", async ({
  newProvider,
}) => {
  const provider = await newProvider();
  const { page } = provider;
  await page.goto("/dashboard");

  // FREE: the Staff tab leads to the upgrade page; opening a staff page directly is redirected and names the feature.
  await dashboardNav(page).getByRole("link", { name: /Staff/ }).click();
  await expect(page).toHaveURL(/\/dashboard\/upgrade$/);
  await page.goto("/dashboard/staff/new");
  await expect(page).toHaveURL(/\/dashboard\/upgrade\?feature=staff$/);
  await expect(page.getByRole("status").filter({ hasText: "Staff management is a PRO feature." })).toBeVisible();

  await page.getByRole("button", { name: "Start 14-day free trial" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your 14-day PRO trial has started." })).toBeVisible();
  await expect(page.getByText(/You are on the PRO plan, active until/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Start 14-day free trial" })).toHaveCount(0);

  const staff = new StaffPages(page);
  await staff.gotoList();
  await expect(page.getByText("No staff yet")).toBeVisible();

  // A file that claims to be a PNG but is not: refused beside the field, nothing written.
  await page.goto("/dashboard/staff/new");
  await staff.fill({ name: "Fake Photo", photo: { name: "me.png", mimeType: "image/png", buffer: Buffer.from("<svg></svg>") } });
  await page.getByRole("button", { name: "Add staff member" }).click();
  await expect(page.getByText("The photo must be a JPEG, PNG or WebP image.")).toBeVisible();
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Fake Photo");

  const id = await staff.add({
    name: "Robin Stylist",
    email: uniqueEmail("robin"),
    bio: "Colour specialist.",
    services: [provider.service.name],
    photo: { name: "robin.bin", mimeType: "application/octet-stream", buffer: makePng() },
  });
  await expect(page.getByRole("heading", { name: "Robin Stylist", level: 1 })).toBeVisible();
  await expect(page.getByText(provider.service.name, { exact: true })).toBeVisible();
  const photo = page.getByRole("img", { name: "Photo of Robin Stylist" });
  await expect(photo).toBeVisible();
  const photoResponse = await page.request.get((await photo.getAttribute("src"))!);
  expect(photoResponse.status()).toBe(200);
  expect(photoResponse.headers()["content-type"]).toBe("image/png");
  expect(photoResponse.headers()["cache-control"]).toContain("max-age=31536000");

  // Availability: a row that ends before it starts is refused with a message for that day.
  await staff.setAvailability(id, { Monday: [{ from: "12:00", to: "10:00" }] });
  await expect(page.getByText("Monday: 12:00–10:00 must start before it ends.")).toBeVisible();
  await staff.setAvailability(id, {
    Monday: [
      { from: "09:00", to: "12:00" },
      { from: "13:00", to: "17:00" },
    ],
    Wednesday: [{ from: "10:00", to: "16:00" }],
  });
  await expect(staff.flash("Availability saved.")).toBeVisible();
  const grid = page.getByRole("table", { name: "Working hours by weekday" });
  await expect(grid.getByText("13:00–17:00")).toBeVisible();
  await expect(grid.getByText("10:00–16:00")).toBeVisible();

  // Time off: a range whose last day is before the first is refused; a valid range is listed.
  const first = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  const last = new Date(Date.now() + 12 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel("First day").fill(last);
  await page.getByLabel("Last day").fill(first);
  await page.getByRole("button", { name: "Add time off" }).click();
  await expect(page.getByText("Last day can't be before the first day.")).toBeVisible();
  await page.getByLabel("First day").fill(first);
  await page.getByLabel("Last day").fill(last);
  await page.getByLabel("Reason (optional)").fill("Holiday");
  await page.getByRole("button", { name: "Add time off" }).click();
  await expect(staff.flash("Time off added.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Planned time off" }).getByRole("listitem")).toHaveCount(1);

  // The list shows them active with their service; the trial cannot be taken twice.
  await staff.gotoList();
  await expect(staff.list().getByRole("listitem")).toHaveCount(1);
  await expect(staff.list().getByText(provider.service.name)).toBeVisible();
  await page.goto("/dashboard/upgrade");
  await expect(page.getByRole("button", { name: "Start 14-day free trial" })).toHaveCount(0);
});

test("a FREE provider's replayed staff POST changes nothing", async ({ newProvider }) => {
  const pro = await newProvider();
  await pro.page.goto("/dashboard/upgrade");
  await pro.page.getByRole("button", { name: "Start 14-day free trial" }).click();
  await expect(pro.page.getByText(/You are on the PRO plan/)).toBeVisible();

  // Record the real "add staff" server-action request of a PRO provider…
  await pro.page.goto("/dashboard/staff/new");
  await new StaffPages(pro.page).fill({ name: "Replayed Member" });
  const [request] = await Promise.all([
    pro.page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]),
    pro.page.getByRole("button", { name: "Add staff member" }).click(),
  ]);
  await expect(pro.page.getByRole("heading", { name: "Replayed Member", level: 1 })).toBeVisible();

  // …and send it again with a FREE provider's cookies.
  const free = await newProvider();
  const headers = await request.allHeaders();
  const replay = await free.page.request.post(new URL("/dashboard/staff/new", request.url()).toString(), {
    headers: { "next-action": headers["next-action"]!, "content-type": headers["content-type"]!, accept: headers["accept"] ?? "text/x-component" },
    data: request.postDataBuffer()!,
    maxRedirects: 0,
  });
  expect(replay.status()).toBeLessThan(500);
  expect(replay.headers()["x-action-redirect"] ?? replay.headers()["location"] ?? "").toContain("/dashboard/upgrade?feature=staff");

  // Once the FREE provider starts its own trial, its staff list is still empty.
  await free.page.goto("/dashboard/upgrade");
  await free.page.getByRole("button", { name: "Start 14-day free trial" }).click();
  await expect(free.page.getByText(/You are on the PRO plan/)).toBeVisible();
  await free.page.goto("/dashboard/staff");
  await expect(free.page.getByText("No staff yet")).toBeVisible();
});

test("an invited member sets a password through the single-use link and sees their own schedule", async ({ newProvider, mailbox, newGuestPage }) => {
  const provider = await newProvider();
  const { page } = provider;
  await page.goto("/dashboard/upgrade");
  await page.getByRole("button", { name: "Start 14-day free trial" }).click();
  await expect(page.getByText(/You are on the PRO plan/)).toBeVisible();
  const staff = new StaffPages(page);
  const email = uniqueEmail("invitee");
  await staff.add({ name: "Ivy Invitee", email, services: [provider.service.name] });

  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(staff.flash("Invitation sent.")).toBeVisible();
  await expect(page.getByText(`Invitation sent to ${email}`)).toBeVisible();
  const link = await mailbox.linkTo(email, /\/invite\//, { subject: /invited you/ });

  const member = await newGuestPage();
  await member.goto(link);
  await expect(member.getByRole("heading", { name: `Join ${provider.businessName}` })).toBeVisible();
  await member.getByLabel("Password", { exact: true }).fill(STAFF_PASSWORD);
  await member.getByLabel("Repeat password").fill("something-else-1");
  await member.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(member.getByText("The passwords don't match.")).toBeVisible();
  await member.getByLabel("Password", { exact: true }).fill(STAFF_PASSWORD);
  await member.getByLabel("Repeat password").fill(STAFF_PASSWORD);
  await member.getByRole("button", { name: "Set password and sign in" }).click();
  await expect(member).toHaveURL(/\/staff\?welcome=1$/);
  await expect(member.getByRole("heading", { name: "My schedule" })).toBeVisible();
  await expect(member.getByText(`Ivy Invitee at ${provider.businessName}`)).toBeVisible();
  await expect(member.getByText("No upcoming appointments")).toBeVisible();

  // The link worked once.
  const again = await newGuestPage();
  await again.goto(link);
  await expect(again.getByRole("heading", { name: "This invitation can't be used" })).toBeVisible();

  // The provider sees the login; a deactivated member's login sees nothing.
  await page.reload();
  await expect(page.getByText("They sign in with their own login")).toBeVisible();
  await page.getByRole("button", { name: "Deactivate", exact: true }).click();
  await expect(staff.flash("Staff member deactivated")).toBeVisible();
  await member.goto("/staff");
  await expect(member.getByText("Your staff access is switched off")).toBeVisible();
});

test("the demo staff login signs in to its schedule at Northside Physio", async ({ page }) => {
  const login = new LoginPage(page);
  await login.signInAs("staff@northside.example", DEMO.password);
  await expect(page).toHaveURL(/\/staff$/);
  await expect(page.getByText(`Priya Shah at ${DEMO.pro.name}`)).toBeVisible();
});

test("a guest books any available and then a named member; the 'any' booking moves to whoever is free; the provider filters and reassigns from the dashboard; the member sees exactly theirs", async ({
  page,
  newGuestPage,
}, testInfo) => {
  const zone = "America/New_York";
  // A Tuesday some weeks out, a different one per project (both share the demo clinic).
  const date = nextWeekday(daysFromToday(testInfo.project.name === "phone" ? 21 : 14, zone), 2);
  const run = Math.random().toString(36).slice(2, 7);
  const guest = await newGuestPage();

  const book = async (who: string, name: string, nth: number) => {
    await guest.goto(`/p/${DEMO.pro.slug}`);
    await guest.getByRole("link", { name: "Book Follow-up session", exact: true }).click();
    await expect(guest.getByRole("heading", { name: "Choose who you'd like to see" })).toBeVisible();
    const choices = guest.getByRole("list", { name: "Staff" }).getByRole("link");
    await expect(choices.first()).toContainText("Any available");
    await guest.getByRole("link", { name: new RegExp(`^${who}`) }).click();
    await expect(guest.getByRole("heading", { name: "Choose a day" })).toBeVisible();
    await guest.goto(`${guest.url()}&date=${date}`);
    const times = guest.locator("section", { has: guest.getByRole("heading", { name: "Choose a time" }) }).getByRole("button");
    await times.nth(nth).click();
    await expect(guest.getByRole("heading", { name: "Your details" })).toBeVisible();
    await guest.getByLabel("Name", { exact: true }).fill(name);
    await guest.getByLabel("Email", { exact: true }).fill(uniqueEmail("staffbook"));
    await guest.getByLabel("Phone", { exact: true }).fill("+1 212 555 0199");
    await guest.getByRole("button", { name: /^(Confirm booking|Send booking request)$/ }).click();
    await expect(guest.getByRole("heading", { name: "Your appointment" })).toBeVisible();
  };
  await book("Any available", `Any Guest ${run}`, 0); // the day's first time → Priya (fewest that day, then display order)
  const anyManagePath = new URL(guest.url()).pathname;
  await expect(guest.getByRole("main")).toContainText("Priya Shah");
  await book("Marco Diaz", `Named Guest ${run}`, 1); // Marco's second time, 10:45

  // Booked as "any available", the first guest may move to any qualified member: the day's last
  // time is after Priya's hours (she stops at 16:00), so only Marco can take it and the booking moves to him.
  await guest.goto(`${anyManagePath}?reschedule=1&from=${date}&date=${date}#reschedule`);
  const newTimes = guest.locator("section", { has: guest.getByRole("heading", { name: "Choose a time" }) }).getByRole("button");
  const lastTime = (await newTimes.last().textContent())!.trim();
  expect(lastTime >= "16:00").toBe(true);
  await newTimes.last().click();
  await guest.getByRole("button", { name: "Confirm new time" }).click();
  await expect(guest.getByRole("status").filter({ hasText: "Your appointment has been moved" })).toBeVisible();
  await expect(guest.getByRole("main")).toContainText("Marco Diaz");
  await expect(guest.getByRole("main")).not.toContainText("Priya Shah");

  // The dashboard filters by member (a GET form); an id that is not one of the clinic's is ignored, with a message.
  await new LoginPage(page).signInAs(DEMO.pro.email, DEMO.password);
  await page.goto(`/dashboard?staff=${crypto.randomUUID()}`);
  await expect(page.getByText("We couldn't find that staff member, so everyone's appointments are shown.")).toBeVisible();
  await page.getByLabel("Staff member").selectOption({ label: "Marco Diaz" });
  await page.getByRole("button", { name: "Show", exact: true }).click();
  await expect(page).toHaveURL(/[?&]staff=[0-9a-f-]{36}/);
  const anyCard = page.getByRole("listitem", { name: new RegExp(`Any Guest ${run}`) });
  const namedCard = page.getByRole("listitem", { name: new RegExp(`Named Guest ${run}`) });
  await expect(anyCard).toContainText("With Marco Diaz");
  await expect(namedCard).toContainText("With Marco Diaz");

  // Reassign from the card: nobody else works as late as the moved booking, so no one is offered…
  await anyCard.getByRole("link", { name: "Reassign…" }).click();
  await expect(anyCard.getByText("Nobody else who provides this service is free then.")).toBeVisible();
  // …while Priya is free at 10:45: the provider moves Marco's appointment to her.
  await namedCard.getByRole("link", { name: "Reassign…" }).click();
  await expectAccessible(page, "the dashboard filtered by member, a card's reassign choice open");
  await namedCard.getByLabel(`Reassign Named Guest ${run}'s appointment to`).selectOption({ label: "Priya Shah" });
  await namedCard.getByRole("button", { name: "Reassign" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Appointment reassigned." })).toBeVisible();
  await expect(namedCard).toHaveCount(0);
  await expect(anyCard).toBeVisible();

  // Priya's login sees exactly hers: the reassigned one, not the one that moved to Marco.
  const staffPage = await newGuestPage();
  await new LoginPage(staffPage).signInAs("staff@northside.example", DEMO.password);
  await expect(staffPage.getByText(`Named Guest ${run}`)).toBeVisible();
  await expect(staffPage.getByText(`Any Guest ${run}`)).toHaveCount(0);
});

test("deactivating a member with future appointments resolves them first: reassigned where a colleague is free, cancelled with a notice otherwise", async ({
  newProvider,
  request,
  mailbox,
}) => {
  const provider = await newProvider({ plan: "pro" });
  const { page } = provider;
  const staff = new StaffPages(page);
  const leaving = await staff.add({ name: "Lee Leaving", services: [provider.service.name] });
  const early = await staff.add({ name: "Ed Early", services: [provider.service.name] });
  await staff.setAvailability(leaving, { Tuesday: [{ from: "09:00", to: "17:00" }] });
  await expect(staff.flash("Availability saved.")).toBeVisible();
  await staff.setAvailability(early, { Tuesday: [{ from: "09:00", to: "12:00" }] });
  await expect(staff.flash("Availability saved.")).toBeVisible();

  // Two "any available" bookings on a Tuesday: both go to Lee (first in display order; only Lee works at 15:00).
  const date = nextWeekday(daysFromToday(5, provider.timezone), 2);
  const morning = { name: "Mo Morning", email: uniqueEmail("morning"), phone: "+1 212 555 0101" };
  const afternoon = { name: "Al Afternoon", email: uniqueEmail("afternoon"), phone: "+1 212 555 0102" };
  expect((await bookViaApi(request, provider, { date, time: "09:00" }, morning)).staffId).toBe(leaving);
  expect((await bookViaApi(request, provider, { date, time: "15:00" }, afternoon)).staffId).toBe(leaving);

  await page.goto(`/dashboard/staff/${leaving}`);
  await page.getByRole("link", { name: "Deactivate…" }).click();
  await expect(page.getByRole("heading", { name: "Before you deactivate Lee Leaving", level: 1 })).toBeVisible();
  await expect(page.getByText("1 appointment can go to a free colleague; 1 has nobody free and would be cancelled with a notice.")).toBeVisible();
  await expectAccessible(page, "the resolve page");
  await page.getByRole("link", { name: "Reassign all, cancel the rest…" }).click();
  await page.getByRole("button", { name: "Yes, reassign 1, cancel 1 and deactivate" }).click();
  await expect(staff.flash("Staff member deactivated")).toContainText("1 appointment reassigned and 1 cancelled; each client has been told.");
  await expect(page.getByText("Inactive: clients can't book them.")).toBeVisible();

  const moved = await mailbox.latestTo(morning.email, { subject: /^Update: / });
  expect(moved.text).toContain("is now with Ed Early. The time stays the same.");
  await mailbox.latestTo(afternoon.email, { subject: /^Cancelled: / });
});
