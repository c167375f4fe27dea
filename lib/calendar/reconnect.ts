import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { calendarIntegrations, providers, users } from "@/db/schema";
import { env } from "@/lib/infra/env";
import { queueMail } from "@/lib/infra/outbox/mail";

/*
 * A connection Google no longer accepts (invalid_grant, or tokens we can no longer open):
 * marked "needs reconnect", and its owner is told once per lapse (a reconnect clears the mark).
 * Its busy intervals keep counting for BUSY_GRACE_HOURS after the lapse (slot_availability and
 * lib/booking/staff-load.ts hold the same number), then block nothing until a reconnect reads
 * the calendar afresh.
 */

export const BUSY_GRACE_HOURS = 24;

export async function markNeedsReconnect(db: Db, providerId: string, message: string, at: Date): Promise<void> {
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
      .where(eq(calendarIntegrations.providerId, providerId))
      .returning({ id: calendarIntegrations.id, googleEmail: calendarIntegrations.googleEmail });
    if (!row) return;
    // Told once: the first lapse that finds no notice sent claims it.
    const claimed = await tx
      .update(calendarIntegrations)
      .set({ reconnectNoticeAt: at })
      .where(and(eq(calendarIntegrations.id, row.id), isNull(calendarIntegrations.reconnectNoticeAt)))
      .returning({ id: calendarIntegrations.id });
    if (claimed.length === 0) return;
    const [owner] = await tx
      .select({ email: users.email, businessName: providers.businessName })
      .from(providers)
      .innerJoin(users, eq(users.id, providers.ownerId))
      .where(eq(providers.id, providerId));
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
        `Reconnect: ${env().APP_URL}/dashboard/calendar`,
      ].join("\n"),
    });
  });
}
