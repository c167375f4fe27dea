import { z } from "zod";
import type { Db, Tx } from "@/db";
import type { Appointment } from "@/db/schema";
import { AppError, PG, pgErrorCode } from "@/lib/infra/errors";
import { liveStaffBusy, STAFF_CHOICE_OFF, staffCandidatesOrThrow, usesStaff } from "./staff-calendars";
import { bookingRules } from "./staff-calendars";
import { assertBookableOrThrow, loadBookingContextOrThrow } from "./context";
import { liveBusyFor } from "./live-busy";
import { emailSchema, nameSchema, notesSchema, phoneSchema } from "./schema";
import { newTokenWithHash } from "@/lib/infra/tokens";
import { insertAppointment, type WriteActor } from "./write";
import { enforceBookingLimits, isVerifiedOwnEmail } from "./limits";
import { newHold, queueHoldFollowUps } from "./hold";

export type CreateBookingInput = {
  providerId: string;
  serviceId: string;
  staffId?: string | null;
  start: Date;
  name: string;
  email: string;
  phone: string;
  notes?: string;
  /** Signed-in client: the appointment is attached to the account. */
  clientUserId?: string | null;
  /** "provider" = walk-in/phone booking from the dashboard: minimum notice and horizon do not apply; hours and overlaps still do. */
  by: "guest" | "client" | "provider";
  source?: "online" | "walk_in" | "phone";
  /**
   * The client's address as the server saw it (the booking page and the API pass it): at most
   * BOOKINGS_PER_ADDRESS_PER_HOUR bookings per business from one. Null/absent: not limited by address.
   */
  clientAddress?: string | null;
};

// Callers parse their own input (bookingRequestSchema); the domain checks again so that no
// caller can write a row the public form would refuse.
const contactSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  phone: phoneSchema,
  notes: notesSchema.optional(),
});

/**
 * Books a slot. The exclusion constraint, not a read before the write, decides overlaps: of
 * any number of concurrent bookings of one slot exactly one commits, the rest get SLOT_TAKEN.
 * An online booking with a provider who approves bookings by hand is `pending` (it holds the
 * slot all the same); walk-in/phone bookings and everything else are `confirmed`.
 * The appointment, its change row and its notices (lib/notices) are written in one
 * transaction through lib/booking/write.ts.
 *
 * Throws AppError NOT_FOUND (unknown provider; service inactive or not this provider's;
 * foreign staff member), VALIDATION (contact fields), OUTSIDE_HOURS (not a bookable slot),
 * SLOT_TAKEN.
 */
