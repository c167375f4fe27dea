import { and, asc, count, eq, inArray, isNull, max, ne, sql } from "drizzle-orm";
import { z } from "zod";
import type { Db, Tx } from "@/db";
import { appointments, providers, services, staffInvites, staffMembers, staffPhotos, staffServices } from "@/db/schema";
import { AppError } from "@/lib/infra/errors";
import { checkbox, optionalPhone, optionalText, requiredText } from "@/lib/provider/form-fields";
import { emailSchema, isUuid } from "@/lib/infra/validation";
import { appointmentsJoined, staffView, type StaffAppointment } from "@/lib/booking/read";
import { countAppointmentUsage, stillHolding, type AppointmentUsage } from "@/lib/booking/usage";
import { googleConfig, type GoogleConfig } from "@/lib/calendar/config";
import { disconnectCalendar } from "@/lib/calendar/integrations";

export const MAX_ACTIVE_STAFF = 10;
export const STAFF_LIMIT_MESSAGE = `You can have at most ${MAX_ACTIVE_STAFF} active staff members. Deactivate someone first.`;

export const staffSchema = z.object({
  name: requiredText("Name", 100),
  email: z.union([z.literal(""), emailSchema]).optional().transform((v) => v ?? ""),
  phone: optionalPhone("Use digits, spaces and + ( ) - only."),
  bio: optionalText("Bio", 1000),
  active: checkbox,
  serviceIds: z.array(z.string().refine(isUuid, "Choose services from the list.")).max(200).default([]),
});
export type StaffInput = z.output<typeof staffSchema>;

/** Form fields → the object staffSchema reads (serviceIds is a repeated checkbox). */
export function staffFormObject(formData: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ["name", "email", "phone", "bio", "active"]) {
    const v = formData.get(k);
    if (typeof v === "string") out[k] = v;
  }
  out.serviceIds = formData.getAll("serviceIds").filter((v): v is string => typeof v === "string");
  return out;
}

export type StaffListItem = {
  id: string;
  name: string;
  email: string;
  phone: string;
  bio: string;
  active: boolean;
  displayOrder: number;
  hasLogin: boolean;
  /** Has weekly working hours: without any, clients cannot book them. */
  hasHours: boolean;
  photoVersion: number | null;
  services: { id: string; name: string }[];
};

/** The public path of a member's photo; the version makes the URL change with the photo (long caching). */
export const staffPhotoUrl = (staffId: string, version: number) => `/api/staff/${staffId}/photo?v=${version}`;

/** The provider's staff: active first, then display order, then name. */
export async function listStaff(db: Db, providerId: string): Promise<StaffListItem[]> {
  const rows = await db
    .select({
      id: staffMembers.id,
      name: staffMembers.name,
      email: staffMembers.email,
      phone: staffMembers.phone,
      bio: staffMembers.bio,
      active: staffMembers.active,
      displayOrder: staffMembers.displayOrder,
      userId: staffMembers.userId,
      photoUpdatedAt: staffPhotos.updatedAt,
      hasHours: sql<boolean>`exists (select 1 from staff_availability sa where sa.staff_id = ${staffMembers.id} and sa.available)`,
    })
    .from(staffMembers)
    .leftJoin(staffPhotos, eq(staffPhotos.staffId, staffMembers.id))
    .where(eq(staffMembers.providerId, providerId))
    .orderBy(sql`${staffMembers.active} desc`, asc(staffMembers.displayOrder), asc(staffMembers.name));
  const links = rows.length
    ? await db
        .select({ staffId: staffServices.staffId, id: services.id, name: services.name })
        .from(staffServices)
        .innerJoin(services, eq(services.id, staffServices.serviceId))
        .where(inArray(staffServices.staffId, rows.map((r) => r.id)))
        .orderBy(asc(services.name))
    : [];
  return rows.map(({ userId, photoUpdatedAt, ...r }) => ({
    ...r,
    hasLogin: userId !== null,
    photoVersion: photoUpdatedAt ? photoUpdatedAt.getTime() : null,
    services: links.filter((l) => l.staffId === r.id).map(({ id, name }) => ({ id, name })),
  }));
}

export async function getStaffOrThrow(db: Db, providerId: string, staffId: string): Promise<StaffListItem> {
  if (!isUuid(staffId)) throw new AppError("NOT_FOUND");
  const member = (await listStaff(db, providerId)).find((s) => s.id === staffId);
  if (!member) throw new AppError("NOT_FOUND");
  return member;
}

/**
 * Locks the provider row for the rest of the transaction: every write that can add an active
 * member takes this lock first, so two concurrent adds at 9 are serialised and the second sees 10.
 */
async function lockProvider(tx: Tx, providerId: string): Promise<void> {
  const [row] = await tx.select({ id: providers.id }).from(providers).where(eq(providers.id, providerId)).for("update");
  if (!row) throw new AppError("NOT_FOUND");
}

