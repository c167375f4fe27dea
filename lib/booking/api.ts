import type { Db } from "@/db";
import { env } from "@/lib/infra/env";
import { addDays, zonedDate } from "@/lib/availability";
import { AppError, isAppError } from "@/lib/infra/errors";
import { validationError } from "@/lib/infra/http";
import { log } from "@/lib/infra/log";
import { enforceRateLimit } from "@/lib/infra/rate-limit";
import { createBooking } from "./create";
import { findProviderIdBySlug } from "./providers";
import { bookingRequestSchema, slotsQuerySchema } from "./schema";
import { manageUrl } from "./links";
import { listSlots } from "./slots";
import { HOLD_NOTICE, isHeld } from "./hold";

/*
 * The public JSON API's work, without Request objects: the route handlers parse the HTTP
 * envelope and map errors (lib/infra/http.ts); this answers in the DESIGN.md shapes. It always acts
 * as a guest: cookies are never consulted.
 */

/** Per-IP budget of the public API (RATE_LIMIT_PER_MINUTE; 0 turns it off). */
export async function enforceApiRateLimit(db: Db, ip: string): Promise<void> {
  await enforceRateLimit(db, `api:${ip}`, env().RATE_LIMIT_PER_MINUTE, 60);
}

async function providerIdOrThrow(db: Db, slug: string): Promise<string> {
  const id = await findProviderIdBySlug(db, slug);
  if (!id) throw new AppError("NOT_FOUND", "We couldn't find that provider.");
  return id;
}

export async function slotsResponse(db: Db, slug: string, query: Record<string, string>, now?: Date) {
  const parsed = slotsQuerySchema.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  const listing = await listSlots(db, { slug, ...parsed.data }, now);
  return {
    timezone: listing.timezone,
    slots: listing.slots.map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), staffIds: s.staffIds })),
  };
}

/** `clientAddress`: the caller's address (lib/infra/http.ts clientIp), for the per-address booking limit. */
export async function bookingResponse(db: Db, slug: string, body: Record<string, unknown>, now?: Date, clientAddress: string | null = null) {
  const parsed = bookingRequestSchema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  const providerId = await providerIdOrThrow(db, slug);
  const { start, ...rest } = parsed.data;
  const { appointment, manageToken } = await createBooking(
    db,
    { ...rest, providerId, start: new Date(start), by: "guest", clientUserId: null, clientAddress },
    now,
  );
  const base = {
    id: appointment.id,
    start: appointment.startsAt.toISOString(),
    end: appointment.endsAt.toISOString(),
    staffId: appointment.staffId,
    status: appointment.status as string,
    manageUrl: manageUrl(manageToken),
  };
  // A hold (lib/booking/hold.ts): the guest must follow the mailed link by holdUntil, or the time is released.
  if (isHeld(appointment)) {
    return { ...base, status: "awaiting_email_confirmation", holdUntil: appointment.holdUntil!.toISOString(), message: HOLD_NOTICE };
  }
  return base;
}

export type ApiSlot = { start: string; end: string; staffIds: string[] };

/**
 * The 409 of a booking refused because the time is taken (by an appointment, or busy in the
 * member's or the business's Google calendar), with `alternatives`: the free times of that local
 * day for the same service and the same member choice (a chosen member's own, or "any"), so a
 * widget can offer another without a second request. Null for any other error.
 */
export async function slotTakenAnswer(
  db: Db,
  slug: string,
  body: Record<string, unknown>,
  error: unknown,
  now?: Date,
): Promise<{ error: string; alternatives: ApiSlot[] } | null> {
  if (!isAppError(error) || error.code !== "SLOT_TAKEN") return null;
  const parsed = bookingRequestSchema.safeParse(body);
  if (!parsed.success) return { error: error.message, alternatives: [] };
  const start = new Date(parsed.data.start);
  const utcDay = start.toISOString().slice(0, 10);
  try {
    const listing = await listSlots(
      db,
      { slug, serviceId: parsed.data.serviceId, staffId: parsed.data.staffId ?? null, from: addDays(utcDay, -1), to: addDays(utcDay, 1) },
      now,
    );
    const day = zonedDate(start, listing.timezone);
    const alternatives = listing.slots
      .filter((s) => zonedDate(s.start, listing.timezone) === day && s.start.getTime() !== start.getTime())
      .map((s) => ({ start: s.start.toISOString(), end: s.end.toISOString(), staffIds: s.staffIds }));
    return { error: error.message, alternatives };
  } catch (e) {
    // The refusal stands whatever happens to the listing: never turn a 409 into a 5xx.
    if (!isAppError(e)) log.warn({ component: "booking-api", err: e }, "free times after a 409 could not be listed");
    return { error: error.message, alternatives: [] };
  }
}
