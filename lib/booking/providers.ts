import "server-only";
import { and, asc, eq, ilike, or } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { providerHours, providers, services } from "@/db/schema";
import type { WeeklyInterval } from "@/lib/availability";

export type PublicService = {
  id: string;
  name: string;
  description: string;
  durationMinutes: number;
  priceCents: number;
};

/** What anyone may see of a provider: business fields, active services, weekly hours. */
export type PublicProvider = {
  id: string;
  slug: string;
  businessName: string;
  description: string;
  timezone: string;
  phone: string;
  email: string;
  address: string;
  /** ISO 4217 code its prices are shown in, or "" for plain amounts. */
  currency: string;
  cancellationWindowHours: number;
  minNoticeMinutes: number;
  bookingHorizonDays: number;
  /** Online bookings wait as pending until the provider confirms them. */
  requireApproval: boolean;
  /** How many upcoming online bookings one unverified guest email may hold here (1–20). */
  guestBookingLimit: number;
  services: PublicService[];
  /** Sorted by weekday, then start; "HH:MM". */
  hours: WeeklyInterval[];
};

export type PublicProviderSummary = {
  id: string;
  slug: string;
  businessName: string;
  description: string;
  address: string;
  timezone: string;
};

/** The business fields anyone may see; the provider's own profile form edits exactly these. */
export const publicProviderColumns = {
  id: providers.id,
  slug: providers.slug,
  businessName: providers.businessName,
  description: providers.description,
  timezone: providers.timezone,
  phone: providers.phone,
  email: providers.email,
  address: providers.address,
  currency: providers.currency,
  cancellationWindowHours: providers.cancellationWindowHours,
  minNoticeMinutes: providers.minNoticeMinutes,
  bookingHorizonDays: providers.bookingHorizonDays,
  requireApproval: providers.requireApproval,
  guestBookingLimit: providers.guestBookingLimit,
};

/** Slugs are lower-case letters, digits and dashes: anything else (NUL, spaces …) is simply unknown. */
const looksLikeSlug = (slug: string) => /^[a-z0-9-]{1,100}$/.test(slug);

/** A database `time` ("09:00:00") as the availability engine's "HH:MM". */
export const hhmm = (t: string) => t.slice(0, 5);

export async function getPublicProviderBySlug(db: DbOrTx, slug: string): Promise<PublicProvider | null> {
  if (!looksLikeSlug(slug)) return null;
  const [provider] = await db.select(publicProviderColumns).from(providers).where(eq(providers.slug, slug)).limit(1);
  if (!provider) return null;
  const [serviceRows, hourRows] = await Promise.all([
    db
      .select({
        id: services.id,
        name: services.name,
        description: services.description,
        durationMinutes: services.durationMinutes,
        priceCents: services.priceCents,
      })
      .from(services)
      .where(and(eq(services.providerId, provider.id), eq(services.active, true)))
      .orderBy(asc(services.name), asc(services.id)),
    loadWeeklyHours(db, provider.id),
  ]);
  return { ...provider, services: serviceRows, hours: hourRows };
}

/** The provider's id for a public slug, or null. */
export async function findProviderIdBySlug(db: DbOrTx, slug: string): Promise<string | null> {
  if (!looksLikeSlug(slug)) return null;
  const [row] = await db.select({ id: providers.id }).from(providers).where(eq(providers.slug, slug)).limit(1);
  return row?.id ?? null;
}

export async function loadWeeklyHours(db: DbOrTx, providerId: string): Promise<WeeklyInterval[]> {
  const rows = await db
    .select({ weekday: providerHours.weekday, start: providerHours.startTime, end: providerHours.endTime })
    .from(providerHours)
    .where(eq(providerHours.providerId, providerId))
    .orderBy(asc(providerHours.weekday), asc(providerHours.startTime));
  return rows.map((r) => ({ weekday: r.weekday, start: hhmm(r.start), end: hhmm(r.end) }));
}

export const SEARCH_PAGE_SIZE = 50;

/** `%` and `_` are wildcards in LIKE and `\` its escape: a user's text matches only literally. */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/**
 * Providers whose business name or description contains `q` (case-insensitive), by name,
 * 50 a page. An empty `q` lists every provider.
 */
export async function searchProviders(
  db: DbOrTx,
  q: string,
  opts: { page?: number } = {},
): Promise<PublicProviderSummary[]> {
  const term = q.trim().slice(0, 100);
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  const pattern = `%${escapeLike(term)}%`;
  return db
    .select({
      id: providers.id,
      slug: providers.slug,
      businessName: providers.businessName,
      description: providers.description,
      address: providers.address,
      timezone: providers.timezone,
    })
    .from(providers)
    .where(term ? or(ilike(providers.businessName, pattern), ilike(providers.description, pattern)) : undefined)
    .orderBy(asc(providers.businessName), asc(providers.id))
    .limit(SEARCH_PAGE_SIZE)
    .offset((page - 1) * SEARCH_PAGE_SIZE);
}
