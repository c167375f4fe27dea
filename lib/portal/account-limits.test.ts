import { count, eq, like } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { mailMessages, users } from "@/db/schema";
import { authenticate } from "@/lib/auth/authenticate";
import { registerUser } from "@/lib/auth/register";
import { registerSchema } from "@/lib/auth/schemas";
import { env } from "@/lib/infra/env";
import { testDrivers } from "@/test/db";
import { rejection } from "@/test/expect-app-error";
import { createUser } from "@/test/fixtures";
import { setUpTestDb } from "@/test/hooks";
import { changePassword, deleteAccount } from "./account";

/*
 * Accounts a stolen session cannot keep, and registration nobody can run in bulk: a password
 * change ends the other sessions, guesses at the current password count against the sign-in
 * throttle, and registration is bounded per address and per target email.
 */

const reg = (email: string) => registerSchema.parse({ name: "Mass Sign-up", email, password: "correct horse battery", role: "client" });

describe.each(testDrivers())("account limits on %s", (kind) => {
  const t = setUpTestDb(kind);
  const saved = env().RATE_LIMIT_PER_MINUTE;
  afterEach(() => {
    env().RATE_LIMIT_PER_MINUTE = saved;
  });

  it("a password change ends every session of the account (the guards compare session_version)", async () => {
    const me = await createUser(t.db, { role: "client", password: "old-password-1" });
    const [before] = await t.db.select().from(users).where(eq(users.id, me.id));
    await changePassword(t.db, me.id, { currentPassword: "old-password-1", newPassword: "new-password-2" });
    const [after] = await t.db.select().from(users).where(eq(users.id, me.id));
    // Every JWT issued before carries the old version and is refused from now on.
    expect(after!.sessionVersion).toBe(before!.sessionVersion + 1);
    // The new password signs in and carries the new version (what the action does for the current browser).
    const signedIn = await authenticate(t.db, me.email, "new-password-2", { ip: "192.0.2.1" });
    expect(signedIn.ok && signedIn.user.sessionVersion).toBe(after!.sessionVersion);
    // A wrong current password changes nothing, sessions included.
    await rejection(changePassword(t.db, me.id, { currentPassword: "nope", newPassword: "another-password-3" }));
    const [still] = await t.db.select().from(users).where(eq(users.id, me.id));
    expect(still!.sessionVersion).toBe(after!.sessionVersion);
  });

  it("10 wrong current passwords in a row are throttled: from the 6th, even the right one is refused, at sign-in too", async () => {
    const me = await createUser(t.db, { role: "client", password: "right-password-1" });
    const codes: string[] = [];
    for (let i = 0; i < 10; i++) {
      codes.push((await rejection(changePassword(t.db, me.id, { currentPassword: `guess-${i}`, newPassword: "taken-over-123" }))).code);
    }
    expect(codes).toEqual([...Array(5).fill("VALIDATION"), ...Array(5).fill("RATE_LIMITED")]);
    const right = await rejection(changePassword(t.db, me.id, { currentPassword: "right-password-1", newPassword: "taken-over-123" }));
    expect(right.code).toBe("RATE_LIMITED");
    expect(right.fieldErrors?.currentPassword?.[0]).toMatch(/Too many wrong passwords\. Try again in \d+ minutes?\./);
    // Deleting the account is the same allowance.
    expect((await rejection(deleteAccount(t.db, me.id, "right-password-1"))).code).toBe("RATE_LIMITED");
    // And so is the sign-in page from a browser the account has not used.
    expect(await authenticate(t.db, me.email, "right-password-1", { ip: "192.0.2.2" })).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(await t.db.select().from(users).where(eq(users.id, me.id))).toHaveLength(1);
  });

  it("a sign-in's wrong guesses count against the current-password check as well", async () => {
    const me = await createUser(t.db, { role: "client", password: "right-password-1" });
    for (let i = 0; i < 5; i++) await authenticate(t.db, me.email, `guess-${i}`, { ip: "192.0.2.3" });
    expect((await rejection(deleteAccount(t.db, me.id, "right-password-1"))).code).toBe("RATE_LIMITED");
  });

  it("12 registrations from one address make at most 5 accounts; the rest are a 429 that writes and mails nothing", async () => {
    const made: string[] = [];
    const refused: string[] = [];
    const [mailsBefore] = await t.db.select({ n: count() }).from(mailMessages);
    for (let i = 0; i < 12; i++) {
      try {
        await registerUser(t.db, reg(`bulk-${i}@example.com`), new Date(), "203.0.113.30");
        made.push(`bulk-${i}`);
      } catch (e) {
        refused.push((e as { code?: string }).code ?? String(e));
      }
    }
    expect(made).toHaveLength(5);
    expect(refused).toEqual(Array(7).fill("RATE_LIMITED"));
    expect(await t.db.select().from(users).where(like(users.email, "bulk-%"))).toHaveLength(5);
    const [mailsAfter] = await t.db.select({ n: count() }).from(mailMessages);
    expect(Number(mailsAfter!.n) - Number(mailsBefore!.n)).toBe(5);
    const e = await rejection(registerUser(t.db, reg("bulk-late@example.com"), new Date(), "203.0.113.30"));
    expect(e.status).toBe(429);
    expect(e.message).toMatch(/Too many accounts have been created from here recently/);
    // Another address is not affected.
    await expect(registerUser(t.db, reg("neighbour@example.com"), new Date(), "203.0.113.31")).resolves.toBeDefined();
  });

  it("holds under concurrency: of 12 simultaneous registrations from one address, exactly 5 are made", async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => registerUser(t.db, reg(`burst-${i}@example.com`), new Date(), "203.0.113.40")),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(await t.db.select().from(users).where(like(users.email, "burst-%"))).toHaveLength(5);
  });

  it("limits attempts at one target email to 3 an hour, whatever the address, even with RATE_LIMIT_PER_MINUTE=0", async () => {
    env().RATE_LIMIT_PER_MINUTE = 0;
    await registerUser(t.db, reg("target@example.com"), new Date(), "203.0.113.50");
    expect((await rejection(registerUser(t.db, reg("target@example.com"), new Date(), "203.0.113.51"))).code).toBe("CONFLICT");
    expect((await rejection(registerUser(t.db, reg("target@example.com"), new Date(), "203.0.113.52"))).code).toBe("CONFLICT");
    const e = await rejection(registerUser(t.db, reg("Target@example.com"), new Date(), "203.0.113.53"));
    expect(e.code).toBe("RATE_LIMITED");
    expect(e.fieldErrors?.email?.[0]).toMatch(/several times in the last hour/);
    // With the per-address limit off, one address registers more than 5 accounts.
    for (let i = 0; i < 7; i++) await registerUser(t.db, reg(`loadtest-${i}@example.com`), new Date(), "203.0.113.60");
  });
});
