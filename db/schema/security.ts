import { index, pgTable, uniqueIndex } from "drizzle-orm/pg-core";
import { users } from "./core";
import { accountTokenColumns } from "./columns";

/** A mailed password-reset link: only the sha256 of its token is stored; 1 hour, single use. */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  accountTokenColumns(() => users.id),
  (t) => [uniqueIndex("password_reset_tokens_hash_key").on(t.tokenHash), index().on(t.userId), index().on(t.expiresAt)],
);
export type PasswordResetToken = typeof passwordResetTokens.$inferSelect;
