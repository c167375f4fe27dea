import { and, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "@/db";
import { appointments, providers, services, staffMembers } from "@/db/schema";
import { addDays, isoWeekday, parseWallTime, zonedDate, zonedTime } from "@/lib/availability";
import { AppError, PG, pgErrorCode } from "@/lib/errors";
import { updateAppointment } from "@/lib/booking/write";
import { queueMail } from "@/lib/notify/mail";
import { formatInZone } from "@/lib/notify/templates";
import { isUuid } from "@/lib/validation";
import { bookingRules } from "./booking";
import { loadStaffResources } from "./load";
import { memberSlotInput, type BusinessRules } from "./resources";

/*
 * Moving an appointment to another member (the provider's dashboard, or a member being
 * deactivated/deleted). Only to a member who provides the service and works then; the
 * exclusion constraint decides whether they are free. Written through lib/booking/write.ts,
 * which records the change and queues the client's notice in the same transaction.
 */

type Target = { id: string; startsAt: Date; endsAt: Date; serviceId: string; staffId: string | null; clientName: string; clientEmail: string; serviceName: string; businessName: string; timezone: string };

async function loadTarget(db: Db, providerId: string, appointmentId: string, now: Date): Promise<Target> {
  if (!isUuid(appointmentId)) throw new AppError("NOT_FOUND");
  const [row] = await db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      endsAt: appointments.endsAt,
      serviceId: appointments.serviceId,
      staffId: appointments.staffId,
      clientName: appointments.clientName,
      clientEmail: appointments.clientEmail,
      serviceName: services.name,
      businessName: providers.businessName,
      timezone: providers.timezone,
    })
    .from(appointments)
    .innerJoin(services, eq(services.id, appointments.serviceId))
    .innerJoin(providers, eq(providers.id, appointments.providerId))
    .where(
      and(
        eq(appointments.id, appointmentId),
        eq(appointments.providerId, providerId),
        inArray(appointments.status, ["pending", "confirmed"]),
        gt(appointments.endsAt, now),
      ),
    );
  if (!row) throw new AppError("NOT_FOUND", "We couldn't find that upcoming appointment.");
  return row;
}

/** The members who could take this appointment instead: provide the service, work then, and are free. */
export async function reassignOptions(db: Db, providerId: string, appointmentId: string, now = new Date()): Promise<{ id: string; name: string }[]> {
  const a = await loadTarget(db, providerId, appointmentId, now);
  const day = zonedDate(a.startsAt, a.timezone);
  const members = await loadStaffResources(db, { providerId, serviceId: a.serviceId, from: addDays(day, -1), to: addDays(day, 1), timezone: a.timezone });
  const names = await db.select({ id: staffMembers.id, name: staffMembers.name }).from(staffMembers).where(eq(staffMembers.providerId, providerId));
  const business = await bookingRules(db, { providerId, serviceId: a.serviceId, start: a.startsAt, by: "provider", now, activeServiceOnly: false });
  const rules: BusinessRules = {
    ...business,
    durationMinutes: Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000),
    from: addDays(day, -1),
    to: addDays(day, 1),
  };
  // An existing appointment may sit off the slot grid: check that it lies inside one of the
  // member's intervals that day (not a closed day or time off) and overlaps nothing of theirs.
  const startMin = parseWallTime(zonedTime(a.startsAt, a.timezone));
  const endMin = startMin + rules.durationMinutes;
  const fits = (m: (typeof members)[number]) => {
    const input = memberSlotInput(rules, m);
    if (input.closedDates.includes(day)) return false;
    const within = input.weeklyHours.some((i) => i.weekday === isoWeekday(day) && parseWallTime(i.start) <= startMin && endMin <= parseWallTime(i.end));
    return within && !m.busy.some((b) => b.start < a.endsAt && b.end > a.startsAt);
  };
  return members
    .filter((m) => m.id !== a.staffId && fits(m))
    .map((m) => ({ id: m.id, name: names.find((n) => n.id === m.id)?.name ?? "" }));
}

export async function reassignAppointment(db: Db, providerId: string, appointmentId: string, toStaffId: string, now = new Date()): Promise<void> {
  if (!isUuid(toStaffId)) throw new AppError("VALIDATION", "Choose a staff member.", { fieldErrors: { staffId: ["Choose a staff member."] } });
  const options = await reassignOptions(db, providerId, appointmentId, now);
  const target = options.find((o) => o.id === toStaffId);
  if (!target) {
    const message = "That staff member can't take this appointment: they don't provide the service, aren't working then, or are busy.";
    throw new AppError("VALIDATION", message, { fieldErrors: { staffId: [message] } });
  }
  const a = await loadTarget(db, providerId, appointmentId, now);
  try {
    await db.transaction(async (tx) => {
      // Through the one write path: the change is recorded and the client told by its notices.
      const row = await updateAppointment(db, tx, {
        appointmentId: a.id,
        kind: "reassigned",
        actor: { kind: "provider", providerId },
        where: and(eq(appointments.providerId, providerId), inArray(appointments.status, ["pending", "confirmed"])),
        set: { staffId: toStaffId },
      });
      if (!row) throw new AppError("INVALID_STATE");
      // The write path keeps reassignments silent; a member's change is news to the client.
      await queueMail(db, tx, {
        to: a.clientEmail,
        subject: `Update: ${a.serviceName} at ${a.businessName}`,
        text: `Hello ${a.clientName},\n\nYour appointment (${a.serviceName}, ${formatInZone(a.startsAt, a.timezone)}) at ${a.businessName} is now with ${target.name}. The time stays the same.\n`,
      });
    });
  } catch (e) {
    if (pgErrorCode(e) === PG.exclusionViolation) throw new AppError("SLOT_TAKEN", `${target.name} was just booked at that time. Please choose someone else.`);
    throw e;
  }
}
