import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { providers, services, staffMembers, users } from "@/db/schema";
import { addDays, isBookableSlot, zonedDate, type SlotInput } from "@/lib/availability";
import { AppError } from "@/lib/infra/errors";
import { isUuid } from "@/lib/infra/validation";
import { loadAvailability, resourceOf } from "./availability";

/*
 * What booking, listing slots and rescheduling need to know about a provider and a service,
 * loaded with one query per table. Ownership is in every WHERE: a service or staff member of
 * another provider is simply not found.
 */

export type BookingProvider = {
  id: string;
  slug: string;
  businessName: string;
  timezone: string;
  phone: string;
  email: string;
  address: string;
  ownerEmail: string;
  cancellationWindowHours: number;
  minNoticeMinutes: number;
  bookingHorizonDays: number;
  /** Online bookings start as pending until the provider confirms them. */
  requireApproval: boolean;
  /** How many upcoming online bookings one unverified guest email may hold (lib/booking/limits.ts). */
  guestBookingLimit: number;
};

export type BookingService = { id: string; name: string; durationMinutes: number; active: boolean };

export const providerColumns = {
  id: providers.id,
  slug: providers.slug,
  businessName: providers.businessName,
  timezone: providers.timezone,
  phone: providers.phone,
  email: providers.email,
  address: providers.address,
  ownerEmail: users.email,
  cancellationWindowHours: providers.cancellationWindowHours,
  minNoticeMinutes: providers.minNoticeMinutes,
  bookingHorizonDays: providers.bookingHorizonDays,
  requireApproval: providers.requireApproval,
  guestBookingLimit: providers.guestBookingLimit,
};

export async function loadProvider(db: DbOrTx, providerId: string): Promise<BookingProvider | null> {
  if (!isUuid(providerId)) return null;
  const [row] = await db
    .select(providerColumns)
    .from(providers)
    .innerJoin(users, eq(users.id, providers.ownerId))
    .where(eq(providers.id, providerId))
    .limit(1);
  return row ?? null;
}

/** The provider's service; `activeOnly` for new bookings and slot lists. */
export async function loadService(
  db: DbOrTx,
  providerId: string,
  serviceId: string,
  activeOnly: boolean,
): Promise<BookingService | null> {
  if (!isUuid(serviceId)) return null;
  const [row] = await db
    .select({ id: services.id, name: services.name, durationMinutes: services.durationMinutes, active: services.active })
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.providerId, providerId)))
    .limit(1);
  if (!row || (activeOnly && !row.active)) return null;
  return row;
}

/** The provider's active staff member's id, or null. */
export async function loadStaffId(db: DbOrTx, providerId: string, staffId: string): Promise<string | null> {
  if (!isUuid(staffId)) return null;
  const [row] = await db
    .select({ id: staffMembers.id })
    .from(staffMembers)
    .where(and(eq(staffMembers.id, staffId), eq(staffMembers.providerId, providerId), eq(staffMembers.active, true)))
    .limit(1);
  return row?.id ?? null;
}

/** Provider, active service and optional staff member, or NOT_FOUND. Availability comes from loadAvailability. */
export async function loadBookingContextOrThrow(
  db: DbOrTx,
  args: { providerId: string; serviceId: string; staffId?: string | null; activeServiceOnly?: boolean },
): Promise<{ provider: BookingProvider; service: BookingService; staffId: string | null }> {
  const provider = await loadProvider(db, args.providerId);
  if (!provider) throw new AppError("NOT_FOUND", "We couldn't find that provider.");
  const [service, staffId] = await Promise.all([
    loadService(db, provider.id, args.serviceId, args.activeServiceOnly ?? true),
    args.staffId ? loadStaffId(db, provider.id, args.staffId) : Promise.resolve(null),
  ]);
  if (!service) throw new AppError("NOT_FOUND", "We couldn't find that service.");
  if (args.staffId && !staffId) throw new AppError("NOT_FOUND", "We couldn't find that staff member.");
  return { provider, service, staffId };
}

export type BookingActorKind = "guest" | "client" | "provider";

/** Far enough that the horizon never binds: a provider may book any future day by phone. */
const PROVIDER_HORIZON_DAYS = 3650;

/**
 * Throws OUTSIDE_HOURS (with a message for the `start` field) unless `start` is on the
 * service's grid inside opening hours, not on a closed date, and — for guests and clients —
 * respects minimum notice and the booking horizon. Overlaps are not checked here: the
 * exclusion constraint decides them when the row is written.
 */
export async function assertBookableOrThrow(
  db: DbOrTx,
  ctx: { provider: BookingProvider; service: BookingService; staffId?: string | null },
  start: Date,
  by: BookingActorKind,
  now: Date,
): Promise<void> {
  const fail = (message: string): never => {
    throw new AppError("OUTSIDE_HOURS", message, { fieldErrors: { start: [message] } });
  };
  if (Number.isNaN(start.getTime())) fail("Choose a valid date and time.");
  const { provider, service } = ctx;
  const day = zonedDate(start, provider.timezone);
  // The same loader as the slot list. The start's local day, padded: a slot belongs to the day
  // whose hours produced it.
  const loaded = await loadAvailability(db, {
    provider: { id: provider.id },
    serviceId: service.id,
    resource: resourceOf(ctx.staffId),
    from: addDays(day, -1),
    to: addDays(day, 1),
    activeServiceOnly: false,
  });
  if (!loaded.ok) throw new AppError("NOT_FOUND", "We couldn't find that service.");
  const a = loaded.availability;
  const input: SlotInput = {
    timezone: a.timezone,
    weeklyHours: a.weeklyHours,
    closedDates: a.closedDates,
    // Overlaps are the exclusion constraint's to decide, when the row is written.
    busy: [],
    durationMinutes: loaded.durationMinutes,
    minNoticeMinutes: by === "provider" ? 0 : a.minNoticeMinutes,
    horizonDays: by === "provider" ? PROVIDER_HORIZON_DAYS : a.horizonDays,
    now,
  };
  if (isBookableSlot(input, start)) return;
  if (start.getTime() < now.getTime()) fail("That time has already passed. Please pick a later time.");
  if (by !== "provider") {
    if (start.getTime() < now.getTime() + provider.minNoticeMinutes * 60_000) {
      fail(`Bookings need at least ${describeMinutes(provider.minNoticeMinutes)} notice. Please pick a later time.`);
    }
    if (isBookableSlot({ ...input, horizonDays: PROVIDER_HORIZON_DAYS }, start)) {
      fail(`Bookings can be made at most ${provider.bookingHorizonDays} days ahead.`);
    }
  }
  fail("That time is not available for booking. Please pick one of the offered times.");
}

/** 90 → "90 minutes", 120 → "2 hours", 1440 → "1 day". */
export function describeMinutes(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (minutes % 1440 === 0 && minutes > 0) return plural(minutes / 1440, "day");
  if (minutes % 60 === 0 && minutes > 0) return plural(minutes / 60, "hour");
  return plural(minutes, "minute");
}
