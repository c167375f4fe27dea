import { eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";

/** What a session is checked against on each request: the account and its session version. */
export const sessionUserColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  emailVerifiedAt: users.emailVerifiedAt,
  sessionVersion: users.sessionVersion,
};

/**
 * Ends every session of a user, on every device: the guards compare the JWT's version with
 * the row's (lib/app/guards.ts), so a copied cookie stops working too. Returns the new version.
 */
export async function endAllSessions(db: Pick<Db, "update">, userId: string): Promise<number | null> {
  const [row] = await db
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion ?? null;
}
