import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "@/db";
import { providers, staffInvites, staffMembers, users } from "@/db/schema";
import { normalizeEmail } from "@/lib/auth/email";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { hashToken, newToken } from "@/lib/infra/tokens";
import { env } from "@/lib/infra/env";
import { AppError } from "@/lib/infra/errors";
import { queueMail } from "@/lib/infra/outbox/mail";
import { isUuid } from "@/lib/infra/validation";
import { assertOwnMemberOrThrow } from "./ownership";
import { STAFF_ERROR_MESSAGES } from "./flash";

export const INVITE_TTL_DAYS = 7;

export const inviteUrl = (token: string) => `${env().APP_URL}/invite/${token}`;

export type InviteStatus =
  | { state: "none" }
  | { state: "linked" }
  | { state: "pending"; email: string; expiresAt: Date; sentAt: Date }
  | { state: "expired"; email: string };

/** Where a member's login stands: linked, an invitation out (or lapsed), or nothing yet. */
export async function getInviteStatus(db: Db, providerId: string, staffId: string, now = new Date()): Promise<InviteStatus> {
  const [member] = await db
    .select({ userId: staffMembers.userId })
    .from(staffMembers)
    .where(and(eq(staffMembers.id, staffId), eq(staffMembers.providerId, providerId)));
  if (!member) throw new AppError("NOT_FOUND");
  if (member.userId) return { state: "linked" };
  const [invite] = await db
    .select({ email: staffInvites.email, expiresAt: staffInvites.expiresAt, createdAt: staffInvites.createdAt })
    .from(staffInvites)
    .where(and(eq(staffInvites.staffId, staffId), isNull(staffInvites.usedAt), isNull(staffInvites.revokedAt)))
    .orderBy(desc(staffInvites.createdAt))
    .limit(1);
  if (!invite) return { state: "none" };
  if (invite.expiresAt <= now) return { state: "expired", email: invite.email };
  return { state: "pending", email: invite.email, expiresAt: invite.expiresAt, sentAt: invite.createdAt };
}

async function revokeOpenInvites(tx: Tx, staffId: string, now: Date) {
  await tx
    .update(staffInvites)
    .set({ revokedAt: now })
    .where(and(eq(staffInvites.staffId, staffId), isNull(staffInvites.usedAt), isNull(staffInvites.revokedAt)));
}

/**
 * Sends (or re-sends) a login invitation to the member's email: any earlier link stops working,
 * a new single-use link valid for 7 days is mailed in the same transaction. Returns the token
 * (tests follow it; the app only mails it).
 */
export async function sendStaffInvite(db: Db, providerId: string, staffId: string, now = new Date()): Promise<string> {
  if (!isUuid(staffId)) throw new AppError("NOT_FOUND");
  return db.transaction(async (tx) => {
    const [member] = await tx
      .select({ name: staffMembers.name, email: staffMembers.email, active: staffMembers.active, userId: staffMembers.userId, business: providers.businessName })
      .from(staffMembers)
      .innerJoin(providers, eq(providers.id, staffMembers.providerId))
      .where(and(eq(staffMembers.id, staffId), eq(staffMembers.providerId, providerId)))
      .for("update", { of: staffMembers });
    if (!member) throw new AppError("NOT_FOUND");
    if (member.userId) throw new AppError("INVALID_STATE", STAFF_ERROR_MESSAGES.HAS_LOGIN);
    if (!member.active) throw new AppError("INVALID_STATE", STAFF_ERROR_MESSAGES.INVITE_INACTIVE);
    if (!member.email) throw new AppError("VALIDATION", STAFF_ERROR_MESSAGES.NO_EMAIL);
    await revokeOpenInvites(tx, staffId, now);
    const token = newToken();
    const expiresAt = new Date(now.getTime() + INVITE_TTL_DAYS * 86_400_000);
    await tx.insert(staffInvites).values({ staffId, email: member.email, tokenHash: hashToken(token), expiresAt, createdAt: now });
    await queueMail(tx, {
      to: member.email,
      subject: `${member.business} invited you to Slotbook`,
      text: [
        `Hi ${member.name},`,
        "",
        `${member.business} invited you to see your appointments on Slotbook. Set up your login here:`,
        inviteUrl(token),
        "",
        `The link works once and expires in ${INVITE_TTL_DAYS} days. If you weren't expecting this, ignore this mail.`,
      ].join("\n"),
    });
    return token;
  });
}

