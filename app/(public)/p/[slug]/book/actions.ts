"use server";

import { headers } from "next/headers";
import type { SlotFormState } from "@/lib/booking/slot-options";
import { offerOtherTimes } from "@/lib/booking/slot-times";
import { getDb } from "@/lib/app/runtime";
import { formAction } from "@/lib/infra/actions";
import { getCurrentUser } from "@/lib/app/guards";
import { createBooking } from "@/lib/booking/create";
import { bookPath } from "@/lib/booking/picker";
import { getPublicProviderBySlug } from "@/lib/booking/providers";
import { bookingRequestSchema } from "@/lib/booking/schema";
import { env } from "@/lib/infra/env";
import { AppError } from "@/lib/infra/errors";
import { clientIp } from "@/lib/infra/http";
import { enforceRateLimit } from "@/lib/infra/rate-limit";
import { parseUuid } from "@/lib/infra/validation";

/**
 * The booking page's submit: the same createBooking the JSON API uses. Anyone may book; a
 * signed-in client's booking is attached to their account. On SLOT_TAKEN the form gets back
 * everything typed plus the times still free that day.
 */
export const createBookingAction = formAction({
  // Public, but who is booking decides whose appointment it becomes.
  authorise: async (slug: string) => {
    const [user, db] = await Promise.all([getCurrentUser(), getDb()]);
    const provider = await getPublicProviderBySlug(db, slug);
    if (!provider) throw new AppError("NOT_FOUND", "We couldn't find that business.");
    return { db, slug, provider, client: user?.role === "client" ? user : null };
  },
  schema: bookingRequestSchema,
  call: async ({ db, provider, client }, input) => {
    const address = clientIp(await headers());
    await enforceRateLimit(db, `booking-form:${address}`, env().RATE_LIMIT_PER_MINUTE, 60);
    return createBooking(db, {
      providerId: provider.id,
      serviceId: input.serviceId,
      staffId: input.staffId ?? null,
      start: new Date(input.start),
      name: input.name,
      email: input.email,
      phone: input.phone,
      notes: input.notes,
      clientUserId: client?.id ?? null,
      by: client ? "client" : "guest",
      source: "online",
      clientAddress: address,
    });
  },
  // The slot is gone: going back must not show it from the router cache.
  done: ({ slug }, _input, { manageToken }) => ({
    revalidate: [bookPath(slug)],
    redirect: `/bookings/${encodeURIComponent(manageToken)}?booked=1`,
  }),
  refine: async (state, { db, provider }, formData, error): Promise<SlotFormState> => {
    const serviceId = parseUuid(formData.get("serviceId"));
    if (!serviceId) return state;
    const scope = { providerId: provider.id, serviceId, staffId: parseUuid(formData.get("staffId")), timezone: provider.timezone };
    return offerOtherTimes(db, state, scope, formData, error);
  },
});