export async function createBooking(
  db: Db,
  input: CreateBookingInput,
  now: Date = new Date(),
): Promise<{ appointment: Appointment; manageToken: string }> {
  const contact = contactSchema.safeParse({ name: input.name, email: input.email, phone: input.phone, notes: input.notes });
  if (!contact.success) {
    const fieldErrors = z.flattenError(contact.error).fieldErrors as Record<string, string[]>;
    throw new AppError("VALIDATION", undefined, { fieldErrors });
  }
  if (input.by === "client" && !input.clientUserId) throw new AppError("UNAUTHENTICATED");

  const ctx = await loadBookingContextOrThrow(db, input);
  const { provider, service } = ctx;
  const staffMode = await usesStaff(db, provider.id, service.id, now);
  // Staff bookings are checked against the member's own grid (inside the business's hours) by
  // staffCandidatesOrThrow; everything else against the business's grid here.
  if (!staffMode) {
    // Google is asked before the transaction (never inside it), within about 2 s; when it
    // cannot answer, the mirrored busy times alone decide.
    const live = await liveBusyFor(db, { providerId: provider.id, resources: [null], from: input.start, to: new Date(input.start.getTime() + service.durationMinutes * 60_000) });
    await assertBookableOrThrow(db, { ...ctx, liveBusy: live.get(null) }, input.start, input.by, now);
  }
  // Staff bookings: the chosen member's own calendar, or each qualified member's for "any".
  const liveStaff = staffMode
    ? await liveStaffBusy(db, { providerId: provider.id, serviceId: service.id, staffId: ctx.staffId, start: input.start, durationMinutes: service.durationMinutes })
    : undefined;
  if (!staffMode && ctx.staffId) {
    throw new AppError("VALIDATION", STAFF_CHOICE_OFF, { fieldErrors: { staffId: [STAFF_CHOICE_OFF] } });
  }

  const start = new Date(input.start.getTime());
  const end = new Date(start.getTime() + service.durationMinutes * 60_000);
  const source = input.by === "provider" ? (input.source ?? "phone") : "online";
  const status = bookingStatus(provider, input.by);
  const { token, hash } = newTokenWithHash();
  const c = contact.data;

  try {
    return await db.transaction(async (tx) => {
      // Online bookings are bounded per guest email and per address (lib/booking/limits.ts),
      // checked here, in the writing transaction, so concurrent requests cannot overshoot.
      if (input.by !== "provider") {
        await enforceBookingLimits(
          tx,
          {
            providerId: provider.id,
            email: c.email,
            guestLimit: provider.guestBookingLimit,
            clientUserId: input.by === "client" ? (input.clientUserId ?? null) : null,
            clientAddress: input.clientAddress ?? null,
          },
          now,
        );
      }
      // "Ask new guests to confirm their email": an online booking not made by a signed-in
      // client with this very (verified) email is a hold until the mailed link is followed.
      const hold =
        provider.confirmGuestEmail && input.by !== "provider" && !(await isVerifiedOwnEmail(tx, input.by === "client" ? (input.clientUserId ?? null) : null, c.email.trim().toLowerCase()))
          ? newHold(now)
          : null;
      // Staff bookings: the free qualified members in fair order (one when chosen); each is
      // tried in a savepoint and the exclusion constraint accepts the first still free, so
      // concurrent "any available" bookings spread over the free members.
      const candidates: (string | null)[] = staffMode
        ? await staffCandidatesOrThrow(tx, {
            providerId: provider.id,
            serviceId: service.id,
            staffId: ctx.staffId,
            start,
            rules: await bookingRules(tx, { providerId: provider.id, serviceId: service.id, start, by: input.by, now }),
            liveBusy: liveStaff,
          })
        : [ctx.staffId];
      const appointment = await insertWithFirstFree(tx, candidates, (sp, staffId) => insertAppointment(sp, {
        actor: writeActor(input, provider.id, token),
        manageToken: token,
        values: {
          staffId,
          staffAssignedBy: staffId === null ? null : ctx.staffId ? (input.by === "provider" ? "provider" : "client") : "any",
          providerId: provider.id,
          serviceId: service.id,
          clientUserId: input.by === "guest" ? null : (input.clientUserId ?? null),
          clientName: c.name,
          clientEmail: c.email,
          clientPhone: c.phone,
          notes: c.notes ?? "",
          startsAt: start,
          endsAt: end,
          // A hold waits as pending: it blocks its time like any booking (lib/booking/hold.ts).
          status: hold ? "pending" : status,
          manageTokenHash: hash,
          source,
          holdUntil: hold?.holdUntil ?? null,
          holdTokenHash: hold?.hash ?? null,
        },
      }));
      if (hold) await queueHoldFollowUps(tx, appointment, hold.token);
      return { appointment, manageToken: token };
    });
  } catch (e) {
    if (pgErrorCode(e) === PG.exclusionViolation) throw new AppError("SLOT_TAKEN");
    throw e;
  }
}

function writeActor(input: CreateBookingInput, providerId: string, token: string): WriteActor {
  if (input.by === "client") return { kind: "client", userId: input.clientUserId! };
  if (input.by === "guest") return { kind: "guest", token };
  return { kind: "provider", providerId };
}

