import "server-only";
import type { Db } from "@/db";
import { createBooking } from "@/lib/booking/create";
import { AppError } from "@/lib/infra/errors";
import { getAccountProfile } from "./account";
import { getOwnAppointment } from "./appointment";

/**
 * Books the same business, service and staff member as one of the client's own appointments,
 * at a new time, attached to their account. Someone else's appointment is NOT_FOUND. The new
 * time is checked like any booking (hours, notice, horizon; overlaps by the exclusion
 * constraint). The contact details are the account's, with the old booking's phone as fallback.
 */
export async function rebookAppointment(
  db: Db,
  args: { userId: string; appointmentId: string; start: Date },
  now: Date = new Date(),
): Promise<string> {
  const old = await getOwnAppointment(db, { id: args.userId, role: "client" }, args.appointmentId, now);
  const profile = await getAccountProfile(db, args.userId);
  if (!old || !profile) throw new AppError("NOT_FOUND", "We couldn't find that appointment.");
  const phone = profile.phone || old.clientPhone;
  // Businesses need a number to reach the client, as on the public booking form.
  if (!phone) throw new AppError("VALIDATION", "Please add your phone number in Settings first, so the business can reach you.");
  const { appointment } = await createBooking(
    db,
    {
      providerId: old.provider.id,
      serviceId: old.service.id,
      staffId: old.staffId,
      start: args.start,
      name: profile.name,
      email: profile.email,
      phone,
      by: "client",
      clientUserId: args.userId,
    },
    now,
  );
  return appointment.id;
}
