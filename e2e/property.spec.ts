import fc from "fast-check";
import type { APIRequestContext, Browser, BrowserContext } from "@playwright/test";
import { addDays, dateInZone } from "./dates";
import { expect, test, uniqueEmail } from "./fixtures";
import { createFixture, signInWithRequest } from "./test-api";

/*
 * Property: whatever a client sends — to the JSON API or to any server action behind a page's
 * form — the app answers without a 5xx or its "something went wrong" state, and writes nothing.
 *
 * Forms are read from each page as the server renders it (JavaScript off: the same fields a
 * browser without JavaScript posts, including React's `$ACTION_*` fields that name the action
 * and carry its bound arguments), then posted back with every field the user or the page
 * supplies replaced by a generated hostile value. Every generated value holds a C0 control
 * character, which no field of the app accepts, so every case must be refused; bound
 * arguments (ids a page binds to an action) are replaced the same way. "Writes nothing" is a
 * digest of every row belonging to this test's provider, client and staff, before and after.
 * Forms that take no input at all (sign out, "start trial") cannot be sent invalid: they are
 * listed, not generated.
 */

const PASSWORD = "a-long-password-1";
const TZ = "Europe/Berlin";
const RUNS_PER_FORM = Number(process.env.PROPERTY_RUNS_PER_FORM || 6);
const RUNS_PER_ENDPOINT = Number(process.env.PROPERTY_RUNS_PER_ENDPOINT || 40);

type World = {
  slug: string;
  providerId: string;
  serviceId: string;
  ownerEmail: string;
  ownerId: string;
  clientEmail: string;
  clientId: string;
  clientAppointmentId: string;
  managePath: string;
  staffId: string;
  staffEmail: string;
  staffUserId: string;
  date: string;
};

async function buildWorld(request: APIRequestContext): Promise<World> {
  const tag = Math.random().toString(36).slice(2, 8);
  const ownerEmail = uniqueEmail("prop-owner");
  const p = await createFixture<{ provider: { id: string; slug: string }; service: { id: string }; owner: { id: string } }>(request, {
    kind: "provider",
    email: ownerEmail,
    password: PASSWORD,
    ownerName: "Prop Owner",
    businessName: `Property Studio ${tag}`,
    slug: `property-${tag}`,
    timezone: TZ,
    plan: "pro",
    service: { name: "Cut", durationMinutes: 30, priceCents: 2500 },
  });
  const clientEmail = uniqueEmail("prop-client");
  const client = await createFixture<{ id: string }>(request, { kind: "user", role: "client", email: clientEmail, name: "Prop Client", password: PASSWORD });
  const date = addDays(dateInZone(new Date(), TZ), 3);
  const own = await createFixture<{ id: string }>(request, {
    kind: "appointment",
    providerId: p.provider.id,
    serviceId: p.service.id,
    date,
    time: "10:00",
    timezone: TZ,
    clientName: "Prop Client",
    clientEmail,
    clientUserId: client.id,
  });
  const guest = await createFixture<{ managePath: string }>(request, {
    kind: "appointment",
    providerId: p.provider.id,
    serviceId: p.service.id,
    date,
    time: "11:00",
    timezone: TZ,
    clientName: "Guest Person",
    clientEmail: uniqueEmail("prop-guest"),
  });
  const staffEmail = uniqueEmail("prop-staff");
  const staff = await createFixture<{ id: string; userId: string }>(request, {
    kind: "staff",
    providerId: p.provider.id,
    name: "Sam Staff",
    login: { email: staffEmail, password: PASSWORD },
  });
  return {
    slug: p.provider.slug,
    providerId: p.provider.id,
    serviceId: p.service.id,
    ownerEmail,
    ownerId: p.owner.id,
    clientEmail,
    clientId: client.id,
    clientAppointmentId: own.id,
    managePath: guest.managePath,
    staffId: staff.id,
    staffEmail,
    staffUserId: staff.userId,
    date,
  };
}

const fingerprint = (request: APIRequestContext, w: World) =>
  createFixture<{ tables: Record<string, string> }>(request, {
    kind: "fingerprint",
    providerIds: [w.providerId],
    userIds: [w.ownerId, w.clientId, w.staffUserId],
  }).then((r) => r.tables);

// ---- generated values -------------------------------------------------------------------

