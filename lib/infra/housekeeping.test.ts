import { describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { emailVerificationTokens, mailMessages, passwordResetTokens, rateLimits, users } from "@/db/schema";
import { hitRateLimit } from "./rate-limit";
import { purgeExpired } from "./housekeeping";

describe.each(testDrivers())("housekeeping on %s", (kind) => {
  const t = setUpTestDb(kind);

  it("deletes passed rate-limit windows, old spent tokens and old captured mail, and keeps the rest", async () => {
    const now = new Date("2030-06-30T12:00:00Z");
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    // 500 spoofed-address rows from two days ago, one live row.
    for (let i = 0; i < 500; i++) await hitRateLimit(t.db, `api:10.0.${Math.floor(i / 250)}.${i % 250}`, 5, 60, daysAgo(2));
    await hitRateLimit(t.db, "api:live", 5, 60, now);

    const [u] = await t.db.insert(users).values({ email: "h@example.com", name: "H", role: "client" }).returning();
    await t.db.insert(emailVerificationTokens).values([
      { userId: u!.id, tokenHash: "v-old-used", expiresAt: daysAgo(9), usedAt: daysAgo(9) },
      { userId: u!.id, tokenHash: "v-old-expired", expiresAt: daysAgo(8) },
      { userId: u!.id, tokenHash: "v-recent-used", expiresAt: daysAgo(-1), usedAt: daysAgo(1) },
      { userId: u!.id, tokenHash: "v-live", expiresAt: daysAgo(-1) },
    ]);
    await t.db.insert(passwordResetTokens).values([
      { userId: u!.id, tokenHash: "r-old", expiresAt: daysAgo(10) },
      { userId: u!.id, tokenHash: "r-live", expiresAt: daysAgo(-0.02) },
    ]);
    await t.db.insert(mailMessages).values([
      { to: "a@example.com", subject: "old captured", text: "x", status: "captured", createdAt: daysAgo(40) },
      { to: "a@example.com", subject: "old sent", text: "x", status: "sent", createdAt: daysAgo(40) },
      { to: "a@example.com", subject: "new captured", text: "x", status: "captured", createdAt: daysAgo(1) },
    ]);

    expect(await purgeExpired(t.db, now)).toEqual({ rateLimits: 500, verificationTokens: 2, resetTokens: 1, capturedMail: 1 });
    expect((await t.db.select().from(rateLimits)).map((r) => r.key)).toEqual(["api:live"]);
    expect((await t.db.select().from(emailVerificationTokens)).map((r) => r.tokenHash).sort()).toEqual(["v-live", "v-recent-used"]);
    expect((await t.db.select().from(passwordResetTokens)).map((r) => r.tokenHash)).toEqual(["r-live"]);
    expect((await t.db.select().from(mailMessages)).map((r) => r.subject).sort()).toEqual(["new captured", "old sent"]);
    // Nothing left to do: a second run deletes nothing.
    expect(await purgeExpired(t.db, now)).toEqual({ rateLimits: 0, verificationTokens: 0, resetTokens: 0, capturedMail: 0 });
  });
});
