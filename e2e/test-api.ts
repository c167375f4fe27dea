import { expect, type APIRequestContext } from "@playwright/test";
import type { FixtureRequest } from "@/test/e2e-fixtures";

/*
 * The e2e server's test-only set-up route (POST /api/test/fixtures, see
 * test/e2e-fixtures.ts) and a sign-in without the login screen. The secret is made per
 * run in playwright.config.ts and given to the web server and to every worker.
 */

export async function createFixture<T>(request: APIRequestContext, body: FixtureRequest): Promise<T> {
  const secret = process.env.E2E_FIXTURES_SECRET;
  if (!secret) throw new Error("E2E_FIXTURES_SECRET is not set (playwright.config.ts sets it)");
  const res = await request.post("/api/test/fixtures", { data: body, headers: { "x-e2e-fixtures-secret": secret } });
  expect(res.status(), `POST /api/test/fixtures ${body.kind}: ${await res.text()}`).toBe(201);
  return (await res.json()) as T;
}

/**
 * Signs in through Auth.js's credentials endpoint (what the login form's action does, minus the
 * page), so the request context's cookies — and its browser context's — carry the session.
 */
export async function signInWithRequest(request: APIRequestContext, email: string, password: string): Promise<void> {
  const csrf = await request.get("/api/auth/csrf");
  expect(csrf.status()).toBe(200);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await request.post("/api/auth/callback/credentials", {
    form: { csrfToken, email, password, callbackUrl: "/" },
    maxRedirects: 0,
  });
  expect(res.status(), "sign-in redirects").toBe(302);
  const location = res.headers()["location"] ?? "";
  expect(location, `sign-in as ${email} succeeded`).not.toMatch(/error=/);
  const cookies = (await request.storageState()).cookies;
  expect(cookies.some((c) => /session-token$/.test(c.name)), `a session cookie for ${email}`).toBe(true);
}

export type StudioFixture = {
  provider: { id: string; slug: string; businessName: string; timezone: string };
  service: { id: string; name: string };
};

/**
 * A business in Europe/London with one 60-minute "Massage" (£50), made through the fixtures
 * route: "<name> Studio <id>" at /p/<tag>-<id>, its owner signing in with `password`.
 */
export function createMassageStudio(request: APIRequestContext, o: { name: string; tag: string; ownerName: string; password: string }): Promise<StudioFixture> {
  const id = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  return createFixture<StudioFixture>(request, {
    kind: "provider",
    email: `${o.tag}-owner-${id}@example.com`,
    password: o.password,
    ownerName: o.ownerName,
    businessName: `${o.name} Studio ${id}`,
    slug: `${o.tag}-${id}`,
    timezone: "Europe/London",
    service: { name: "Massage", durationMinutes: 60, priceCents: 5000 },
  });
}

/** An appointment at 10:00 London time `date`, of a studio's massage, for a client by email. */
export async function addStudioAppointment(
  request: APIRequestContext,
  studio: StudioFixture,
  a: { date: string; status: "completed" | "confirmed"; clientName: string; clientEmail: string; clientPhone?: string },
): Promise<void> {
  await createFixture(request, {
    kind: "appointment",
    providerId: studio.provider.id,
    serviceId: studio.service.id,
    time: "10:00",
    timezone: "Europe/London",
    minutes: 60,
    ...a,
  });
}