/** Tries of one candidate that a deadlock between conflicting inserts may cost. */
const MAX_DEADLOCK_RETRIES = 3;

/**
 * Writes with the first candidate the exclusion constraint accepts, each try in its own
 * savepoint so a refused one leaves the transaction usable. SLOT_TAKEN when none is.
 */
async function insertWithFirstFree(
  tx: Tx,
  candidates: (string | null)[],
  insert: (sp: Tx, staffId: string | null) => Promise<Appointment>,
): Promise<Appointment> {
  for (const staffId of candidates) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await tx.transaction((sp) => insert(sp, staffId));
      } catch (e) {
        const code = pgErrorCode(e);
        // Two inserts of overlapping times can each wait for the other inside the exclusion
        // constraint, and PostgreSQL ends one of them with a deadlock. Only its savepoint is
        // rolled back, so ask again: by then the other has committed (23P01: taken) or gone
        // (the time is free), and the answer is the true one rather than a 500.
        if (code === PG.deadlockDetected && attempt < MAX_DEADLOCK_RETRIES) continue;
        if (code !== PG.exclusionViolation) throw e;
        break;
      }
    }
  }
  throw new AppError("SLOT_TAKEN");
}

/** The status a new booking starts in: online bookings wait for a provider who approves by hand. */
export function bookingStatus(provider: { requireApproval: boolean }, by: CreateBookingInput["by"]): "pending" | "confirmed" {
  return provider.requireApproval && by !== "provider" ? "pending" : "confirmed";
}

/** How far back a visit may be recorded after it happened. */
export const PAST_VISIT_DAYS = 365;

/**
 * Records a walk-in that already happened (the provider only): written as `completed` at the
 * time it took place, with the member who saw the client (one of the provider's, or nobody).
 * Not a booking: hours, notice and overlaps do not apply (a completed visit holds no time), and
 * nobody is told (notices leave a visit created as completed alone; no reminder for the past).
 * The start must be in the past and within PAST_VISIT_DAYS.
 */
export async function recordPastVisit(
  db: Db,
  input: Omit<CreateBookingInput, "by" | "clientUserId" | "clientAddress"> & { source?: "walk_in" | "phone" },
  now: Date = new Date(),
): Promise<Appointment> {
  const contact = contactSchema.safeParse({ name: input.name, email: input.email, phone: input.phone, notes: input.notes });
  if (!contact.success) {
    const fieldErrors = z.flattenError(contact.error).fieldErrors as Record<string, string[]>;
    throw new AppError("VALIDATION", undefined, { fieldErrors });
  }
  const start = new Date(input.start.getTime());
  const when = (message: string) => new AppError("VALIDATION", undefined, { fieldErrors: { time: [message] } });
  if (Number.isNaN(start.getTime()) || start.getTime() >= now.getTime()) throw when("A visit that already happened must start before now.");
  if (start.getTime() < now.getTime() - PAST_VISIT_DAYS * 86_400_000) throw when(`Visits can be recorded up to ${PAST_VISIT_DAYS} days back.`);
  // A service withdrawn since can still be recorded; the member must be one of this provider's.
  const { provider, service, staffId } = await loadBookingContextOrThrow(db, { ...input, activeServiceOnly: false });
  const { token, hash } = newTokenWithHash();
  const c = contact.data;
  return db.transaction((tx) =>
    insertAppointment(tx, {
      actor: { kind: "provider", providerId: provider.id },
      manageToken: token,
      values: {
        staffId,
        staffAssignedBy: staffId ? "provider" : null,
        providerId: provider.id,
        serviceId: service.id,
        clientName: c.name,
        clientEmail: c.email,
        clientPhone: c.phone,
        notes: c.notes ?? "",
        startsAt: start,
        endsAt: new Date(start.getTime() + service.durationMinutes * 60_000),
        status: "completed",
        manageTokenHash: hash,
        source: input.source ?? "walk_in",
      },
    }),
  );
}
