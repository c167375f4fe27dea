import { eq, like, or } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { providers, users, type Provider, type User } from "@/db/schema";
import { env } from "@/lib/infra/env";
import { AppError, PG, pgConstraint, pgErrorCode } from "@/lib/infra/errors";
import { hitRateLimit } from "@/lib/infra/rate-limit";
import { hashPassword } from "./password";
import type { RegisterInput } from "./schemas";
import { nextFreeSlug, slugify } from "./slug";
import { issueVerification } from "./verification";

export const DUPLICATE_EMAIL_MESSAGE = "An account with this email already exists";

export type RegisteredUser = Pick<User, "id" | "email" | "name" | "role">;

/** Accounts one target email may be registered for an hour: a verification mail each time. */
export const REGISTRATIONS_PER_EMAIL_PER_HOUR = 3;
const HOUR = 3600;

export function tooManyRegistrationsMessage(retryAfterSeconds: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many accounts have been created from here recently. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}

/**
 * Counts this registration against its client address (REGISTRATIONS_PER_ADDRESS_PER_HOUR,
 * off with RATE_LIMIT_PER_MINUTE=0), inside the registering transaction: only accounts made
 * count, and concurrent requests queue on the counter row, so none overshoots.
 */
async function enforceAddressLimit(tx: Tx, clientAddress: string | null, now: Date): Promise<void> {
  const { RATE_LIMIT_PER_MINUTE, REGISTRATIONS_PER_ADDRESS_PER_HOUR } = env();
  if (clientAddress !== null && RATE_LIMIT_PER_MINUTE > 0 && REGISTRATIONS_PER_ADDRESS_PER_HOUR > 0) {
    const hit = await hitRateLimit(tx, `register:ip:${clientAddress}`, REGISTRATIONS_PER_ADDRESS_PER_HOUR, HOUR, now);
    if (!hit.allowed) throw new AppError("RATE_LIMITED", tooManyRegistrationsMessage(hit.retryAfterSeconds), { retryAfter: hit.retryAfterSeconds });
  }
}

/** Attempts at one target email, counted whether or not they succeed (a duplicate also answers whether the email has an account). */
async function enforceEmailAttempts(db: Db, email: string, now: Date): Promise<void> {
  const hit = await hitRateLimit(db, `register:email:${email}`, REGISTRATIONS_PER_EMAIL_PER_HOUR, HOUR, now);
  if (!hit.allowed) {
    const message = "This email has been used to register several times in the last hour. Please try again later.";
    throw new AppError("RATE_LIMITED", message, { retryAfter: hit.retryAfterSeconds, fieldErrors: { email: [message] } });
  }
}

/**
 * Creates an account in one transaction: the user, a provider's business with a unique slug,
 * and a verification token whose link is mailed. A duplicate email writes nothing.
 * (Registration may reveal that an email has an account; sign-in never does.)
 * `clientAddress` (the request's, null from scripts) is limited to
 * REGISTRATIONS_PER_ADDRESS_PER_HOUR accounts an hour, and each target email to
 * REGISTRATIONS_PER_EMAIL_PER_HOUR attempts: RATE_LIMITED, and nothing written or mailed.
 */
export async function registerUser(
  db: Db,
  input: RegisterInput,
  now: Date = new Date(),
  clientAddress: string | null = null,
): Promise<{ user: RegisteredUser; provider: Provider | null }> {
  const email = input.email.trim().toLowerCase();
  await enforceEmailAttempts(db, email, now);
  const passwordHash = await hashPassword(input.password);
  try {
    const registered = await db.transaction(async (tx) => {
      await enforceAddressLimit(tx, clientAddress, now);
      const [user] = await tx
        .insert(users)
        .values({ email, name: input.name, role: input.role, passwordHash })
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
