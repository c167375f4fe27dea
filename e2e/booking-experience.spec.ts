import { addDays, daysFromToday, timeInZone } from "./dates";
import { expect, test, uniqueEmail, type Mail } from "./fixtures";
import type { Page } from "@playwright/test";
import { AccountPage } from "./pages/account-page";
import { BookingFlow } from "./pages/booking-flow";
import { apiSlots, bookViaApi } from "./providers";
import { clickWhenHydrated } from "./pages/hydration";
import { createFixture, signInWithRequest } from "./test-api";

// Issue 23: the booking experience clients expect. Data is made through the fixtures route;
// only the screen under test is used through the UI.

test("the directory finds a business by a service it sells and by its city, in any case", async ({ page }) => {
  await page.goto("/");
  const search = page.getByRole("searchbox", { name: "Search businesses, services and places" });
  for (const q of ["haircut", "LONDON"]) {
    await search.fill(q);
    await clickWhenHydrated(page.getByRole("button", { name: "Search" }));
    await expect(page).toHaveURL(new RegExp(`[?&]q=${q}`));
    await expect(page.getByRole("status")).toContainText(new RegExp(`match(es)? “${q}”`));
    await expect(page.getByRole("list").getByText("Bloom Hair Studio", { exact: true })).toBeVisible();
  }
});

test("the booking page states the cancellation window before the details are sent, and whom to call inside it", async ({
  page,
  newProvider,
  bookingFlow,
  mailbox,
}) => {
  const provider = await newProvider({
    timezone: "Europe/London",
    profile: { cancellationWindowHours: 48, minNoticeMinutes: 0, phone: "+44 20 7946 0111" },
  });
  const later = daysFromToday(5, provider.timezone);
  await bookingFlow.openProviderPage(provider.slug, provider.businessName);
  await bookingFlow.startBooking(provider.service.name);
  await bookingFlow.chooseDay(later);
  await bookingFlow.chooseTime("10:00");
  const policy = page.getByRole("region", { name: "Cancellation policy" });
  await expect(policy).toContainText(/Free to cancel or change until \w+ \d+ \w+ 10:00 — 48 hours before\./);
  await expect(policy).toBeVisible();
  const guest = { name: "Polly Policy", email: uniqueEmail("policy"), phone: "+44 7700 900321" };
  await bookingFlow.fillDetails(guest);
  await bookingFlow.confirm();
  await bookingFlow.expectBooked();
  await expect(page.getByTestId("cancellation-policy")).toContainText("Free to cancel or change until");
  const mail = await mailbox.latestTo(guest.email, { subject: /^Booking confirmed/ });
  expect(mail.text).toMatch(/Free to cancel or change until \w+ \d+ \w+ 10:00 — 48 hours before\.\nTo cancel or reschedule/);

  // Tomorrow is inside the 48 hours: said before booking, with the phone to call instead.
  await bookingFlow.openProviderPage(provider.slug, provider.businessName);
  await bookingFlow.startBooking(provider.service.name);
  await bookingFlow.chooseDay(daysFromToday(1, provider.timezone));
  await bookingFlow.chooseTime("16:00");
  await expect(page.getByRole("region", { name: "Cancellation policy" })).toContainText(
    `can't be cancelled or changed online: it is less than 48 hours away. To cancel or change it, call ${provider.businessName} on +44 20 7946 0111.`,
  );
});

