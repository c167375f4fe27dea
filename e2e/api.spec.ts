import { addDays, daysFromToday, instantOf, timeInZone } from "./dates";
import { DEMO, expect, test, uniqueEmail } from "./fixtures";
import { apiSlots, setUpProvider, type ApiBooking, type ApiSlot, type TestProvider } from "./providers";

/*
 * The JSON API contract of DESIGN.md over real HTTP. One provider per worker and project; each
 * test books on its own day, so the tests do not depend on each other's bookings.
 */

let provider: TestProvider;

test.beforeAll(async ({ browser }, testInfo) => {
  test.setTimeout(60_000);
  provider = await setUpProvider(browser, { baseURL: testInfo.project.use.baseURL });
});

test.afterAll(async () => {
  await provider?.context.close();
});

const guest = () => ({ name: "Api Guest", email: uniqueEmail("api"), phone: "+44 20 7946 0123" });
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/;

test("GET slots answers { timezone, slots: [{ start, end, staffIds }] } on the provider's clock", async ({ request }) => {
  const date = daysFromToday(9, provider.timezone);
  const res = await request.get(`/api/providers/${provider.slug}/slots`, {
    params: { serviceId: provider.service.id, from: date, to: addDays(date, 1) },
  });
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/^application\/json/);
  const body = (await res.json()) as { timezone: string; slots: ApiSlot[] };
  expect(Object.keys(body).sort()).toEqual(["slots", "timezone"]);
  expect(body.timezone).toBe(provider.timezone);
  // 09:00–17:00 every day, 30-minute service: 16 starts a day, two days.
  expect(body.slots).toHaveLength(32);
  for (const slot of body.slots) {
    expect(Object.keys(slot).sort()).toEqual(["end", "staffIds", "start"]);
    expect(slot.start).toMatch(ISO);
    expect(slot.end).toMatch(ISO);
    expect(Date.parse(slot.end) - Date.parse(slot.start)).toBe(30 * 60_000);
    expect(slot.staffIds).toEqual([]);
  }
  expect(body.slots[0]!.start).toBe(instantOf(date, "09:00", provider.timezone).toISOString());
  expect(body.slots[15]!.start).toBe(instantOf(date, "16:30", provider.timezone).toISOString());
  expect(body.slots[16]!.start).toBe(instantOf(addDays(date, 1), "09:00", provider.timezone).toISOString());
});