async function activeCount(tx: Tx, providerId: string, exceptId?: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(staffMembers)
    .where(and(eq(staffMembers.providerId, providerId), eq(staffMembers.active, true), exceptId ? ne(staffMembers.id, exceptId) : undefined));
  return Number(row?.n ?? 0);
}

async function assertRoomForActive(tx: Tx, providerId: string, exceptId?: string) {
  if ((await activeCount(tx, providerId, exceptId)) >= MAX_ACTIVE_STAFF) {
    throw new AppError("CONFLICT", STAFF_LIMIT_MESSAGE, { fieldErrors: { active: [STAFF_LIMIT_MESSAGE] } });
  }
}

/** Only the provider's own services may be linked; anything else is a field error, nothing written. */
async function ownServiceIds(tx: Tx, providerId: string, ids: string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const rows = await tx
    .select({ id: services.id })
    .from(services)
    .where(and(eq(services.providerId, providerId), inArray(services.id, unique)));
  if (rows.length !== unique.length) {
    throw new AppError("VALIDATION", undefined, { fieldErrors: { serviceIds: ["Choose services from your own list."] } });
  }
  return unique;
}

export async function createStaff(db: Db, providerId: string, input: StaffInput): Promise<string> {
  return db.transaction(async (tx) => {
    await lockProvider(tx, providerId);
    if (input.active) await assertRoomForActive(tx, providerId);
    const serviceIds = await ownServiceIds(tx, providerId, input.serviceIds);
    const [last] = await tx
      .select({ n: max(staffMembers.displayOrder) })
      .from(staffMembers)
      .where(eq(staffMembers.providerId, providerId));
    const [row] = await tx
      .insert(staffMembers)
      .values({
        providerId,
        name: input.name,
        email: input.email,
        phone: input.phone,
        bio: input.bio,
        active: input.active,
        displayOrder: (last?.n ?? -1) + 1,
      })
      .returning({ id: staffMembers.id });
    if (serviceIds.length) await tx.insert(staffServices).values(serviceIds.map((serviceId) => ({ staffId: row!.id, serviceId })));
    return row!.id;
  });
}

export async function updateStaff(db: Db, providerId: string, staffId: string, input: StaffInput): Promise<void> {
  if (!isUuid(staffId)) throw new AppError("NOT_FOUND");
  await db.transaction(async (tx) => {
    await lockProvider(tx, providerId);
    if (input.active) await assertRoomForActive(tx, providerId, staffId);
    const serviceIds = await ownServiceIds(tx, providerId, input.serviceIds);
    const [before] = await tx
      .select({ email: staffMembers.email })
      .from(staffMembers)
      .where(and(eq(staffMembers.id, staffId), eq(staffMembers.providerId, providerId)))
      .for("update");
    const updated = await tx
      .update(staffMembers)
      .set({ name: input.name, email: input.email, phone: input.phone, bio: input.bio, active: input.active })
      .where(and(eq(staffMembers.id, staffId), eq(staffMembers.providerId, providerId)))
      .returning({ id: staffMembers.id });
    if (!updated.length || !before) throw new AppError("NOT_FOUND");
    // An open invite was mailed to the old address: a new address must get a new link.
    if (before.email.trim().toLowerCase() !== input.email.trim().toLowerCase()) {
      await tx
        .update(staffInvites)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(staffInvites.staffId, staffId), isNull(staffInvites.usedAt), isNull(staffInvites.revokedAt)));
    }
    await tx.delete(staffServices).where(eq(staffServices.staffId, staffId));
    if (serviceIds.length) await tx.insert(staffServices).values(serviceIds.map((serviceId) => ({ staffId, serviceId })));
  });
}

/** Why a member cannot be deactivated yet, in words for the provider; null when they can be. */
export function staffDeactivationRefusal(usage: StaffUsage): string | null {
  const n = usage.upcoming;
  if (n === 0) return null;
  return `This member has ${n} upcoming appointment${n === 1 ? "" : "s"}. Reassign or cancel ${n === 1 ? "it" : "them"} first.`;
}

/**
 * Activates or deactivates a member. Deactivating one who still has future appointments is
 * IN_USE: the provider resolves them first (reassign or cancel, lib/staff/reassign.ts), so no
 * client is left booked with someone who no longer works there without being told.
 */
