import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { testDrivers } from "@/test/db";
import { setUpTestDb } from "@/test/hooks";
import { mailMessages, passwordResetTokens, users } from "@/db/schema";
import { authenticate } from "./authenticate";
import { checkResetToken, requestPasswordReset, resetPassword, RESET_LIMITS } from "./password-reset";
import { registerUser } from "./register";
import { registerSchema } from "./schemas";

const OLD = "old password 123";
const NEW = "brand new password 456";

function tokenFrom(text: string): string {
  const m = /\/reset-password\/([A-Za-z0-9_-]+)/.exec(text);
  if (!m) throw new Error("no reset link in mail");
  return m[1]!;
}

describe.each(testDrivers())("password reset on %s", (kind) => {
  const t = setUpTestDb(kind);
  beforeAll(async () => {
    for (const email of ["rae@example.com", "sol@example.com"]) {
      await registerUser(t.db, registerSchema.parse({ name: "User", email, password: OLD, role: "client" }));
    }
  });

  const mailsTo = (to: string) => t.db.select().from(mailMessages).where(eq(mailMessages.to, to));

  it("mails a single-use link, stores only its hash, sets the password and ends every session", async () => {
    const [before] = await t.db.select({ v: users.sessionVersion }).from(users).where(eq(users.email, "rae@example.com"));
    expect(await requestPasswordReset(t.db, " RAE@example.com", "10.0.0.1")).toEqual({ ok: true });
    const mail = (await mailsTo("rae@example.com")).find((m) => m.subject === "Reset your Slotbook password");
    const token = tokenFrom(mail!.text);
    const stored = await t.db.select({ hash: passwordResetTokens.tokenHash }).from(passwordResetTokens);
    expect(stored.map((r) => r.hash)).not.toContain(token);

    expect(await checkResetToken(t.db, token)).toBe("valid");
    expect(await resetPassword(t.db, token, NEW)).toEqual({ ok: true, email: "rae@example.com" });
    expect(await resetPassword(t.db, token, "another password 789")).toEqual({ ok: false, reason: "used" });
    expect((await authenticate(t.db, "rae@example.com", NEW, { ip: "10.0.0.2" })).ok).toBe(true);
    expect((await authenticate(t.db, "rae@example.com", OLD, { ip: "10.0.0.2" })).ok).toBe(false);
    const [after] = await t.db.select({ v: users.sessionVersion }).from(users).where(eq(users.email, "rae@example.com"));
    expect(after!.v).toBe(before!.v + 1);
  });

  it("expires after an hour", async () => {
    const now = new Date("2030-01-01T10:00:00Z");
    await requestPasswordReset(t.db, "sol@example.com", "10.0.1.1", now);
    const mails = await mailsTo("sol@example.com");
    const token = tokenFrom(mails.at(-1)!.text);
    const later = new Date(now.getTime() + 61 * 60_000);
    expect(await checkResetToken(t.db, token, later)).toBe("expired");
    expect(await resetPassword(t.db, token, NEW, later)).toEqual({ ok: false, reason: "expired" });
    expect(await resetPassword(t.db, "not-a-real-token-but-long-enough", NEW)).toEqual({ ok: false, reason: "unknown" });
  });

  it("answers the same for an unknown email, sends nothing, and is rate-limited per address", async () => {
    const now = new Date("2030-02-01T10:00:00Z");
    expect(await requestPasswordReset(t.db, "nobody@example.com", "10.0.2.1", now)).toEqual({ ok: true });
    expect(await mailsTo("nobody@example.com")).toHaveLength(0);
    for (let i = 1; i < RESET_LIMITS.perIp; i++) await requestPasswordReset(t.db, `x${i}@example.com`, "10.0.2.1", now);
    expect(await requestPasswordReset(t.db, "sol@example.com", "10.0.2.1", now)).toMatchObject({ ok: false, reason: "rate_limited" });
  });

  it("sends at most 3 links an hour to one account, silently", async () => {
    const now = new Date("2030-03-01T10:00:00Z");
    const before = (await mailsTo("sol@example.com")).length;
    for (let i = 0; i < 6; i++) expect(await requestPasswordReset(t.db, "sol@example.com", `10.0.3.${i}`, now)).toEqual({ ok: true });
    expect((await mailsTo("sol@example.com")).length - before).toBe(RESET_LIMITS.perAccount);
  });
});
