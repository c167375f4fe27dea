import "server-only";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
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

async function checkPasswordOrThrow(db: Db, userId: string, password: string, field: string): Promise<void> {
  const [row] = await db
    .select({ passwordHash: users.passwordHash })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.role, "client")))
    .limit(1);
  if (!row) throw new AppError("NOT_FOUND");
  if (!row.passwordHash || !(await verifyPassword(row.passwordHash, password))) {
    throw new AppError("VALIDATION", "Please check the highlighted fields.", { fieldErrors: { [field]: ["That password is not right."] } });
  }
}

export async function changePassword(
  db: Db,
  userId: string,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  await checkPasswordOrThrow(db, userId, input.currentPassword, "currentPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await db.update(users).set({ passwordHash }).where(and(eq(users.id, userId), eq(users.role, "client")));
}

/**
 * Deletes a client's account after checking their password. Their appointments stay with the
 * businesses as guest bookings (the foreign key sets the client to null; name, email and the
 * guest's manage link live on the appointment); the login, favourites, preferences and
 * unsubscribe tokens go with the account (cascades).
 */
export async function deleteAccount(db: Db, userId: string, password: string): Promise<void> {
  await checkPasswordOrThrow(db, userId, password, "password");
  await db.delete(users).where(and(eq(users.id, userId), eq(users.role, "client")));
}