export async function setStaffActive(db: Db, providerId: string, staffId: string, active: boolean, now = new Date()): Promise<void> {
  if (!isUuid(staffId)) throw new AppError("NOT_FOUND");
  await db.transaction(async (tx) => {
    await lockProvider(tx, providerId);
    if (active) await assertRoomForActive(tx, providerId, staffId);
    if (!active) {
      // Under the provider lock; a booking landing meanwhile is caught by the next attempt's count.
      const [row] = await tx
        .select({ n: count() })
        .from(appointments)
        .where(
          memberUpcoming(providerId, staffId, now),
        );
      const refusal = staffDeactivationRefusal({ upcoming: Number(row?.n ?? 0), total: 0 });
      if (refusal) throw new AppError("IN_USE", refusal);
    }
    const updated = await tx
      .update(staffMembers)
      .set({ active })
      .where(and(eq(staffMembers.id, staffId), eq(staffMembers.providerId, providerId)))
      .returning({ id: staffMembers.id });
    if (!updated.length) throw new AppError("NOT_FOUND");
    // A deactivated member's pending invitations stop working.
    if (!active) {
      await tx
        .update(staffInvites)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(staffInvites.staffId, staffId), sql`${staffInvites.usedAt} is null and ${staffInvites.revokedAt} is null`));
    }
  });
}

/** Moves a member one place up or down among the provider's staff (display order, renumbered 0..n-1). */
export async function moveStaff(db: Db, providerId: string, staffId: string, direction: "up" | "down"): Promise<void> {
  if (!isUuid(staffId)) throw new AppError("NOT_FOUND");
  await db.transaction(async (tx) => {
    await lockProvider(tx, providerId);
    const rows = await tx
      .select({ id: staffMembers.id })
      .from(staffMembers)
      .where(eq(staffMembers.providerId, providerId))
      .orderBy(sql`${staffMembers.active} desc`, asc(staffMembers.displayOrder), asc(staffMembers.name));
    const ids = rows.map((r) => r.id);
    const i = ids.indexOf(staffId);
    if (i < 0) throw new AppError("NOT_FOUND");
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= ids.length) return;
    [ids[i], ids[j]] = [ids[j]!, ids[i]!];
    for (const [order, id] of ids.entries()) {
      await tx.update(staffMembers).set({ displayOrder: order }).where(eq(staffMembers.id, id));
    }
  });
}

export type StaffUsage = AppointmentUsage;

export async function getStaffUsage(db: Db, providerId: string, staffId: string, now = new Date()): Promise<StaffUsage> {
  return countAppointmentUsage(db, and(eq(appointments.staffId, staffId), eq(appointments.providerId, providerId))!, now);
}

/** Why a member cannot be deleted, in words for the provider; null when they can be. */
export function staffDeletionRefusal(usage: StaffUsage): string | null {
  if (usage.upcoming > 0) {
    const n = usage.upcoming;
    return `This member has ${n} upcoming appointment${n === 1 ? "" : "s"}. Reassign or cancel ${n === 1 ? "it" : "them"} first.`;
  }
  if (usage.total > 0) return "This member has past appointments on record, so they can only be deactivated, never deleted.";
  return null;
}

/**
 * Deletes a member with no appointments at all (past ones keep referring to them: deactivate
 * instead). The foreign key (restrict) has the last word if a booking lands meanwhile. Their own
 * Google Calendar connection is disconnected first, its grant revoked at Google (best effort), so
 * it does not outlive them in their Google account.
 */
export async function deleteStaff(
  db: Db,
  providerId: string,
  staffId: string,
  now = new Date(),
  opts: { google?: GoogleConfig | null } = {},
): Promise<void> {
  await getStaffOrThrow(db, providerId, staffId);
  const refusal = staffDeletionRefusal(await getStaffUsage(db, providerId, staffId, now));
  if (refusal) throw new AppError("IN_USE", refusal);
  await disconnectCalendar(db, { providerId, staffId }, opts.google === undefined ? googleConfig() : opts.google);
  try {
    await db.transaction(async (tx) => {
      await lockProvider(tx, providerId);
      await tx.delete(staffMembers).where(and(eq(staffMembers.id, staffId), eq(staffMembers.providerId, providerId)));
    });
  } catch (e) {
    const refusalNow = staffDeletionRefusal(await getStaffUsage(db, providerId, staffId, now));
    if (refusalNow) throw new AppError("IN_USE", refusalNow);
    throw e;
  }
}

/** A member's appointments that still hold their time (pending/confirmed, not ended), soonest first. */
export async function listMemberUpcoming(db: Db, providerId: string, staffId: string, now = new Date()): Promise<StaffAppointment[]> {
  if (!isUuid(staffId)) return [];
  return appointmentsJoined(db, staffView).where(memberUpcoming(providerId, staffId, now)).orderBy(asc(appointments.startsAt)).limit(200);
}

/** A member's appointments that still hold their time: pending or confirmed, not yet over. */
function memberUpcoming(providerId: string, staffId: string, now: Date) {
  return and(eq(appointments.staffId, staffId), eq(appointments.providerId, providerId), stillHolding(now));
}
