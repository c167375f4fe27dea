import type { Db } from "@/db";
import { env } from "@/lib/infra/env";
import { AppError } from "@/lib/infra/errors";
import { validationError } from "@/lib/infra/http";
import { enforceRateLimit } from "@/lib/infra/rate-limit";
import { createBooking } from "./create";
import { findProviderIdBySlug } from "./providers";
import { bookingRequestSchema, slotsQuerySchema } from "./schema";
import { manageUrl } from "./links";
import { listSlots } from "./slots";

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
  return {
    id: appointment.id,
    start: appointment.startsAt.toISOString(),
    end: appointment.endsAt.toISOString(),
    staffId: appointment.staffId,
    status: appointment.status,
    manageUrl: manageUrl(manageToken),
  };
}
