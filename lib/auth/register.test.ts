import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { emailVerificationTokens, mailMessages, providers, users } from "@/db/schema";
import { AppError } from "@/lib/infra/errors";
import { DUPLICATE_EMAIL_MESSAGE, registerUser } from "./register";
import { registerSchema } from "./schemas";

const input = (over: Record<string, string> = {}) =>
  registerSchema.parse({ name: "Ana Client", email: "ana@example.com", password: "correct horse battery", role: "client", ...over });

describe.each(testDrivers())("registration on %s", (kind) => {
  const t = setUpTestDb(kind);

  const counts = async () => {
    const [u] = await t.db.select({ n: count() }).from(users);
    const [p] = await t.db.select({ n: count() }).from(providers);
    const [v] = await t.db.select({ n: count() }).from(emailVerificationTokens);
    const [m] = await t.db.select({ n: count() }).from(mailMessages);
    return { users: u!.n, providers: p!.n, tokens: v!.n, mails: m!.n };
  };

  it("creates a client with a hashed password, a verification token and a mail with the link", async () => {
    const { user, provider } = await registerUser(t.db, input({ email: "  Ana@Example.COM " }));
    expect(user.email).toBe("ana@example.com");
    expect(user.role).toBe("client");
    expect(provider).toBeNull();

    const [row] = await t.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row!.emailVerifiedAt).toBeNull();

    const tokens = await t.db.select().from(emailVerificationTokens).where(eq(emailVerificationTokens.userId, user.id));
    expect(tokens).toHaveLength(1);
    const hoursValid = (tokens[0]!.expiresAt.getTime() - tokens[0]!.createdAt.getTime()) / 3600_000;
    expect(Math.round(hoursValid)).toBe(24);

    const [mail] = await t.db.select().from(mailMessages).where(eq(mailMessages.to, "ana@example.com"));
    expect(mail!.subject).toMatch(/verify/i);
    const token = mail!.text.match(/\/verify-email\/([A-Za-z0-9_-]+)/)?.[1];
    expect(token).toBeDefined();
    // Only the hash is stored, never the token from the link.
    expect(tokens[0]!.tokenHash).not.toBe(token);
    expect(tokens[0]!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("creates a provider with its business, time zone and slug", async () => {
    const { user, provider } = await registerUser(
      t.db,
      input({ name: "Bo", email: "bo@example.com", role: "provider", businessName: "Bo's Barber Shop", timezone: "Asia/Kolkata" }),
    );
    expect(user.role).toBe("provider");
    expect(provider).toMatchObject({ ownerId: user.id, businessName: "Bo's Barber Shop", slug: "bo-s-barber-shop", timezone: "Asia/Kolkata" });
  });

  it("refuses a duplicate email, whatever its case, and writes nothing", async () => {
    const before = await counts();
    const err = await registerUser(
      t.db,
      input({ email: "ANA@example.com", role: "provider", businessName: "Dup", timezone: "UTC" }),
    ).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).fieldErrors?.email).toEqual([DUPLICATE_EMAIL_MESSAGE]);
    expect(await counts()).toEqual(before);
  });

  it("gives colliding business names distinct slugs: -2, -3 …", async () => {
    const slugs: string[] = [];
    for (const [i, name] of ["Hair Studio", "hair studio!", "HAIR-STUDIO"].entries()) {
      const { provider } = await registerUser(
        t.db,
        input({ name: "Owner", email: `owner${i}@example.com`, role: "provider", businessName: name, timezone: "Europe/Paris" }),
      );
      slugs.push(provider!.slug);
    }
    expect(slugs).toEqual(["hair-studio", "hair-studio-2", "hair-studio-3"]);
  });

  it("gives concurrent registrations of one business name distinct slugs", async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) =>
        registerUser(t.db, input({ name: "Y", email: `yoga${i}@example.com`, role: "provider", businessName: "Yoga Loft", timezone: "UTC" })),
      ),
    );
    const slugs = results.map((r) => r.provider!.slug).sort();
    expect(slugs).toEqual(["yoga-loft", "yoga-loft-2", "yoga-loft-3", "yoga-loft-4"]);
  });
});

describe("registration input", () => {
  it("requires 10-character passwords, and a business name and valid zone from providers", () => {
    const r = registerSchema.safeParse({ name: "A", email: "a@example.com", password: "short", role: "provider", businessName: "", timezone: "Mars/Olympus" });
    expect(r.success).toBe(false);
    const fields = r.success ? {} : Object.keys(z.flattenError(r.error).fieldErrors);
    expect(fields).toEqual(expect.arrayContaining(["password", "businessName", "timezone"]));
  });

  it("does not ask a client for a business", () => {
    expect(registerSchema.safeParse({ name: "A", email: "a@example.com", password: "0123456789", role: "client" }).success).toBe(true);
  });

  it("refuses roles other than client and provider", () => {
    expect(registerSchema.safeParse({ name: "A", email: "a@example.com", password: "0123456789", role: "staff" }).success).toBe(false);
  });
});