test("a provider sets a 30-minute interval and a 15-minute buffer, and the slots API shows both", async ({ newProvider, request }) => {
  test.skip(test.info().project.name !== "desktop", "the server's answers; the phone project would repeat them");
  const provider = await newProvider({
    timezone: "Europe/London",
    service: { name: "Blow-dry", durationMinutes: 45, price: "25" },
    hours: { Monday: [{ from: "09:00", to: "12:00" }], Tuesday: [{ from: "09:00", to: "12:00" }], Wednesday: [{ from: "09:00", to: "12:00" }], Thursday: [{ from: "09:00", to: "12:00" }], Friday: [{ from: "09:00", to: "12:00" }], Saturday: [{ from: "09:00", to: "12:00" }], Sunday: [{ from: "09:00", to: "12:00" }] },
  });
  const date = addDays(daysFromToday(3, provider.timezone), 0);
  const times = async () => (await apiSlots(request, provider, date)).map((s) => timeInZone(s.start, provider.timezone));
  // A 45-minute service steps by its length until the provider says otherwise.
  expect(await times()).toEqual(["09:00", "09:45", "10:30", "11:15"]);

  const page = provider.page;
  await page.goto("/dashboard/profile");
  await page.getByLabel("Start times").selectOption({ label: "Every 30 minutes" });
  await page.getByLabel("Buffer after (minutes)").fill("");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Buffer after is required.").first()).toBeVisible();
  await page.getByLabel("Buffer after (minutes)").fill("15");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Profile saved." })).toBeVisible();

  expect(await times()).toEqual(["09:00", "09:30", "10:00", "10:30", "11:00"]);
  await bookViaApi(request, provider, { date, time: "09:30" }, { name: "Bea Buffer", email: uniqueEmail("buffer"), phone: "+44 7700 900555" });
  // 09:30–10:15 keeps 10:15–10:30 free; 09:00 would run into it with its own 15 minutes after.
  expect(await times()).toEqual(["10:30", "11:00"]);
});

test("a signed-in client with a saved phone books without typing it", async ({ page, newProvider, bookingFlow }) => {
  const provider = await newProvider({ timezone: "Europe/London" });
  const email = uniqueEmail("prefill");
  const password = "a-long-password-2";
  await createFixture(page.context().request, { kind: "user", role: "client", email, name: "Pia Prefill", password, phone: "+44 7700 900777" });
  await signInWithRequest(page.context().request, email, password);

  await bookingFlow.openProviderPage(provider.slug, provider.businessName);
  await bookingFlow.startBooking(provider.service.name);
  await bookingFlow.chooseDay(daysFromToday(3, provider.timezone));
  await bookingFlow.chooseTime("11:00");
  await expect(bookingFlow.name).toHaveValue("Pia Prefill");
  await expect(bookingFlow.email).toHaveValue(email);
  await expect(bookingFlow.phone).toHaveValue("+44 7700 900777");
  await bookingFlow.confirm();
  await bookingFlow.expectBooked();
});

