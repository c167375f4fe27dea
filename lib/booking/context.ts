import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { providers, services, staffMembers, users } from "@/db/schema";
import { addDays, isBookableSlot, zonedDate, type SlotInput } from "@/lib/availability";
import { AppError } from "@/lib/infra/errors";
import { isUuid } from "@/lib/infra/validation";
import { loadAvailability, resourceOf, type Availability } from "./availability";

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
  /** Online bookings by an unverified email are holds until the guest confirms it (lib/booking/hold.ts). */
  confirmGuestEmail: boolean;
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
  confirmGuestEmail: providers.confirmGuestEmail,
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

/** The refusal when the resource's own calendar is busy then (a 409 like any taken slot). */
export const CALENDAR_BUSY_MESSAGE = "Sorry, that time is no longer available. Please pick another time.";

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
  ctx: { provider: BookingProvider; service: BookingService; staffId?: string | null; liveBusy?: readonly { start: Date; end: Date }[] },
  start: Date,
  by: BookingActorKind,
  now: Date,
  /** The start of the appointment being moved: it neither crowds nor counts against itself. */
  movingFrom?: Date,
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
    // Overlaps with appointments are the exclusion constraint's to decide, when the row is
    // written; busy times from the resource's calendars (mirrored, or just asked of Google:
    // `liveBusy`) are refused here.
    busy: [...a.calendarBusy, ...(ctx.liveBusy ?? [])],
    durationMinutes: loaded.durationMinutes,
    minNoticeMinutes: by === "provider" ? 0 : a.minNoticeMinutes,
    horizonDays: by === "provider" ? PROVIDER_HORIZON_DAYS : a.horizonDays,
    intervalMinutes: a.intervalMinutes,
    now,
  };
  if (isBookableSlot(input, start)) {
    // A provider books past the buffers and the daily cap; guests and clients do not.
    if (by !== "provider") assertRulesOrThrow(a, ctx.service.durationMinutes, start, movingFrom, fail);
    return;
  }
  if (input.busy.length > 0 && isBookableSlot({ ...input, busy: [] }, start)) throw new AppError("SLOT_TAKEN", CALENDAR_BUSY_MESSAGE);
  if (start.getTime() < now.getTime()) fail("That time has already passed. Please pick a later time.");
  if (by !== "provider") {
    // The service's own notice and horizon when it has them (slot_availability), else the business's.
    if (start.getTime() < now.getTime() + a.minNoticeMinutes * 60_000) {
      fail(`Bookings need at least ${describeMinutes(a.minNoticeMinutes)} notice. Please pick a later time.`);
    }
    if (isBookableSlot({ ...input, horizonDays: PROVIDER_HORIZON_DAYS }, start)) {
      fail(`Bookings can be made at most ${describeMinutes(a.horizonDays * 1440)} ahead.`);
    }
  }
  fail("That time is not available for booking. Please pick one of the offered times.");
}

/**
 * The daily cap and the buffers, for a start already on the grid: the day's other holding
 * appointments must be fewer than the cap, and the new appointment widened by its buffers must
 * not touch another widened by its own. A plain overlap is left to the exclusion constraint
 * (SLOT_TAKEN), so only a clash of buffers is reported here.
 */
function assertRulesOrThrow(
  a: Availability,
  durationMinutes: number,
  start: Date,
  movingFrom: Date | undefined,
  fail: (message: string) => never,
): void {
  const others = a.held
    .map((h, i) => ({ held: h, busy: a.busy[i]! }))
    .filter((x) => movingFrom === undefined || x.held.start.getTime() !== movingFrom.getTime());
  if (a.dailyCap > 0) {
    const day = zonedDate(start, a.timezone);
    const that = others.filter((x) => zonedDate(x.held.start, a.timezone) === day).length;
    if (that >= a.dailyCap) fail("That day is fully booked. Please pick another day.");
  }
  const s = start.getTime();
  const e = s + durationMinutes * 60_000;
  const ps = s - a.bufferBeforeMinutes * 60_000;
  const pe = e + a.bufferAfterMinutes * 60_000;
  const tooClose = others.some(
    (x) =>
      x.busy.start.getTime() < pe &&
      x.busy.end.getTime() > ps &&
      !(x.held.start.getTime() < e && x.held.end.getTime() > s),
  );
  if (tooClose) fail("That time is too close to another appointment. Please pick one of the offered times.");
}

/** 90 → "90 minutes", 120 → "2 hours", 1440 → "1 day". */
export function describeMinutes(minutes: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? "" : "s"}`;
  if (minutes % 1440 === 0 && minutes > 0) return plural(minutes / 1440, "day");
  if (minutes % 60 === 0 && minutes > 0) return plural(minutes / 60, "hour");
  return plural(minutes, "minute");
}
