import "server-only";
import { and, asc, eq, sql, type SQL } from "drizzle-orm";
import { queryRows, type DbOrTx } from "@/db";
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
  /** Online bookings by an unverified email are holds until the guest confirms it (lib/booking/hold.ts). */
  confirmGuestEmail: boolean;
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
  confirmGuestEmail: providers.confirmGuestEmail,
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

/** At most this many words of a query count; the rest is ignored. */
const MAX_SEARCH_WORDS = 6;

/** A query's words: split on spaces and commas, each at most 100 characters. */
export function searchWords(q: string): string[] {
  return q
    .trim()
    .slice(0, 100)
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, MAX_SEARCH_WORDS);
}

/**
 * Providers matching every word of `q` in their business name, an offered service's name,
 * their address (street, city) or description — in any case, with accents folded on both
 * sides (search_fold in drizzle/0014) — best match first: a word that starts the name or one
 * of its words counts most, then anywhere in the name, a service, the address, the
 * description. Ties by name, 50 a page. An empty `q` lists every provider by name.
 */
export async function searchProviders(
  db: DbOrTx,
  q: string,
  opts: { page?: number } = {},
): Promise<PublicProviderSummary[]> {
  const words = searchWords(q);
  const page = Math.max(1, Math.floor(opts.page ?? 1));
  if (words.length === 0) {
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
      .orderBy(asc(providers.businessName), asc(providers.id))
      .limit(SEARCH_PAGE_SIZE)
      .offset((page - 1) * SEARCH_PAGE_SIZE);
  }
  const scores: SQL[] = [];
  const matches: SQL[] = [];
  for (const word of words) {
    const w = sql`search_fold(${escapeLike(word)}::text)`;
    const anywhere = sql`('%' || ${w} || '%')`;
    scores.push(sql`(
      (c.n like ${w} || '%')::int * 4 + (c.n like '% ' || ${w} || '%')::int * 3 + (c.n like ${anywhere})::int * 6
      + (c.sv like ${anywhere})::int * 5 + (c.a like ${anywhere})::int * 3 + (c.d like ${anywhere})::int)`);
    matches.push(sql`(c.n like ${anywhere} or c.sv like ${anywhere} or c.a like ${anywhere} or c.d like ${anywhere})`);
  }
  const rows = await queryRows<{
    id: string;
    slug: string;
    business_name: string;
    description: string;
    address: string;
    timezone: string;
  }>(
    db,
    sql`with c as (
          select p.id, p.slug, p.business_name, p.description, p.address, p.timezone,
            search_fold(p.business_name) as n, search_fold(p.address) as a, search_fold(p.description) as d,
            coalesce((select string_agg(search_fold(s.name), ' | ') from services s
                      where s.provider_id = p.id and s.active), '') as sv
          from providers p
        )
        select c.id, c.slug, c.business_name, c.description, c.address, c.timezone
        from c
        where ${sql.join(matches, sql` and `)}
        order by ${sql.join(scores, sql` + `)} desc, c.business_name, c.id
        limit ${SEARCH_PAGE_SIZE} offset ${(page - 1) * SEARCH_PAGE_SIZE}`,
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    businessName: r.business_name,
    description: r.description,
    address: r.address,
    timezone: r.timezone,
  }));
}
