import "server-only";
import { and, asc, desc, eq } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db";
import { appointments, favorites, providers, services } from "@/db/schema";
import { addDays, zonedDate } from "@/lib/availability";
import { isUuid } from "@/lib/infra/validation";
import { appointmentsJoined } from "@/lib/booking/read";
import { listSlots } from "@/lib/booking/slots";
import { AppError, isAppError } from "@/lib/infra/errors";

/*
 * A client's favourite businesses. One row per client and business (the primary key), so
 * adding twice or removing something absent changes nothing and is not an error.
 */

/** Adds a favourite by the provider's public slug. NOT_FOUND for an unknown slug. */
export async function addFavorite(db: DbOrTx, userId: string, slug: string): Promise<void> {
  const [provider] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, slug)).limit(1);
  if (!provider) throw new AppError("NOT_FOUND", "We couldn't find that business.");
  await db.insert(favorites).values({ userId, providerId: provider.id }).onConflictDoNothing();
}

export async function removeFavorite(db: DbOrTx, userId: string, slug: string): Promise<void> {
  const [provider] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, slug)).limit(1);
  if (!provider) return;
  await db.delete(favorites).where(and(eq(favorites.userId, userId), eq(favorites.providerId, provider.id)));
}

export async function isFavorite(db: DbOrTx, userId: string, providerId: string): Promise<boolean> {
  if (!isUuid(providerId)) return false;
  const [row] = await db
    .select({ providerId: favorites.providerId })
    .from(favorites)
    .where(and(eq(favorites.userId, userId), eq(favorites.providerId, providerId)))
    .limit(1);
  return Boolean(row);
}

export type FavoriteEntry = {
  providerId: string;
  slug: string;
  businessName: string;
  address: string;
  timezone: string;
  /** The service "book again" opens: the one the client last booked here, else the first listed. */
  service: { id: string; name: string } | null;
  /** The soonest free start of that service within the next two weeks, or null. */
  nextFree: Date | null;
};

const NEXT_FREE_DAYS = 14;

/** The client's favourites, newest first, each with the next free time of the service to book again. */
export async function listFavorites(db: Db, userId: string, now: Date = new Date()): Promise<FavoriteEntry[]> {
  const rows = await db
    .select({
      providerId: providers.id,
      slug: providers.slug,
      businessName: providers.businessName,
      address: providers.address,
      timezone: providers.timezone,
    })
    .from(favorites)
    .innerJoin(providers, eq(providers.id, favorites.providerId))
    .where(eq(favorites.userId, userId))
    .orderBy(desc(favorites.createdAt), asc(providers.businessName));

  const entries: FavoriteEntry[] = [];
  for (const row of rows) {
    const service = await serviceToBookAgain(db, userId, row.providerId);
    entries.push({ ...row, service, nextFree: service ? await nextFreeStart(db, row.providerId, service.id, row.timezone, now) : null });
  }
  return entries;
}

async function serviceToBookAgain(db: Db, userId: string, providerId: string): Promise<{ id: string; name: string } | null> {
  const [last] = await appointmentsJoined(db, { id: services.id, name: services.name })
    .where(and(eq(appointments.clientUserId, userId), eq(appointments.providerId, providerId), eq(services.active, true)))
    .orderBy(desc(appointments.startsAt))
    .limit(1);
  if (last) return last;
  const [first] = await db
    .select({ id: services.id, name: services.name })
    .from(services)
    .where(and(eq(services.providerId, providerId), eq(services.active, true)))
    .orderBy(asc(services.createdAt), asc(services.name))
    .limit(1);
  return first ?? null;
}

async function nextFreeStart(db: Db, providerId: string, serviceId: string, timezone: string, now: Date): Promise<Date | null> {
  const from = zonedDate(now, timezone);
  try {
    const { slots } = await listSlots(db, { providerId, serviceId, from, to: addDays(from, NEXT_FREE_DAYS - 1) }, now);
    return slots[0]?.start ?? null;
  } catch (e) {
    if (isAppError(e) && e.code === "NOT_FOUND") return null;
    throw e;
  }
}
