import { randomBytes } from "node:crypto";
import { test as base, expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from "@playwright/test";
import { BookingFlow } from "./pages/booking-flow";
import { LoginPage } from "./pages/login-page";
import { ManagePage } from "./pages/manage-page";
import { RegisterPage } from "./pages/register-page";
import { SiteHeader } from "./pages/site-header";
import { setUpProvider, type ProviderOptions, type TestProvider } from "./providers";
import { signInWithRequest } from "./test-api";

/** The demo data every e2e server starts with (db/seed.ts). */
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

export type Mail = { id: string; to: string; subject: string; text: string; links: string[] };

/**
 * Reads captured mail from /dev/mailbox (MAILBOX_UI=1 on the e2e server). Mail is delivered by
 * the job worker a moment after the action that sent it, so reads poll.
 */
export class Mailbox {
  constructor(
    private readonly browser: Browser,
    private readonly baseURL: string,
  ) {}

  /**
   * The newest mail to `email` (optionally whose subject matches), waiting until one arrives.
   * Pass `after` (a mail returned earlier) to wait for a newer one.
   */
  async latestTo(email: string, opts: { subject?: string | RegExp; after?: Mail; timeoutMs?: number } = {}): Promise<Mail> {
    const context = await this.browser.newContext({ baseURL: this.baseURL });
    const page = await context.newPage();
    try {
      let found: Mail | undefined;
      await expect(async () => {
        found = await this.readNewest(page, email, opts.subject);
        expect(found, `a mail to ${email}${opts.subject ? ` matching ${opts.subject}` : ""}`).toBeDefined();
        if (opts.after) expect(sameMail(found!, opts.after), "a mail newer than the previous one").toBe(false);
      }).toPass({ timeout: opts.timeoutMs ?? 15_000, intervals: [250, 500, 1000] });
      return found!;
    } finally {
      await context.close();
    }
  }

  /** The first link in the newest mail to `email` whose URL matches `pattern`. */
  async linkTo(email: string, pattern: RegExp, opts: { subject?: string | RegExp; after?: Mail } = {}): Promise<string> {
    const mail = await this.latestTo(email, opts);
    const link = mail.links.find((l) => pattern.test(l));
    if (!link) throw new Error(`No link matching ${pattern} in "${mail.subject}": ${mail.links.join(", ") || "(none)"}`);
    return link;
  }

  private async readNewest(page: Page, email: string, subject?: string | RegExp): Promise<Mail | undefined> {
    await page.goto(`/dev/mailbox?to=${encodeURIComponent(email)}`);
    // One <article> per mail, newest first (app/dev/mailbox): its heading is the subject, it
    // names the recipient, and ?to= matches by substring, so the recipient is checked again.
    const mails = page.getByRole("article");
    const count = await mails.count();
    for (let i = 0; i < count; i++) {
      const mail = mails.nth(i);
      const text = (await mail.innerText()).trim();
      if (!text.toLowerCase().includes(email.toLowerCase())) continue;
      const heading = mail.getByRole("heading").first();
      const mailSubject = (await heading.count()) > 0 ? (await heading.innerText()).trim() : text.split("\n")[0]!.trim();
      if (subject && !(typeof subject === "string" ? mailSubject.includes(subject) : subject.test(mailSubject))) continue;
      const links = await mail.locator("a[href^='http']").evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
      const id = (await mail.getAttribute("aria-labelledby")) ?? `${mailSubject}\n${text}`;
      return { id, to: email, subject: mailSubject, text, links };
    }
    return undefined;
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
  /** Another person's browser (own cookies) with this project's device settings; closed after the test. */
  newGuestPage: () => Promise<Page>;
  /** This project's device settings, for contexts a test opens itself. */
  deviceOptions: BrowserContextOptions;
};

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
  mailbox: async ({ browser, baseURL }, provide) => {
    await provide(new Mailbox(browser, baseURL!));
  },
  loginPage: async ({ page }, provide) => {
    await provide(new LoginPage(page));
  },
  registerPage: async ({ page }, provide) => {
    await provide(new RegisterPage(page));
  },
  header: async ({ page }, provide) => {
    await provide(new SiteHeader(page));
  },
  bookingFlow: async ({ page }, provide) => {
    await provide(new BookingFlow(page));
  },
  managePage: async ({ page }, provide) => {
    await provide(new ManagePage(page));
  },
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