const CONTROLS = ["\u0000", "\u0001", "\u0002", "\u0003", "\u0004", "\u0005", "\u0006", "\u0007", "\u0008", "\u000e", "\u001b"];
const NASTY = [
  "__proto__",
  "constructor",
  "toString",
  "' or 1=1 --",
  "<script>alert(1)</script>",
  "9999-99-99",
  "2026-02-30T25:61:00+99:00",
  "-1",
  "1e309",
  "NaN",
  "../../etc/passwd",
  "%00",
  "\u202egnp.exe",
  "😀😀😀",
  "x".repeat(5000),
  "00000000-0000-0000-0000-000000000000",
];

/** A string no field of the app accepts: it always carries a C0 control inside. */
const hostileString = fc
  .tuple(fc.string({ maxLength: 12 }), fc.constantFrom(...CONTROLS), fc.oneof(fc.string({ maxLength: 24 }), fc.constantFrom(...NASTY)))
  .map(([a, c, b]) => `x${a}${c}${b}`);

/** Extra keys a client may add: prototype names, duplicates of real ones, junk. */
const extraKeys = fc.array(
  fc.tuple(fc.oneof(fc.constantFrom("__proto__", "constructor", "prototype", "hasOwnProperty", "$ACTION_KEY_x"), fc.string({ minLength: 1, maxLength: 10 })), hostileString),
  { maxLength: 3 },
);

// ---- forms --------------------------------------------------------------------------------

type Field = { name: string; type: string; value: string };
type Form = { page: string; label: string; fields: Field[] };

const ACTION_IDENTITY = /^\$ACTION_(ID_.*|REF_\d+|KEY|\d+:0)$/;
const BOUND_ARGUMENT = /^\$ACTION_\d+:[1-9]\d*$/;

async function formsOn(context: BrowserContext, path: string): Promise<Form[]> {
  const page = await context.newPage();
  try {
    const res = await page.goto(path);
    expect(res?.status(), `GET ${path}`).toBeLessThan(400);
    const forms = await page.$$eval("form", (els) =>
      els.map((f) => ({
        method: (f.getAttribute("method") ?? "get").toLowerCase(),
        action: f.getAttribute("action") ?? "",
        label: (f.getAttribute("aria-label") || f.querySelector("button")?.textContent || "").trim().replace(/\s+/g, " ").slice(0, 60),
        fields: Array.from(f.elements)
          .filter((e): e is HTMLInputElement => "name" in e && !!(e as HTMLInputElement).name)
          .map((e) => ({ name: e.name, type: e.type, value: e.value })),
      })),
    );
    // Posted back to the page itself: React's no-JavaScript forms carry action="" or none.
    return forms.filter((f) => f.method === "post" && (f.action === "" || f.action === path)).map((f) => ({ page: path, label: f.label, fields: f.fields }));
  } finally {
    await page.close();
  }
}

/** The form's fields with every input replaced; undefined when the form takes no input at all. */
function corrupted(form: Form, values: string[], extras: [string, string][]): FormData | undefined {
  const body = new FormData();
  let replaced = 0;
  let i = 0;
  const next = () => values[i++ % values.length]!;
  for (const f of form.fields) {
    if (ACTION_IDENTITY.test(f.name)) body.append(f.name, f.value);
    else if (BOUND_ARGUMENT.test(f.name)) {
      const bound = replaceStrings(JSON.parse(f.value), next);
      if (bound.count === 0) body.append(f.name, f.value);
      else {
        replaced += bound.count;
        body.append(f.name, JSON.stringify(bound.value));
      }
    } else {
      replaced++;
      body.append(f.name, next());
    }
  }
  if (replaced === 0) return undefined;
  for (const [k, v] of extras) body.append(k, v);
  return body;
}

/** Every string leaf replaced (React's `$`-prefixed references kept: they are the encoding). */
function replaceStrings(value: unknown, next: () => string): { value: unknown; count: number } {
  if (typeof value === "string") return value.startsWith("$") ? { value, count: 0 } : { value: next(), count: 1 };
  if (Array.isArray(value)) {
    let count = 0;
    const out = value.map((v) => {
      const r = replaceStrings(v, next);
      count += r.count;
      return r.value;
    });
    return { value: out, count };
  }
  return { value, count: 0 };
}

const SOMETHING_WRONG = /Something went wrong on our side|Application error|Internal Server Error/i;

type Tally = { cases: number; forms: string[]; noInput: string[] };

