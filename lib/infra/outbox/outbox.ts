import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { mailMessages, smsMessages } from "@/db/schema";

/*
 * Delivery of one recorded message, mail or text: both outbox tables share their delivery
 * columns (db/schema/columns.ts deliveryColumns), so one state machine serves both.
 */

/**
 * Claims the row if it is still pending (a retried or duplicated job never sends twice after
 * a success), marks it captured without a transport, sent on success; on failure records the
 * error, and a permanent one ends the row as failed while a transient one throws for a retry.
 */
export async function deliverOutboxRow<Row>(
  db: Db,
  table: typeof mailMessages | typeof smsMessages,
  messageId: string,
  /** The transport, looked up once the row is claimed; undefined means capture instead. */
  transport: () => Promise<((row: Row) => Promise<void>) | undefined>,
  isPermanent: (error: unknown) => boolean,
): Promise<void> {
  const [row] = await db
    .update(table)
    .set({ attempts: sql`${table.attempts} + 1` })
    .where(and(eq(table.id, messageId), eq(table.status, "pending")))
    .returning();
  if (!row) return;
  const send = await transport();
  if (!send) {
    await db.update(table).set({ status: "captured", sentAt: new Date() }).where(eq(table.id, row.id));
    return;
  }
  try {
    await send(row as Row);
  } catch (e) {
    const permanent = isPermanent(e);
    await db
      .update(table)
      .set({ lastError: String((e as Error).message ?? e).slice(0, 500), ...(permanent ? { status: "failed" as const } : {}) })
      .where(eq(table.id, row.id));
    if (permanent) return;
    throw e; // transient: pg-boss retries with backoff
  }
  await db.update(table).set({ status: "sent", sentAt: new Date(), lastError: null }).where(eq(table.id, row.id));
}
