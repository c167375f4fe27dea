import { and, asc, desc, eq, gte, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { providers, staffMembers, staffTimeOff, staffTimeOffRequests } from "@/db/schema";
import { zonedDate } from "@/lib/availability";
import { AppError } from "@/lib/infra/errors";
import { isUuid } from "@/lib/infra/validation";
import { addTimeOff, type TimeOffInput } from "./availability";
import { linkedMember } from "./schedule";

/*
 * A member's own time off from /staff: a request the provider approves or declines, or — when
 * the provider lets members add it directly (providers.staff_add_time_off) — time off added at
 * once. Either way it goes through addTimeOff, so booked appointments it would leave outside
 * working time are named first and confirmed, then shown as conflicts to the provider.
 */

export type TimeOffRequestRow = { id: string; startDate: string; endDate: string; reason: string; status: "pending" | "approved" | "declined" };

/** The signed-in member and their business, or NOT_FOUND when the login has no working access. */
async function memberOrThrow(db: Db, userId: string, now: Date) {
  const member = await linkedMember(db, userId, now);
  if (!member || member.access !== "ok") throw new AppError("NOT_FOUND");
  const [p] = await db.select({ direct: providers.staffAddTimeOff }).from(providers).where(eq(providers.id, member.providerId));
  return { ...member, direct: Boolean(p?.direct) };
}

/**
 * The member asks for time off: added at once when the provider allows it (with the conflict
 * confirmation), else recorded as a request. A range that has already ended is refused.
 */
export async function requestTimeOff(db: Db, userId: string, input: TimeOffInput, now = new Date()): Promise<{ added: boolean; conflicts: number }> {
  const member = await memberOrThrow(db, userId, now);
  if (input.endDate < zonedDate(now, member.timezone)) {
    throw new AppError("VALIDATION", undefined, { fieldErrors: { endDate: ["Time off must end today or later."] } });
  }
  if (member.direct) return { added: true, ...(await addTimeOff(db, member.providerId, member.id, input, now)) };
  await db.insert(staffTimeOffRequests).values({ staffId: member.id, startDate: input.startDate, endDate: input.endDate, reason: input.reason });
  return { added: false, conflicts: 0 };
}

/** The member's own requests still relevant (not ended), newest first, and whether they may add time off directly. */
export async function ownTimeOff(
  db: Db,
  userId: string,
  now = new Date(),
): Promise<{ direct: boolean; requests: TimeOffRequestRow[]; timeOff: { id: string; startDate: string; endDate: string; reason: string }[] } | null> {
  const member = await linkedMember(db, userId, now);
  if (!member || member.access !== "ok") return null;
  const [p] = await db.select({ direct: providers.staffAddTimeOff }).from(providers).where(eq(providers.id, member.providerId));
  const today = zonedDate(now, member.timezone);
  const [requests, timeOff] = await Promise.all([
    db
      .select({ id: staffTimeOffRequests.id, startDate: staffTimeOffRequests.startDate, endDate: staffTimeOffRequests.endDate, reason: staffTimeOffRequests.reason, status: staffTimeOffRequests.status })
      .from(staffTimeOffRequests)
      .where(and(eq(staffTimeOffRequests.staffId, member.id), gte(staffTimeOffRequests.endDate, today)))
      .orderBy(desc(staffTimeOffRequests.createdAt)),
    db
      .select({ id: staffTimeOff.id, startDate: staffTimeOff.startDate, endDate: staffTimeOff.endDate, reason: staffTimeOff.reason })
      .from(staffTimeOff)
      .where(and(eq(staffTimeOff.staffId, member.id), gte(staffTimeOff.endDate, today)))
      .orderBy(asc(staffTimeOff.startDate)),
  ]);
  return { direct: Boolean(p?.direct), requests, timeOff };
}

/** A member's pending requests (one of this provider's members), soonest first. */
export async function pendingRequests(db: Db, providerId: string, staffId: string): Promise<TimeOffRequestRow[]> {
  if (!isUuid(staffId)) return [];
  return db
    .select({ id: staffTimeOffRequests.id, startDate: staffTimeOffRequests.startDate, endDate: staffTimeOffRequests.endDate, reason: staffTimeOffRequests.reason, status: staffTimeOffRequests.status })
    .from(staffTimeOffRequests)
    .innerJoin(staffMembers, eq(staffMembers.id, staffTimeOffRequests.staffId))
    .where(and(eq(staffTimeOffRequests.staffId, staffId), eq(staffMembers.providerId, providerId), eq(staffTimeOffRequests.status, "pending")))
    .orderBy(asc(staffTimeOffRequests.startDate));
}

/** How many requests wait for this provider, per member id. */
export async function pendingRequestCounts(db: Db, providerId: string): Promise<Map<string, number>> {
  const rows = await db
    .select({ staffId: staffTimeOffRequests.staffId, n: sql<number>`count(*)::int` })
    .from(staffTimeOffRequests)
    .innerJoin(staffMembers, eq(staffMembers.id, staffTimeOffRequests.staffId))
    .where(and(eq(staffMembers.providerId, providerId), eq(staffTimeOffRequests.status, "pending")))
    .groupBy(staffTimeOffRequests.staffId);
  return new Map(rows.map((r) => [r.staffId, r.n]));
}

/**
 * The provider approves (adding the time off, with the same conflict confirmation as their own)
 * or declines a pending request of one of their members. Another provider's request is
 * NOT_FOUND; one already decided is INVALID_STATE. Approval and the time off are one transaction.
 */
export async function decideTimeOffRequest(
  db: Db,
  args: { providerId: string; requestId: string; decision: "approve" | "decline"; confirmConflicts: boolean },
  now = new Date(),
): Promise<{ staffId: string; conflicts: number }> {
  if (!isUuid(args.requestId)) throw new AppError("NOT_FOUND");
  return db.transaction(async (tx) => {
    const [r] = await tx
      .select({ id: staffTimeOffRequests.id, staffId: staffTimeOffRequests.staffId, startDate: staffTimeOffRequests.startDate, endDate: staffTimeOffRequests.endDate, reason: staffTimeOffRequests.reason, status: staffTimeOffRequests.status })
      .from(staffTimeOffRequests)
      .innerJoin(staffMembers, eq(staffMembers.id, staffTimeOffRequests.staffId))
      .where(and(eq(staffTimeOffRequests.id, args.requestId), eq(staffMembers.providerId, args.providerId)))
      .for("update", { of: staffTimeOffRequests });
    if (!r) throw new AppError("NOT_FOUND");
    if (r.status !== "pending") throw new AppError("INVALID_STATE", "This request has already been answered.");
    let conflicts = 0;
    if (args.decision === "approve") {
      ({ conflicts } = await addTimeOff(tx, args.providerId, r.staffId, { startDate: r.startDate, endDate: r.endDate, reason: r.reason, confirmConflicts: args.confirmConflicts }, now));
    }
    await tx
      .update(staffTimeOffRequests)
      .set({ status: args.decision === "approve" ? "approved" : "declined", decidedAt: now })
      .where(eq(staffTimeOffRequests.id, r.id));
    return { staffId: r.staffId, conflicts };
  });
}

/** The provider's setting: members add their own time off directly, or request it. Unchanged, nothing is written. */
export async function setStaffAddTimeOff(db: Db, providerId: string, direct: boolean): Promise<void> {
  await db
    .update(providers)
    .set({ staffAddTimeOff: direct })
    .where(and(eq(providers.id, providerId), ne(providers.staffAddTimeOff, direct)));
}