test("POST bookings answers 201 { id, start, end, staffId, status, manageUrl }; the same slot again is 409", async ({
  request,
  baseURL,
}) => {
  const date = daysFromToday(6, provider.timezone);
  const start = instantOf(date, "10:00", provider.timezone).toISOString();
  const res = await request.post(`/api/providers/${provider.slug}/bookings`, {
    data: { serviceId: provider.service.id, start, ...guest(), notes: "Booked through the widget" },
  });
  expect(res.status(), await res.text()).toBe(201);
  const booking = (await res.json()) as ApiBooking;
  expect(Object.keys(booking).sort()).toEqual(["end", "id", "manageUrl", "staffId", "start", "status"]);
  expect(booking.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect(booking.start).toBe(start);
  expect(booking.end).toBe(instantOf(date, "10:30", provider.timezone).toISOString());
  expect(booking.staffId).toBeNull();
  expect(booking.status).toBe("confirmed");
  expect(booking.manageUrl).toMatch(new RegExp(`^${baseURL}/bookings/[A-Za-z0-9_-]{20,}$`));

  // The manage link opens the guest's page, and the slot is gone.
  const manage = await request.get(booking.manageUrl);
  expect(manage.status()).toBe(200);
  expect(await manage.text()).toContain("Your appointment");
  expect((await apiSlots(request, provider, date)).map((s) => s.start)).not.toContain(start);

  const again = await request.post(`/api/providers/${provider.slug}/bookings`, {
    data: { serviceId: provider.service.id, start, ...guest() },
  });
  expect(again.status()).toBe(409);
  // With that day's free times (the taken one is not among them).
  expect(await again.json()).toEqual({ error: "Sorry, that time was just taken. Please pick another time.", alternatives: await apiSlots(request, provider, date) });
});

test("invalid input is 422 with fieldErrors, and books nothing", async ({ request }) => {
  const date = daysFromToday(7, provider.timezone);
  const start = instantOf(date, "11:00", provider.timezone).toISOString();
  const url = `/api/providers/${provider.slug}/bookings`;
  const valid = { serviceId: provider.service.id, start, ...guest() };

  const badEmail = await request.post(url, { data: { ...valid, email: "not-an-email" } });
  expect(badEmail.status()).toBe(422);
  const badEmailBody = (await badEmail.json()) as { error: string; fieldErrors: Record<string, string[]> };
  expect(badEmailBody.error).toBeTruthy();
  expect(Object.keys(badEmailBody.fieldErrors)).toEqual(["email"]);
  expect(badEmailBody.fieldErrors.email).toEqual(["Enter a valid email address"]);

  const noBody = await request.post(url);
  expect(noBody.status()).toBe(422);
  expect(await noBody.json()).toEqual({ error: "The request body must be a JSON object.", fieldErrors: {} });

  const empty = await request.post(url, { data: {} });
  expect(empty.status()).toBe(422);
  const emptyBody = (await empty.json()) as { fieldErrors: Record<string, string[]> };
  expect(Object.keys(emptyBody.fieldErrors).sort()).toEqual(["email", "name", "phone", "serviceId", "start"]);

  // 11:07 is inside opening hours but not on the 30-minute grid.
  const offGrid = await request.post(url, { data: { ...valid, start: instantOf(date, "11:07", provider.timezone).toISOString() } });
  expect(offGrid.status()).toBe(422);
  const offGridBody = (await offGrid.json()) as { fieldErrors: Record<string, string[]> };
  expect(offGridBody.fieldErrors.start?.[0]).toBeTruthy();

  // A start without its UTC offset is refused rather than guessed.
  const localTime = await request.post(url, { data: { ...valid, start: `${date}T11:00:00` } });
  expect(localTime.status()).toBe(422);
  expect(((await localTime.json()) as { fieldErrors: Record<string, string[]> }).fieldErrors.start).toBeDefined();

  const slots = await apiSlots(request, provider, date);
  expect(slots).toHaveLength(16);
  expect(slots.map((s) => timeInZone(s.start, provider.timezone))).toContain("11:00");
});

test("an unknown provider, or another provider's service, is 404", async ({ request }) => {
  const date = daysFromToday(8, provider.timezone);
  const start = instantOf(date, "09:00", provider.timezone).toISOString();
  const body = { serviceId: provider.service.id, start, ...guest() };
  const query = { serviceId: provider.service.id, from: date, to: date };

  const unknownSlots = await request.get("/api/providers/no-such-business-e2e/slots", { params: query });
  expect(unknownSlots.status()).toBe(404);
  expect(((await unknownSlots.json()) as { error: string }).error).toBeTruthy();
  const unknownBooking = await request.post("/api/providers/no-such-business-e2e/bookings", { data: body });
  expect(unknownBooking.status()).toBe(404);

  // This test's service asked for at the demo business.
  const foreignSlots = await request.get(`/api/providers/${DEMO.provider.slug}/slots`, { params: query });
  expect(foreignSlots.status()).toBe(404);
  const foreignBooking = await request.post(`/api/providers/${DEMO.provider.slug}/bookings`, { data: body });
  expect(foreignBooking.status()).toBe(404);
  expect(((await foreignBooking.json()) as { error: string }).error).toBeTruthy();

  // Nothing was booked at either business.
  expect((await apiSlots(request, provider, date)).map((s) => s.start)).toContain(start);
});
