import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db";
import { users } from "@/db/schema";
import { normalizeEmail } from "./email";
import type { Role } from "./roles";

/** The role of an account, for choosing where to land after a successful sign-in. */
export async function findRoleByEmail(db: Db, email: string): Promise<Role | null> {
  const [row] = await db.select({ role: users.role }).from(users).where(eq(users.email, normalizeEmail(email))).limit(1);
  return row?.role ?? null;
}
