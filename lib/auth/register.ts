import { eq, like, or } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { providers, users, type Provider, type User } from "@/db/schema";
import { AppError, PG, pgConstraint, pgErrorCode } from "@/lib/infra/errors";
import { hashPassword } from "./password";
import type { RegisterInput } from "./schemas";
import { nextFreeSlug, slugify } from "./slug";
import { issueVerification } from "./verification";

export const DUPLICATE_EMAIL_MESSAGE = "An account with this email already exists";

export type RegisteredUser = Pick<User, "id" | "email" | "name" | "role">;

/**
 * Creates an account in one transaction: the user, a provider's business with a unique slug,
 * and a verification token whose link is mailed. A duplicate email writes nothing.
 * (Registration may reveal that an email has an account; sign-in never does.)
 */
export async function registerUser(
  db: Db,
  input: RegisterInput,
  now: Date = new Date(),
): Promise<{ user: RegisteredUser; provider: Provider | null }> {
  const passwordHash = await hashPassword(input.password);
  try {
    const registered = await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email: input.email.trim().toLowerCase(), name: input.name, role: input.role, passwordHash })
        .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
      const provider =
        input.role === "provider"
          ? await insertProvider(tx, user!.id, input.businessName ?? input.name, input.timezone ?? "UTC")
          : null;
      await issueVerification(tx, user!, now);
      return { user: user!, provider };
    });
    return registered;
  } catch (e) {
    if (pgErrorCode(e) === PG.uniqueViolation && pgConstraint(e) === "users_email_key") {
      throw new AppError("CONFLICT", DUPLICATE_EMAIL_MESSAGE, { fieldErrors: { email: [DUPLICATE_EMAIL_MESSAGE] } });
    }
    throw e;
  }
}

/**
 * Inserts the provider under the first free slug. "on conflict do nothing" on the slug's unique
 * index keeps the transaction alive when a concurrent registration takes a slug first: the
 * insert returns no row and the next candidate is tried.
 */
export async function insertProvider(tx: Tx, ownerId: string, businessName: string, timezone: string): Promise<Provider> {
  const base = slugify(businessName);
  const takenRows = await tx
    .select({ slug: providers.slug })
    .from(providers)
    .where(or(eq(providers.slug, base), like(providers.slug, `${base}-%`)));
  const taken = new Set(takenRows.map((r) => r.slug));
  for (let attempt = 0; attempt < 20; attempt++) {
    const slug = nextFreeSlug(base, taken);
    const [row] = await tx
      .insert(providers)
      .values({ ownerId, businessName, slug, timezone })
      .onConflictDoNothing({ target: providers.slug })
      .returning();
    if (row) return row;
    taken.add(slug);
  }
  throw new Error(`No free slug for "${base}" after 20 attempts`);
}
