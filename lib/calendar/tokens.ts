import "server-only";
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { calendarIntegrations } from "@/db/schema";
import { decryptSecret, encryptSecret, type Keyring } from "@/lib/infra/crypto";
import type { Credentials } from "./google";

/* Sealing and opening an integration's tokens. Bound to the provider, so a sealed token copied to another row does not open. */

const ctx = (providerId: string, which: "access" | "refresh") => `calendar:${providerId}:${which}`;

export function sealTokens(providerId: string, t: { accessToken: string; refreshToken: string }, ring?: Keyring) {
  return {
    accessTokenEnc: encryptSecret(t.accessToken, ctx(providerId, "access"), ring),
    refreshTokenEnc: encryptSecret(t.refreshToken, ctx(providerId, "refresh"), ring),
  };
}

export function openTokens(
  row: { providerId: string; accessTokenEnc: string; refreshTokenEnc: string; accessTokenExpiresAt: Date | null },
  ring?: Keyring,
): Credentials {
  return {
    access_token: decryptSecret(row.accessTokenEnc, ctx(row.providerId, "access"), ring),
    refresh_token: decryptSecret(row.refreshTokenEnc, ctx(row.providerId, "refresh"), ring),
    expiry_date: row.accessTokenExpiresAt?.getTime() ?? null,
    token_type: "Bearer",
  };
}

/**
 * Stores tokens a refresh returned, as they arrive. Google usually sends no new refresh token
 * on refresh: then the stored one is kept.
 */
export async function persistRefreshedTokens(db: DbOrTx, providerId: string, t: Credentials): Promise<void> {
  if (!t.access_token) return;
  const set: Partial<typeof calendarIntegrations.$inferInsert> = {
    accessTokenEnc: encryptSecret(t.access_token, ctx(providerId, "access")),
    accessTokenExpiresAt: t.expiry_date ? new Date(t.expiry_date) : null,
    updatedAt: new Date(),
  };
  if (t.refresh_token) set.refreshTokenEnc = encryptSecret(t.refresh_token, ctx(providerId, "refresh"));
  await db.update(calendarIntegrations).set(set).where(eq(calendarIntegrations.providerId, providerId));
}

/** Re-seals every stored token under the current key (npm run tokens:rotate). Returns how many rows changed. */
export async function rotateTokenKeys(db: DbOrTx, ring: Keyring): Promise<{ rotated: number; total: number }> {
  const rows = await db
    .select({
      providerId: calendarIntegrations.providerId,
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
    const sealed = sealTokens(row.providerId, { accessToken: open.access_token!, refreshToken: open.refresh_token! }, ring);
    await db.update(calendarIntegrations).set(sealed).where(eq(calendarIntegrations.providerId, row.providerId));
    rotated++;
  }
  return { rotated, total: rows.length };
}