export async function revokeStaffInvite(db: Db, providerId: string, staffId: string, now = new Date()): Promise<void> {
  if (!isUuid(staffId)) throw new AppError("NOT_FOUND");
  await db.transaction(async (tx) => {
    await assertOwnMemberOrThrow(tx, providerId, staffId);
    await revokeOpenInvites(tx, staffId, now);
  });
}

export type InviteView =
  | { ok: true; email: string; memberName: string; businessName: string; existingAccount: "none" | "staff" | "other" }
  | { ok: false };

const validTokenShape = (token: string) => /^[A-Za-z0-9_-]{20,100}$/.test(token);

/** What the invite page shows for a token: nothing useful unless it is open, unexpired and the member active. */
export async function viewInvite(db: Db, token: string, now = new Date()): Promise<InviteView> {
  if (!validTokenShape(token)) return { ok: false };
  const [row] = await db
    .select({
      email: staffInvites.email,
      expiresAt: staffInvites.expiresAt,
      usedAt: staffInvites.usedAt,
      revokedAt: staffInvites.revokedAt,
      memberName: staffMembers.name,
      active: staffMembers.active,
      userId: staffMembers.userId,
      businessName: providers.businessName,
    })
    .from(staffInvites)
    .innerJoin(staffMembers, eq(staffMembers.id, staffInvites.staffId))
    .innerJoin(providers, eq(providers.id, staffMembers.providerId))
    .where(eq(staffInvites.tokenHash, hashToken(token)));
  if (!row || row.usedAt || row.revokedAt || row.expiresAt <= now || !row.active || row.userId) return { ok: false };
  const [account] = await db.select({ role: users.role }).from(users).where(eq(users.email, normalizeEmail(row.email)));
  return {
    ok: true,
    email: row.email,
    memberName: row.memberName,
    businessName: row.businessName,
    existingAccount: !account ? "none" : account.role === "staff" ? "staff" : "other",
  };
}

export type AcceptInput = { token: string; password: string; name?: string };

/**
 * Spends an invitation: creates the staff login with this password, or (when a staff account
 * with the invited email already exists and is not linked elsewhere) attaches it after checking
 * its password. The token row is claimed by a conditional update, so it works exactly once.
 * A client or provider account with that email is refused: one login has one role.
 */
export async function acceptStaffInvite(db: Db, input: AcceptInput, now = new Date()): Promise<{ userId: string; email: string }> {
  if (!validTokenShape(input.token)) throw new AppError("TOKEN_INVALID");
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [invite] = await tx
      .update(staffInvites)
      .set({ usedAt: now })
      .where(
        and(
          eq(staffInvites.tokenHash, hashToken(input.token)),
          isNull(staffInvites.usedAt),
          isNull(staffInvites.revokedAt),
          sql`${staffInvites.expiresAt} > ${now.toISOString()}::timestamptz`,
        ),
      )
      .returning({ staffId: staffInvites.staffId, email: staffInvites.email });
    if (!invite) throw new AppError("TOKEN_INVALID");
    const [member] = await tx
      .select({ id: staffMembers.id, name: staffMembers.name, active: staffMembers.active, userId: staffMembers.userId })
      .from(staffMembers)
      .where(eq(staffMembers.id, invite.staffId))
      .for("update");
    if (!member || !member.active || member.userId) throw new AppError("TOKEN_INVALID");
    const email = normalizeEmail(invite.email);
    const [existing] = await tx
      .select({ id: users.id, role: users.role, passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.email, email))
      .for("update");
    let userId: string;
    if (existing) {
      if (existing.role !== "staff") {
        throw new AppError(
          "CONFLICT",
          "This email already has a Slotbook account for booking or for a business. Ask the business to invite a different email address.",
        );
      }
      if (!existing.passwordHash || !(await verifyPassword(existing.passwordHash, input.password))) {
        throw new AppError("VALIDATION", "That password doesn't match your existing account.", {
          fieldErrors: { password: ["That password doesn't match your existing account."] },
        });
      }
      const [linked] = await tx.select({ id: staffMembers.id }).from(staffMembers).where(eq(staffMembers.userId, existing.id));
      if (linked) throw new AppError("CONFLICT", "That login already belongs to another team. Ask the business to invite a different email address.");
      userId = existing.id;
      // Opening the mailed link proves the address.
      await tx.update(users).set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)` }).where(eq(users.id, userId));
    } else {
      const [created] = await tx
        .insert(users)
        .values({ email, name: input.name?.trim() || member.name, role: "staff", passwordHash, emailVerifiedAt: now })
        .returning({ id: users.id });
      userId = created!.id;
    }
    await tx.update(staffMembers).set({ userId }).where(eq(staffMembers.id, member.id));
    return { userId, email };
  });
}
