import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { calendarIntegrations } from "@/db/schema";
import { decryptSecret, encryptSecret, type Keyring } from "@/lib/infra/crypto";
import type { Credentials } from "./google";

/*
 * Sealing and opening an integration's tokens. Bound to the owner (the provider, and the member
 * for a member's own connection), so a sealed token copied to another row does not open.
 */

type Owner = { providerId: string; staffId?: string | null };

const ctx = (o: Owner, which: "access" | "refresh") =>
  o.staffId ? `calendar:${o.providerId}:staff:${o.staffId}:${which}` : `calendar:${o.providerId}:${which}`;

export function sealTokens(owner: Owner, t: { accessToken: string; refreshToken: string }, ring?: Keyring) {
  return {
    accessTokenEnc: encryptSecret(t.accessToken, ctx(owner, "access"), ring),
    refreshTokenEnc: encryptSecret(t.refreshToken, ctx(owner, "refresh"), ring),
  };
}

export function openTokens(
  row: Owner & { accessTokenEnc: string; refreshTokenEnc: string; accessTokenExpiresAt: Date | null },
  ring?: Keyring,
): Credentials {
  return {
    access_token: decryptSecret(row.accessTokenEnc, ctx(row, "access"), ring),
    refresh_token: decryptSecret(row.refreshTokenEnc, ctx(row, "refresh"), ring),
    expiry_date: row.accessTokenExpiresAt?.getTime() ?? null,
    token_type: "Bearer",
  };
}

/**
 * Stores tokens a refresh returned, as they arrive. Google usually sends no new refresh token
 * on refresh: then the stored one is kept.
 */
export async function persistRefreshedTokens(db: DbOrTx, conn: Owner & { id: string }, t: Credentials): Promise<void> {
  if (!t.access_token) return;
  const set: Partial<typeof calendarIntegrations.$inferInsert> = {
    accessTokenEnc: encryptSecret(t.access_token, ctx(conn, "access")),
    accessTokenExpiresAt: t.expiry_date ? new Date(t.expiry_date) : null,
    updatedAt: new Date(),
  };
  if (t.refresh_token) set.refreshTokenEnc = encryptSecret(t.refresh_token, ctx(conn, "refresh"));
  await db.update(calendarIntegrations).set(set).where(eq(calendarIntegrations.id, conn.id));
}

/** Re-seals every stored token under the current key (npm run tokens:rotate). Returns how many rows changed. */
export async function rotateTokenKeys(db: DbOrTx, ring: Keyring): Promise<{ rotated: number; total: number }> {
  const rows = await db
    .select({
      id: calendarIntegrations.id,
      providerId: calendarIntegrations.providerId,
      staffId: calendarIntegrations.staffId,
      accessTokenEnc: calendarIntegrations.accessTokenEnc,
      refreshTokenEnc: calendarIntegrations.refreshTokenEnc,
      accessTokenExpiresAt: calendarIntegrations.accessTokenExpiresAt,
    })
    .from(calendarIntegrations);
  let rotated = 0;
  for (const row of rows) {
    const current = `v1.${ring.current.id}.`;
    if (row.accessTokenEnc.startsWith(current) && row.refreshTokenEnc.startsWith(current)) continue;
    const open = openTokens(row, ring);
    const sealed = sealTokens(row, { accessToken: open.access_token!, refreshToken: open.refresh_token! }, ring);
    await db.update(calendarIntegrations).set(sealed).where(eq(calendarIntegrations.id, row.id));
    rotated++;
  }
  return { rotated, total: rows.length };
}
