import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db";
import { appointments, services } from "@/db/schema";
import { AppError, PG, pgErrorCode } from "@/lib/infra/errors";
import { isUuid } from "@/lib/infra/validation";
import { countAppointmentUsage, type AppointmentUsage } from "@/lib/booking/usage";
import { checkbox, optionalSlotInterval, optionalText, optionalWholeNumber, requiredText, wholeNumber } from "./form-fields";
import { parsePriceToCents } from "./money";

export const serviceSchema = z
  .object({
    name: requiredText("Service name", 100),
    description: optionalText("Description", 1000),
    durationMinutes: wholeNumber("Duration", 5, 720).refine((n) => n % 5 === 0, "Duration must be a multiple of 5 minutes."),
    price: z
      .string({ error: "Price is required." })
      .trim()
      .min(1, "Price is required.")
      .transform((v, ctx) => {
        const cents = parsePriceToCents(v);
        if (cents === null) {
          ctx.addIssue({ code: "custom", message: "Enter a price of 0 or more, like 25 or 25.50." });
          return z.NEVER;
        }
        return cents;
      }),
    active: checkbox,
    // Scheduling rules of this service; blank = the business's default (its profile).
    slotIntervalMinutes: optionalSlotInterval,
    bufferBeforeMinutes: optionalWholeNumber("Buffer before", 0, 240),
    bufferAfterMinutes: optionalWholeNumber("Buffer after", 0, 240),
    minNoticeMinutes: optionalWholeNumber("Minimum notice", 0, 43_200),
    bookingHorizonDays: optionalWholeNumber("Booking horizon", 1, 365),
    dailyCapPerMember: optionalWholeNumber("Daily limit", 0, 100),
  })
  .transform(({ price, ...rest }) => ({ ...rest, priceCents: price }));

/** What the form gives; a caller that leaves the rules out leaves them as they are. */
export type ServiceInput = Omit<z.output<typeof serviceSchema>, keyof ServiceRules> & Partial<ServiceRules>;

export type ServiceRow = {
  id: string;
  name: string;
  description: string;
  durationMinutes: number;
  priceCents: number;
  active: boolean;
} & ServiceRules;

/** A service's own scheduling rules; null = the business's default. */
export type ServiceRules = {
  slotIntervalMinutes: number | null;
  bufferBeforeMinutes: number | null;
  bufferAfterMinutes: number | null;
  minNoticeMinutes: number | null;
  bookingHorizonDays: number | null;
  dailyCapPerMember: number | null;
};

const serviceColumns = {
  id: services.id,
  name: services.name,
  description: services.description,
  durationMinutes: services.durationMinutes,
  priceCents: services.priceCents,
  active: services.active,
  slotIntervalMinutes: services.slotIntervalMinutes,
  bufferBeforeMinutes: services.bufferBeforeMinutes,
  bufferAfterMinutes: services.bufferAfterMinutes,
  minNoticeMinutes: services.minNoticeMinutes,
  bookingHorizonDays: services.bookingHorizonDays,
  dailyCapPerMember: services.dailyCapPerMember,
};

/** The provider's services: active first, then by name. */
export async function listServices(db: Db, providerId: string): Promise<ServiceRow[]> {
  const rows = await db
    .select(serviceColumns)
    .from(services)
    .where(eq(services.providerId, providerId))
    .orderBy(asc(services.name), asc(services.createdAt));
  return rows.sort((a, b) => Number(b.active) - Number(a.active));
}

export async function getServiceOrThrow(db: Db, providerId: string, serviceId: string): Promise<ServiceRow> {
  if (!isUuid(serviceId)) throw new AppError("NOT_FOUND");
  const [row] = await db
    .select(serviceColumns)
    .from(services)
    .where(and(eq(services.id, serviceId), eq(services.providerId, providerId)));
  if (!row) throw new AppError("NOT_FOUND");
  return row;
}

export async function createService(db: Db, providerId: string, input: ServiceInput): Promise<string> {
  const [row] = await db.insert(services).values({ providerId, ...input }).returning({ id: services.id });
  return row!.id;
}

export async function updateService(db: Db, providerId: string, serviceId: string, input: ServiceInput): Promise<void> {
  if (!isUuid(serviceId)) throw new AppError("NOT_FOUND");
  const updated = await db
    .update(services)
    .set(input)
    .where(and(eq(services.id, serviceId), eq(services.providerId, providerId)))
    .returning({ id: services.id });
  if (!updated.length) throw new AppError("NOT_FOUND");
}

/** Deactivated services stay in the history but can no longer be booked. */
export async function setServiceActive(db: Db, providerId: string, serviceId: string, active: boolean): Promise<void> {
  if (!isUuid(serviceId)) throw new AppError("NOT_FOUND");
  const updated = await db
    .update(services)
    .set({ active })
    .where(and(eq(services.id, serviceId), eq(services.providerId, providerId)))
    .returning({ id: services.id });
  if (!updated.length) throw new AppError("NOT_FOUND");
}

export type ServiceUsage = AppointmentUsage;

/** Why a service cannot be deleted, in words for the provider; null when it can be. */
export function deletionRefusal(usage: ServiceUsage): string | null {
  if (usage.upcoming > 0) {
    const n = usage.upcoming;
    return `This service has ${n} upcoming appointment${n === 1 ? "" : "s"}. Deactivate it instead so no new bookings can be made.`;
  }
  if (usage.total > 0) {
    return "This service has past appointments on record, which keep referring to it, so it can't be deleted. Deactivate it instead: it disappears from your booking page and your history stays intact.";
  }
  return null;
}

/** Appointments that refer to the service: upcoming = pending/confirmed and not yet ended. */
export async function getServiceUsage(db: Db, providerId: string, serviceId: string, now = new Date()): Promise<ServiceUsage> {
  if (!isUuid(serviceId)) throw new AppError("NOT_FOUND");
  return countAppointmentUsage(db, and(eq(appointments.serviceId, serviceId), eq(appointments.providerId, providerId))!, now);
}

/**
 * Deletes a service that no appointment refers to. Otherwise refuses with IN_USE and an
 * explanation; the foreign key (restrict) has the last word if a booking lands meanwhile.
 */
export async function deleteService(db: Db, providerId: string, serviceId: string, now = new Date()): Promise<void> {
  await getServiceOrThrow(db, providerId, serviceId);
  const refusal = deletionRefusal(await getServiceUsage(db, providerId, serviceId, now));
  if (refusal) throw new AppError("IN_USE", refusal);
  try {
    const deleted = await db
      .delete(services)
      .where(and(eq(services.id, serviceId), eq(services.providerId, providerId)))
      .returning({ id: services.id });
    if (!deleted.length) throw new AppError("NOT_FOUND");
  } catch (e) {
    if (pgErrorCode(e) === PG.foreignKeyViolation) {
      throw new AppError("IN_USE", deletionRefusal(await getServiceUsage(db, providerId, serviceId, now)) ?? undefined);
    }
    throw e;
  }
}
