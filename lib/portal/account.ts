import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { checkCurrentPassword } from "@/lib/auth/authenticate";
import { hashPassword } from "@/lib/auth/password";
import { endAllSessions } from "@/lib/auth/sessions";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/schemas";
import { AppError } from "@/lib/infra/errors";

/*
 * A client's own account: name and phone, password, and deleting the account. Every write is
 * scoped to the client's id and role in the WHERE.
 */

export const profileSchema = z.object({
  name: z.string().trim().min(1, "Enter your name.").max(100, "Use at most 100 characters."),
  phone: z
    .string()
    .trim()
    .max(40, "Use at most 40 characters.")
    .refine((v) => v === "" || /^\+?[0-9 ()./-]{5,40}$/.test(v), "Enter a phone number, e.g. +44 20 7946 0958.")
    .refine((v) => v === "" || v.replace(/\D/g, "").length >= 5, "Enter a phone number, e.g. +44 20 7946 0958."),
});

export const passwordChangeSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(1000),
    newPassword: z
      .string()
      .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
      .max(200, "Use at most 200 characters."),
    confirmPassword: z.string().max(1000),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ["confirmPassword"], message: "The passwords don't match." });

export const deleteAccountSchema = z.object({
  password: z.string().min(1, "Enter your password to confirm.").max(1000),
});

export type AccountProfile = { name: string; email: string; phone: string; emailVerified: boolean };

export async function getAccountProfile(db: Db, userId: string): Promise<AccountProfile | null> {
  const [row] = await db
    .select({ name: users.name, email: users.email, phone: users.phone, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.role, "client")))
    .limit(1);
  return row ? { name: row.name, email: row.email, phone: row.phone ?? "", emailVerified: row.verifiedAt !== null } : null;
}

export async function updateProfile(db: Db, userId: string, input: z.infer<typeof profileSchema>): Promise<void> {
  const updated = await db
    .update(users)
    .set({ name: input.name, phone: input.phone || null })
    .where(and(eq(users.id, userId), eq(users.role, "client")))
    .returning({ id: users.id });
  if (updated.length === 0) throw new AppError("NOT_FOUND");
}

/** The current password, counted against the sign-in throttle (lib/auth/authenticate.ts): wrong → VALIDATION on `field`, too many → RATE_LIMITED. */
async function checkPasswordOrThrow(db: Db, userId: string, password: string, field: string, now: Date): Promise<void> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.role, "client")))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  const check = await checkCurrentPassword(db, userId, password, now);
  if (check.ok) return;
  if (check.reason === "rate_limited") {
    throw new AppError("RATE_LIMITED", check.message, { retryAfter: check.retryAfterSeconds, fieldErrors: { [field]: [check.message] } });
  }
  throw new AppError("VALIDATION", "Please check the highlighted fields.", { fieldErrors: { [field]: ["That password is not right."] } });
}

/**
 * Changes the password and ends every session of the account (users.session_version), in one
 * transaction: a stolen session stops working at once. The caller signs the current browser
 * in again with the new password (app/account/settings/actions.ts).
 */
export async function changePassword(
  db: Db,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  now: Date = new Date(),
): Promise<void> {
  await checkPasswordOrThrow(db, userId, input.currentPassword, "currentPassword", now);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(and(eq(users.id, userId), eq(users.role, "client")));
    await endAllSessions(tx, userId);
  });
}

/**
 * Deletes a client's account after checking their password. Their appointments stay with the
 * businesses as guest bookings (the foreign key sets the client to null; name, email and the
 * guest's manage link live on the appointment); the login, favourites, preferences and
 * unsubscribe tokens go with the account (cascades).
 */
export async function deleteAccount(db: Db, userId: string, password: string, now: Date = new Date()): Promise<void> {
  await checkPasswordOrThrow(db, userId, password, "password", now);
  await db.delete(users).where(and(eq(users.id, userId), eq(users.role, "client")));
}