async function fuzzForms(context: BrowserContext, paths: string[], check: () => Promise<Record<string, string>>, tally: Tally) {
  const seen = new Set<string>();
  for (const path of paths) {
    for (const form of await formsOn(context, path)) {
      const key = form.fields.filter((f) => ACTION_IDENTITY.test(f.name) && f.name !== "$ACTION_KEY").map((f) => f.name + f.value).join() + form.fields.map((f) => f.name).join();
      if (seen.has(key)) continue;
      seen.add(key);
      const name = `${path} [${form.label || "form"}]`;
      if (!corrupted(form, ["x\u0000"], [])) {
        tally.noInput.push(name);
        continue;
      }
      tally.forms.push(name);
      const before = await check();
      await fc.assert(
        fc.asyncProperty(fc.array(hostileString, { minLength: 1, maxLength: 6 }), extraKeys, async (values, extras) => {
          tally.cases++;
          const res = await context.request.post(path, { multipart: corrupted(form, values, extras)!, maxRedirects: 0, failOnStatusCode: false });
          const status = res.status();
          expect(status, `${name}: status`).toBeLessThan(500);
          if (status >= 300 && status < 400) expect(res.headers()["location"] ?? "", `${name}: redirect`).not.toMatch(/error=UNKNOWN/);
          else expect(await res.text(), `${name}: page`).not.toMatch(SOMETHING_WRONG);
        }),
        { numRuns: RUNS_PER_FORM },
      );
      expect(await check(), `${name}: nothing written`).toEqual(before);
    }
  }
}

async function signedIn(browser: Browser, baseURL: string, email?: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL, javaScriptEnabled: false });
  if (email) await signInWithRequest(context.request, email, PASSWORD);
  return context;
}

function report(name: string, tally: Tally) {
  const lines = [
    `${name}: ${tally.cases} generated cases over ${tally.forms.length} forms`,
    ...tally.forms.map((f) => `  fuzzed   ${f}`),
    ...tally.noInput.map((f) => `  no input ${f}`),
  ];
  console.log(lines.join("\n"));
  test.info().annotations.push({ type: "property", description: `${tally.cases} cases over ${tally.forms.length} forms` });
}

// ---- the properties -----------------------------------------------------------------------

