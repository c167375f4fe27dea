import "server-only";
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { rateLimits } from "@/db/schema";
import { AppError } from "./errors";

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * Fixed-window counter in the database, so every app instance shares it. One statement: the
 * window resets and the count increments atomically, whoever races.
 */
export async function hitRateLimit(
  db: DbOrTx,
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date = new Date(),
): Promise<RateLimitResult> {
  // Dates inside sql`` go as ISO text: postgres.js cannot bind a raw Date there.
  const windowStart = sql`${new Date(now.getTime() - windowSeconds * 1000).toISOString()}::timestamptz`;
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const rows = await db
    .insert(rateLimits)
    .values({ key, windowStart: now, count: 1 })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.windowStart} <= ${windowStart} then 1 else ${rateLimits.count} + 1 end`,
        windowStart: sql`case when ${rateLimits.windowStart} <= ${windowStart} then ${nowSql} else ${rateLimits.windowStart} end`,
      },
    })
    .returning({ count: rateLimits.count, windowStart: rateLimits.windowStart });
  const row = rows[0]!;
  const resetAt = row.windowStart.getTime() + windowSeconds * 1000;
  return {
    allowed: row.count <= limit,
    remaining: Math.max(0, limit - row.count),
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt - now.getTime()) / 1000)),
  };
}

/** Throws RATE_LIMITED (with Retry-After seconds) once `key` has used up its window. */
export async function enforceRateLimit(db: DbOrTx, key: string, limit: number, windowSeconds: number): Promise<void> {
  if (limit <= 0) return;
  const r = await hitRateLimit(db, key, limit, windowSeconds);
  if (!r.allowed) throw new AppError("RATE_LIMITED", undefined, { retryAfter: r.retryAfterSeconds });
}

/** Resets a key, e.g. a successful sign-in clears that account's failure count. */
export async function clearRateLimit(db: DbOrTx, key: string): Promise<void> {
  await db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}

/** Gives back one hit, e.g. a successful sign-in does not count against its IP's failure budget. */
export async function refundRateLimit(db: DbOrTx, key: string): Promise<void> {
  await db
    .update(rateLimits)
    .set({ count: sql`greatest(${rateLimits.count} - 1, 0)` })
    .where(sql`${rateLimits.key} = ${key}`);
}
