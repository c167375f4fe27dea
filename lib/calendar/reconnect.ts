import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { calendarIntegrations, providers, staffMembers, users } from "@/db/schema";
import { env } from "@/lib/infra/env";
import { queueMail } from "@/lib/infra/outbox/mail";

/*
 * A connection Google no longer accepts (invalid_grant, or tokens we can no longer open):
 * marked "needs reconnect", and its owner is told once per lapse (a reconnect clears the mark):
 * the business's owner for the business's connection, the member for a member's own.
 * Its busy intervals keep counting for BUSY_GRACE_HOURS after the lapse (the view
 * active_busy_intervals, drizzle/0016, holds the same number), then block nothing until a reconnect reads
 * the calendar afresh.
 */

export const BUSY_GRACE_HOURS = 24;

export async function markNeedsReconnect(db: Db, integrationId: string, message: string, at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(calendarIntegrations)
      .set({
        status: "needs_reconnect",
        lastError: message,
        lastErrorAt: at,
        updatedAt: at,
        needsReconnectAt: sql`coalesce(${calendarIntegrations.needsReconnectAt}, ${at.toISOString()}::timestamptz)`,
      })
      .where(eq(calendarIntegrations.id, integrationId))
      .returning({
        id: calendarIntegrations.id,
        providerId: calendarIntegrations.providerId,
        staffId: calendarIntegrations.staffId,
        googleEmail: calendarIntegrations.googleEmail,
      });
    if (!row) return;
    // Told once: the first lapse that finds no notice sent claims it.
    const claimed = await tx
      .update(calendarIntegrations)
      .set({ reconnectNoticeAt: at })
      .where(and(eq(calendarIntegrations.id, row.id), isNull(calendarIntegrations.reconnectNoticeAt)))
      .returning({ id: calendarIntegrations.id });
    if (claimed.length === 0) return;
    const [owner] = row.staffId
      ? await tx
          .select({ email: users.email, businessName: providers.businessName })
          .from(staffMembers)
          .innerJoin(providers, eq(providers.id, staffMembers.providerId))
          .innerJoin(users, eq(users.id, staffMembers.userId))
          .where(and(eq(staffMembers.id, row.staffId), eq(staffMembers.providerId, row.providerId)))
      : await tx
          .select({ email: users.email, businessName: providers.businessName })
          .from(providers)
          .innerJoin(users, eq(users.id, providers.ownerId))
          .where(eq(providers.id, row.providerId));
    if (!owner) return;
    await queueMail(tx, {
      to: owner.email,
      subject: "Reconnect Google Calendar to Slotbook",
      text: [
        `Google no longer accepts Slotbook's access to ${row.googleEmail} for ${owner.businessName}.`,
        "",
        "Until you reconnect, new appointments are not added to that calendar, and after " +
          `${BUSY_GRACE_HOURS} hours the busy times Slotbook last read from it stop blocking bookings.`,
        "",
        `Reconnect: ${env().APP_URL}${row.staffId ? "/staff/calendar" : "/dashboard/calendar"}`,
      ].join("\n"),
    });
  });
}
