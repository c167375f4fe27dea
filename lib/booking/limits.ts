import { and, count, eq, gt, inArray, isNotNull, sql } from "drizzle-orm";
import type { Tx } from "@/db";
import { appointments, users } from "@/db/schema";
import { env } from "@/lib/infra/env";
import { AppError } from "@/lib/infra/errors";
import { hitRateLimit } from "@/lib/infra/rate-limit";
import { HOLDING_STATUSES } from "./availability";

/*
 * How much one guest may book online, so that nobody fills a business's calendar (or its
 * guests' inboxes) with one email or from one address. Both checks run inside the booking's
 * transaction, before the row is written: a refusal rolls everything back (no row, no mail),
 * and concurrent bookings cannot overshoot — the email's check holds a transaction-scoped
 * advisory lock, the address's counter is one row that the upsert locks until commit.
 */

export const ADDRESS_WINDOW_SECONDS = 3600;

export function guestLimitMessage(limit: number): string {
  return `This email already has ${limit} upcoming booking${limit === 1 ? "" : "s"} here, the most this business takes online from one guest. Cancel one first, or contact the business.`;
}

export function addressLimitMessage(minutes: number): string {
  return `Too many bookings have been made from your connection in the last hour. Please try again in ${minutes} minute${minutes === 1 ? "" : "s"}, or contact the business.`;
}

export type BookingLimitsInput = {
  providerId: string;
  email: string;
  /** providers.guest_booking_limit (1–20). */
  guestLimit: number;
  /** The signed-in client, when there is one: a verified account booking its own email is not limited. */
  clientUserId: string | null;
  /** The client's address as the server saw it; null (no request, e.g. a script) skips the per-address limit. */
  clientAddress: string | null;
};

/**
 * Throws VALIDATION on `email` (422) once an unverified email holds `guestLimit` upcoming
 * online bookings at the business, and RATE_LIMITED (429) once one address has made
 * BOOKINGS_PER_ADDRESS_PER_HOUR bookings there this hour. RATE_LIMIT_PER_MINUTE=0 (load
 * tests) turns the per-address limit off, never the per-email one.
 */
export async function enforceBookingLimits(tx: Tx, input: BookingLimitsInput, now: Date): Promise<void> {
  const email = input.email.trim().toLowerCase();
  if (!(await isVerifiedOwnEmail(tx, input.clientUserId, email))) {
    // One booking of this email at this business at a time from here to commit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`guest-bookings:${input.providerId}:${email}`}, 0))`);
    const [row] = await tx
      .select({ n: count() })
      .from(appointments)
      .where(
        and(
          eq(appointments.providerId, input.providerId),
          sql`lower(${appointments.clientEmail}) = ${email}`,
          eq(appointments.source, "online"),
          inArray(appointments.status, [...HOLDING_STATUSES]),
          gt(appointments.startsAt, now),
        ),
      );
    if (Number(row?.n ?? 0) >= input.guestLimit) {
      const message = guestLimitMessage(input.guestLimit);
      throw new AppError("VALIDATION", message, { fieldErrors: { email: [message] } });
    }
  }

  const { RATE_LIMIT_PER_MINUTE, BOOKINGS_PER_ADDRESS_PER_HOUR } = env();
  if (input.clientAddress === null || RATE_LIMIT_PER_MINUTE === 0 || BOOKINGS_PER_ADDRESS_PER_HOUR === 0) return;
  const key = `booking-address:${input.providerId}:${input.clientAddress}`;
  const hit = await hitRateLimit(tx, key, BOOKINGS_PER_ADDRESS_PER_HOUR, ADDRESS_WINDOW_SECONDS, now);
  if (!hit.allowed) {
    throw new AppError("RATE_LIMITED", addressLimitMessage(Math.ceil(hit.retryAfterSeconds / 60)), { retryAfter: hit.retryAfterSeconds });
  }
}

export async function isVerifiedOwnEmail(tx: Tx, clientUserId: string | null, email: string): Promise<boolean> {
  if (!clientUserId) return false;
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, clientUserId), isNotNull(users.emailVerifiedAt), sql`lower(${users.email}) = ${email}`))
    .limit(1);
  return !!row;
}
