import { randomBytes } from "node:crypto";
import { test as base, expect, type APIRequestContext, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { BookingFlow } from "./pages/booking-flow";
import { LoginPage } from "./pages/login-page";
import { ManagePage } from "./pages/manage-page";
import { RegisterPage } from "./pages/register-page";
import { SiteHeader } from "./pages/site-header";
import { daysFromToday } from "./dates";
import { bookViaApi, setUpProvider, type ApiBooking, type Guest, type ProviderOptions, type TestProvider } from "./providers";
import { createFixture, signInWithRequest } from "./test-api";

/** The demo data every e2e server starts with (scripts/lib/seed.ts). */
export const DEMO = {
  password: "slotbook-demo-1",
  provider: { email: "provider@bloom.example", slug: "bloom-hair", name: "Bloom Hair Studio" },
  pro: { email: "pro@northside.example", slug: "northside-physio", name: "Northside Physio" },
  client: { email: "client@example.com", name: "Casey Client" },
} as const;

/** An address no other test (or earlier run against the same server) has used. */
export function uniqueEmail(prefix = "e2e"): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}@example.com`;
}

/** A guest's details under a fresh address: "Cora Client" → cora-…@example.com. */
export function newGuest(name: string, phone: string, notes?: string): Guest {
  const email = uniqueEmail(name.split(" ")[0]!.toLowerCase());
  return notes === undefined ? { name, email, phone } : { name, email, phone, notes };
}

export type Mail = { id: string; to: string; subject: string; text: string; links: string[] };

/**
 * Reads captured mail (the rows /dev/mailbox lists) through the e2e server's test route: no
 * browser page per read. Mail is written in the transaction of the action that sends it, so a
 * read right after the action finds it; reads still poll, for actions that return first.
 */
export class Mailbox {
  constructor(private readonly request: APIRequestContext) {}

  /**
   * The newest mail to `email` (optionally whose subject matches), waiting until one arrives.
   * Pass `after` (a mail returned earlier) to wait for a newer one.
   */
  async latestTo(email: string, opts: { subject?: string | RegExp; after?: Mail; timeoutMs?: number } = {}): Promise<Mail> {
    let found: Mail | undefined;
    await expect(async () => {
      const { mails } = await createFixture<{ mails: Mail[] }>(this.request, { kind: "mails", to: email });
      const subject = opts.subject;
      found = mails.find((m) => !subject || (typeof subject === "string" ? m.subject.includes(subject) : subject.test(m.subject)));
      expect(found, `a mail to ${email}${subject ? ` matching ${subject}` : ""}`).toBeDefined();
      if (opts.after) expect(sameMail(found!, opts.after), "a mail newer than the previous one").toBe(false);
    }).toPass({ timeout: opts.timeoutMs ?? 15_000, intervals: [100, 250, 500] });
    return found!;
  }

  /** The manage link (/bookings/<token>) in the newest booking confirmation to `email`. */
  manageLink(email: string): Promise<string> {
    return this.linkTo(email, /\/bookings\/[^/?#]+$/, { subject: /^Booking confirmed/ });
  }

  /** The first link in the newest mail to `email` whose URL matches `pattern`. */
  async linkTo(email: string, pattern: RegExp, opts: { subject?: string | RegExp; after?: Mail } = {}): Promise<string> {
    const mail = await this.latestTo(email, opts);
    const link = mail.links.find((l) => pattern.test(l));
    if (!link) throw new Error(`No link matching ${pattern} in "${mail.subject}": ${mail.links.join(", ") || "(none)"}`);
    return link;
  }
}

function sameMail(a: Mail, b: Mail): boolean {
  return a.id === b.id;
}

export type DemoRole = "client" | "provider" | "pro";
type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

type WorkerFixtures = {
  /** The session cookies of a demo account, signed in once per worker and role. */
  demoSession: (role: DemoRole) => Promise<StorageState>;
};

export type BookedProvider = { provider: TestProvider; service: string; date: string; booking: ApiBooking };

type Fixtures = {
  /**
   * Signs `page`'s browser context in as a demo account without the login screen (for journeys
   * that test something else; auth.spec.ts tests the screen itself).
   */
  signInAs: (role: DemoRole) => Promise<void>;
  mailbox: Mailbox;
  loginPage: LoginPage;
  registerPage: RegisterPage;
  header: SiteHeader;
  bookingFlow: BookingFlow;
  managePage: ManagePage;
  /**
   * Registers a fresh provider (one service, weekly hours) signed in on its own page, with this
   * project's viewport; its context is closed after the test.
   */
  newProvider: (opts?: ProviderOptions) => Promise<TestProvider>;
  /**
   * A fresh provider (as newProvider) with `guest` booked through the JSON API, `daysOut` days
   * from today at `time` on the provider's clock: for journeys that start from a booking.
   */
  bookedProvider: (b: { daysOut: number; time: string; guest: Guest; provider?: ProviderOptions }) => Promise<BookedProvider>;
  /** Another person's browser (own cookies) with this project's device settings; closed after the test. */
  newGuestPage: () => Promise<Page>;
  /** This project's device settings, for contexts a test opens itself. */
  deviceOptions: BrowserContextOptions;
};

/** A fixture that hands the test a page object of its `page`. */
function pageObject<T>(PageObject: new (page: Page) => T) {
  return async ({ page }: { page: Page }, provide: (value: T) => Promise<void>) => {
    await provide(new PageObject(page));
  };
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  demoSession: [
    async ({ playwright }, provide, workerInfo) => {
      const sessions = new Map<DemoRole, Promise<StorageState>>();
      await provide((role) => {
        let session = sessions.get(role);
        if (!session) {
          session = (async () => {
            const request = await playwright.request.newContext({ baseURL: workerInfo.project.use.baseURL });
            try {
              await signInWithRequest(request, DEMO[role].email, DEMO.password);
              return await request.storageState();
            } finally {
              await request.dispose();
            }
          })();
          sessions.set(role, session);
        }
        return session;
      });
    },
    { scope: "worker" },
  ],
  signInAs: async ({ page, demoSession }, provide) => {
    await provide(async (role) => {
      await page.context().addCookies((await demoSession(role)).cookies);
    });
  },
  mailbox: async ({ request }, provide) => {
    await provide(new Mailbox(request));
  },
  loginPage: pageObject(LoginPage),
  registerPage: pageObject(RegisterPage),
  header: pageObject(SiteHeader),
  bookingFlow: pageObject(BookingFlow),
  managePage: pageObject(ManagePage),
  deviceOptions: async ({ baseURL, viewport, isMobile, hasTouch, userAgent, deviceScaleFactor, timezoneId, locale }, provide) => {
    await provide({ baseURL, viewport, isMobile, hasTouch, userAgent, deviceScaleFactor, timezoneId, locale });
  },
  newProvider: async ({ browser, deviceOptions }, provide) => {
    const made: TestProvider[] = [];
    await provide(async (opts) => {
      const provider = await setUpProvider(browser, deviceOptions, opts);
      made.push(provider);
      return provider;
    });
    await Promise.all(made.map((p) => p.context.close()));
  },
  bookedProvider: async ({ request, newProvider }, provide) => {
    await provide(async ({ daysOut, time, guest, provider: opts }) => {
      const provider = await newProvider(opts);
      const date = daysFromToday(daysOut, provider.timezone);
      const booking = await bookViaApi(request, provider, { date, time }, guest);
      return { provider, service: provider.service.name, date, booking };
    });
  },
  newGuestPage: async ({ browser, deviceOptions }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async () => {
      const context = await browser.newContext(deviceOptions);
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((c) => c.close()));
  },
});

export { expect };