test.describe("hostile input writes nothing and never fails the server", () => {
  test.describe.configure({ timeout: 300_000 });

  test("every server action a provider's pages post to", async ({ browser, baseURL, request }) => {
    const w = await buildWorld(request);
    const context = await signedIn(browser, baseURL!, w.ownerEmail);
    const tally: Tally = { cases: 0, forms: [], noInput: [] };
    await fuzzForms(
      context,
      [
        "/dashboard",
        "/dashboard/services",
        `/dashboard/services/${w.serviceId}`,
        "/dashboard/hours",
        "/dashboard/profile",
        "/dashboard/appointments/new",
        "/dashboard/staff",
        "/dashboard/staff/new",
        `/dashboard/staff/${w.staffId}`,
        `/dashboard/staff/${w.staffId}/edit`,
        `/dashboard/staff/${w.staffId}/availability`,
        "/dashboard/calendar",
      ],
      () => fingerprint(request, w),
      tally,
    );
    report("provider", tally);
    expect(tally.forms.length).toBeGreaterThan(8);
    await context.close();
  });

  test("every server action a client's and a staff member's pages post to", async ({ browser, baseURL, request }) => {
    const w = await buildWorld(request);
    const tally: Tally = { cases: 0, forms: [], noInput: [] };
    const client = await signedIn(browser, baseURL!, w.clientEmail);
    await fuzzForms(
      client,
      [
        "/account",
        `/account/appointments/${w.clientAppointmentId}`,
        `/account/appointments/${w.clientAppointmentId}/rebook`,
        "/account/favorites",
        "/account/preferences",
        "/account/settings",
        `/p/${w.slug}`,
      ],
      () => fingerprint(request, w),
      tally,
    );
    await client.close();
    const staff = await signedIn(browser, baseURL!, w.staffEmail);
    await fuzzForms(staff, ["/staff"], () => fingerprint(request, w), tally);
    await staff.close();
    report("client and staff", tally);
    expect(tally.forms.length).toBeGreaterThan(5);
  });

  test("every server action a guest's pages post to", async ({ browser, baseURL, request }) => {
    const w = await buildWorld(request);
    const tally: Tally = { cases: 0, forms: [], noInput: [] };
    const guest = await signedIn(browser, baseURL!);
    await fuzzForms(
      guest,
      [
        `/p/${w.slug}/book?serviceId=${w.serviceId}&date=${w.date}`,
        `/p/${w.slug}/book?serviceId=${w.serviceId}&date=${w.date}&start=${encodeURIComponent(new Date(`${w.date}T14:00:00+01:00`).toISOString())}`,
        w.managePath,
        "/login",
        "/register",
        "/forgot-password",
      ],
      () => fingerprint(request, w),
      tally,
    );

    // The control: the same harness posting a form as the page filled it does write (the guest
    // cancels), so "nothing written" above is the app refusing, not the posts going nowhere.
    const before = await fingerprint(request, w);
    const cancel = (await formsOn(guest, w.managePath)).find((f) => /cancel/i.test(f.label))!;
    const asFilled = new FormData();
    for (const f of cancel.fields) asFilled.append(f.name, f.value);
    const res = await guest.request.post(w.managePath, { multipart: asFilled, maxRedirects: 0, failOnStatusCode: false });
    expect(res.status()).toBeLessThan(400);
    expect((await fingerprint(request, w)).appointments).not.toBe(before.appointments);
    await guest.close();
    report("guest", tally);
    expect(tally.forms.length).toBeGreaterThan(4);
  });

  test("the JSON API", async ({ request }) => {
    const w = await buildWorld(request);
    const before = await fingerprint(request, w);
    let cases = 0;
    const anything = fc.oneof(hostileString, fc.anything({ maxDepth: 2 }));
    const bookingBody = fc.record(
      {
        serviceId: fc.oneof(fc.constant(w.serviceId), anything),
        start: hostileString,
        name: anything,
        email: fc.oneof(fc.constant("guest@example.com"), anything),
        phone: anything,
        notes: anything,
        staffId: anything,
      },
      { requiredKeys: ["start"] },
    );
    const json = async (res: Awaited<ReturnType<APIRequestContext["get"]>>, what: string) => {
      cases++;
      expect(res.status(), what).toBeLessThan(500);
      if (res.status() >= 400 && (res.headers()["content-type"] ?? "").includes("json")) {
        expect(typeof ((await res.json()) as { error?: unknown }).error, `${what}: says why`).toBe("string");
      }
    };

    await fc.assert(
      fc.asyncProperty(fc.oneof(bookingBody.map((b) => JSON.stringify(b)), fc.string({ maxLength: 80 }), fc.json()), fc.oneof(fc.constant(w.slug), fc.string({ minLength: 1, maxLength: 20 })), async (raw, slug) => {
        const res = await request.post(`/api/providers/${encodeURIComponent(slug)}/bookings`, { data: raw, headers: { "content-type": "application/json" }, failOnStatusCode: false });
        await json(res, `POST bookings ${raw.slice(0, 80)}`);
        expect(res.status(), "refused").toBeGreaterThanOrEqual(400);
      }),
      { numRuns: RUNS_PER_ENDPOINT },
    );
    await fc.assert(
      fc.asyncProperty(fc.dictionary(fc.constantFrom("serviceId", "from", "to", "staffId", "__proto__", "constructor", "date"), fc.oneof(hostileString, fc.string({ maxLength: 20 }))), async (query) => {
        const qs = new URLSearchParams(Object.entries(query)).toString();
        await json(await request.get(`/api/providers/${w.slug}/slots?${qs}`, { failOnStatusCode: false }), `GET slots ?${qs}`);
      }),
      { numRuns: RUNS_PER_ENDPOINT },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileString, fc.string({ minLength: 1, maxLength: 60 })), async (token) => {
        const t = encodeURIComponent(token);
        await json(await request.get(`/api/bookings/${t}/ics`, { failOnStatusCode: false }), `GET ics ${t}`);
        await json(await request.post(`/api/unsubscribe/${t}`, { form: { "List-Unsubscribe": "One-Click" }, failOnStatusCode: false }), `POST unsubscribe ${t}`);
        await json(await request.get(`/api/staff/${t}/photo`, { failOnStatusCode: false }), `GET photo ${t}`);
      }),
      { numRuns: RUNS_PER_ENDPOINT },
    );
    expect(await fingerprint(request, w), "nothing written").toEqual(before);
    console.log(`JSON API: ${cases} generated requests`);
    test.info().annotations.push({ type: "property", description: `${cases} API requests` });
  });
});