test("a guest who lost the mail gets their manage links from /bookings/find, reached from the dead link's 404", async ({
  page,
  bookedProvider,
  mailbox,
}) => {
  const guest = { name: "Lou Lost", email: uniqueEmail("lost"), phone: "+44 7700 900888" };
  const { provider } = await bookedProvider({ daysOut: 4, time: "10:00", guest, provider: { timezone: "Europe/London" } });

  await page.goto("/bookings/not-a-real-token-at-all-not-a-real-token-xx");
  await clickWhenHydrated(page.getByRole("link", { name: "Find my booking" }));
  await expect(page.getByRole("heading", { level: 1, name: "Find my booking" })).toBeVisible();
  await page.getByLabel("Email", { exact: true }).fill(guest.email);
  await page.getByRole("button", { name: "Email me my bookings" }).click();
  await expect(page.getByText("If there are upcoming bookings under that email")).toBeVisible();

  const mail = await mailbox.latestTo(guest.email, { subject: /Your booking and its link/ });
  expect(mail.text).toContain(provider.businessName);
  const link = mail.links.find((l) => /\/bookings\/[^/?#]+$/.test(l))!;
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "Your appointment" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText(provider.businessName);
});

test("a mail's unsubscribe link stops that topic's mail, and its texts keep coming", async ({ page, newProvider, bookingFlow, mailbox, newGuestPage }) => {
  const provider = await newProvider({ timezone: "Europe/London" });
  const email = uniqueEmail("texter");
  const password = "a-long-password-3";
  const phone = `+44 7700 9${String(Date.now()).slice(-5)}`;
  await createFixture(page.context().request, { kind: "user", role: "client", email, name: "Tess Texter", password, phone });
  await signInWithRequest(page.context().request, email, password);

  await page.goto("/account/preferences");
  await page.getByLabel("Text messages (SMS)").check();
  await page.getByRole("button", { name: "Save preferences" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your preferences have been saved." })).toBeVisible();
  await new AccountPage(page).expectNoSidewaysScroll();

  const day = daysFromToday(3, provider.timezone);
  const book = async (time: string) => {
    await bookingFlow.openProviderPage(provider.slug, provider.businessName);
    await bookingFlow.startBooking(provider.service.name);
    await bookingFlow.chooseDay(day);
    await bookingFlow.chooseTime(time);
    await bookingFlow.confirm();
    await bookingFlow.expectBooked();
  };
  await book("11:00");
  await expect(page.getByRole("status").filter({ hasText: "You're booked!" })).toContainText(`A confirmation is on its way to ${email}, with a text to ${phone}.`);

  const confirmation = await mailbox.latestTo(email, { subject: /^Booking confirmed/ });
  const unsubscribe = confirmation.links.find((l) => /\/unsubscribe\/[A-Za-z0-9_-]+$/.test(l))!;
  await page.goto(unsubscribe);
  await expect(page.getByText("Text messages are not affected: they have their own switch.")).toBeVisible();
  await page.getByRole("button", { name: "Unsubscribe from booking confirmations by email" }).click();
  await expect(page.getByRole("status")).toContainText("You won't get booking confirmations by email from Slotbook any more.");

  // The next booking: its confirmation comes by text only, and the page says so.
  await book("12:00");
  await expect(page.getByRole("status").filter({ hasText: "You're booked!" })).toContainText(`A confirmation is on its way to ${phone} by text.`);
  const { mails } = await createFixture<{ mails: Mail[] }>(page.context().request, { kind: "mails", to: email });
  expect(mails.filter((m) => m.subject.startsWith("Booking confirmed")).map((m) => m.id)).toEqual([confirmation.id]);
  const texts = await newGuestPage();
  await expect(async () => {
    await texts.goto(`/dev/mailbox?to=${encodeURIComponent(phone.replace(/\D/g, ""))}`);
    await expect(texts.getByRole("list", { name: "Text messages" }).getByRole("listitem").filter({ hasText: `Booked: ${provider.service.name}` })).toHaveCount(2, { timeout: 1000 });
  }).toPass({ timeout: 15_000 });

  await page.goto("/account/preferences");
  await expect(page.getByLabel("Booking confirmations by email")).not.toBeChecked();
  await expect(page.getByLabel("Booking confirmations by text")).toBeChecked();
});

test("on a phone the flow follows the thumb: a tapped day brings its times into view, a tapped time the details; by anchors without JavaScript too", async ({
  page,
  browser,
  newProvider,
  bookingFlow,
  deviceOptions,
}) => {
  test.skip(test.info().project.name !== "phone", "the fold of a 375 px screen");
  const provider = await newProvider({ timezone: "Europe/London" });
  const day = daysFromToday(3, provider.timezone);
  const details = (p: Page) => ({ heading: p.getByRole("heading", { name: "Your details" }), name: p.getByLabel("Name", { exact: true }) });

  await bookingFlow.openProviderPage(provider.slug, provider.businessName);
  await bookingFlow.startBooking(provider.service.name);
  await bookingFlow.dayButton(day).tap();
  await expect(page).toHaveURL(/#choose-time$/);
  const firstTime = page.getByRole("list").filter({ has: bookingFlow.timeButton("09:00") }).getByRole("button").first();
  await expect(firstTime).toHaveText("09:00");
  await expect(firstTime).toBeInViewport();
  await firstTime.tap();
  await expect(page).toHaveURL(/#your-details$/);
  await expect(details(page).heading).toBeInViewport();
  await expect(details(page).name).toBeInViewport();

  // Without JavaScript the forms are plain GETs whose action ends in the anchor: the browser scrolls.
  const noJs = await browser.newContext({ ...deviceOptions, javaScriptEnabled: false });
  try {
    const plain = await noJs.newPage();
    const flow = new BookingFlow(plain);
    await plain.goto(`/p/${provider.slug}`);
    await plain.getByRole("link", { name: `Book ${provider.service.name}`, exact: true }).click();
    await expect(plain.getByRole("heading", { name: "Choose a day" })).toBeVisible();
    await flow.dayButton(day).tap();
    await expect(plain).toHaveURL(/#choose-time$/);
    await expect(flow.timeButton("09:00")).toBeInViewport();
    await flow.timeButton("09:00").tap();
    await expect(plain).toHaveURL(/#your-details$/);
    await expect(details(plain).heading).toBeInViewport();
    await expect(details(plain).name).toBeInViewport();
  } finally {
    await noJs.close();
  }
});

test("the confirmation page says honestly what is coming: the mail, the text, or nothing because of the client's preferences", async ({
  page,
  browser,
  newProvider,
  bookingFlow,
  deviceOptions,
}) => {
  test.skip(test.info().project.name !== "desktop", "the words, not the layout: other journeys book on the phone");
  const provider = await newProvider({ timezone: "Europe/London" });
  const day = daysFromToday(4, provider.timezone);
  const booked = (p: Page) => p.getByRole("status").filter({ hasText: "You're booked!" });
  const book = async (flow: BookingFlow, time: string) => {
    await flow.openProviderPage(provider.slug, provider.businessName);
    await flow.startBooking(provider.service.name);
    await flow.chooseDay(day);
    await flow.chooseTime(time);
  };

  // A guest, who has no preferences: the mail is named.
  const guest = { name: "Gus Guest", email: uniqueEmail("honest-guest"), phone: "+44 7700 900111" };
  await book(bookingFlow, "09:00");
  await bookingFlow.fillDetails(guest);
  await bookingFlow.confirm();
  await bookingFlow.expectBooked();
  await expect(booked(page)).toContainText(`A confirmation is on its way to ${guest.email}.`);
  await expect(booked(page).getByRole("link", { name: "change your preferences" })).toHaveCount(0);

  const clients = [
    { time: "10:00", preferences: { bookingConfirmations: false }, says: "No confirmation will be sent: your notification preferences have booking confirmations turned off." },
    { time: "11:00", preferences: { emailEnabled: false }, says: "No confirmation will be sent: your notification preferences have email turned off." },
    { time: "12:00", preferences: { smsEnabled: true }, says: "with a text to" },
  ];
  for (const [i, c] of clients.entries()) {
    const email = uniqueEmail(`honest-${i}`);
    const phone = `+44 7700 90022${i}`;
    const context = await browser.newContext(deviceOptions);
    try {
      await createFixture(context.request, { kind: "user", role: "client", email, name: "Cleo Client", password: "a-long-password-4", phone, preferences: c.preferences });
      await signInWithRequest(context.request, email, "a-long-password-4");
      const p = await context.newPage();
      const flow = new BookingFlow(p);
      await book(flow, c.time);
      await flow.confirm();
      await flow.expectBooked();
      await expect(booked(p)).toContainText(c.says);
      const change = booked(p).getByRole("link", { name: "change your preferences" });
      if (c.preferences.smsEnabled) {
        await expect(booked(p)).toContainText(`A confirmation is on its way to ${email}, with a text to ${phone}.`);
        await expect(change).toHaveCount(0);
      } else {
        await expect(booked(p)).not.toContainText("on its way");
        await expect(change).toHaveAttribute("href", "/account/preferences");
      }
    } finally {
      await context.close();
    }
  }
});
