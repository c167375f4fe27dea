"use server";

import { clientIp } from "@/lib/http";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { SlotFormState } from "../../../_lib/form-state";
import { keepPicking, slotRefusal, type SlotScope } from "../../../_lib/slot-times";
import { bookPath, parseUuid } from "@/components/booking/booking-params";
import { getDb } from "@/lib/runtime";
import { toActionError, validationState } from "@/lib/action-state";
import { getCurrentUser } from "@/lib/auth/guards";
import { createBooking } from "@/lib/booking/create";
import { getPublicProviderBySlug } from "@/lib/booking/providers";
import { bookingRequestSchema } from "@/lib/booking/schema";
import { env } from "@/lib/env";
import { enforceRateLimit } from "@/lib/rate-limit";

/**
 * The booking page's submit: the same createBooking the JSON API uses. Anyone may book; a
 * signed-in client's booking is attached to their account. On SLOT_TAKEN the form gets back
 * everything typed plus the times still free that day.
 */
export async function createBookingAction(slug: string, _prev: SlotFormState, formData: FormData): Promise<SlotFormState> {
  // Authorise: public, but who is booking decides whose appointment it becomes.
  const user = await getCurrentUser();
  const client = user?.role === "client" ? user : null;
  const db = await getDb();
  const provider = await getPublicProviderBySlug(db, slug);
  if (!provider) return { ok: false, message: "We couldn't find that business." };
  const scope = (serviceId: string, staffId?: string | null): SlotScope => ({
    providerId: provider.id,
    serviceId,
    staffId,
    timezone: provider.timezone,
  });

  const parsed = bookingRequestSchema.safeParse({
    serviceId: formData.get("serviceId"),
    staffId: formData.get("staffId") ?? undefined,
    start: formData.get("start"),
    name: formData.get("name"),
    email: formData.get("email"),
    phone: formData.get("phone"),
    notes: formData.get("notes") ?? undefined,
  });
  if (!parsed.success) {
    const serviceId = parseUuid(formData.get("serviceId")?.toString());
    const state = validationState(parsed.error, formData);
    return serviceId ? keepPicking(db, state, scope(serviceId, parseUuid(formData.get("staffId")?.toString())), formData) : state;
  }
  const input = parsed.data;

  let manageToken: string;
  try {
    await enforceRateLimit(db, `booking-form:${await requestIp()}`, env().RATE_LIMIT_PER_MINUTE, 60);
    ({ manageToken } = await createBooking(db, {
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
    }));
  } catch (e) {
    const s = scope(input.serviceId, input.staffId);
    return (await slotRefusal(db, e, s, formData)) ?? keepPicking(db, toActionError(e, formData), s, formData);
  }
  // The slot is gone: going back must not show it from the router cache.
  revalidatePath(bookPath(slug));
  redirect(`/bookings/${encodeURIComponent(manageToken)}?booked=1`);
}

async function requestIp(): Promise<string> {
  return clientIp(await headers());
}
